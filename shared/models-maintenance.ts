// Database maintenance: scheduled online backups of the SQLite database (issue #13, item 5).

/** One backup file in <data>/db-backups. */
export interface DatabaseBackup {
  /** The file name (in `folder`). */
  file: string;
  /** When it was taken (ISO 8601). */
  at: string;
  bytes: number;
}

export interface DatabaseBackupSettings {
  /** Scheduled backups on (a backup can be taken on demand either way). */
  enabled: boolean;
  /** Hours between scheduled backups (1 to 720). */
  everyHours: number;
  /** Backups kept; older ones are removed after each new one (1 to 100). */
  keep: number;
  /** Where the backups are written: <data>/db-backups. */
  folder: string;
  /** When the next scheduled backup runs (ISO 8601), or null when scheduling is off. */
  nextRunAt: string | null;
  /** Newest first. */
  backups: DatabaseBackup[];
}
