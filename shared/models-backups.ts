// Configuration backups (issue #12, item 5): a device's configuration kept by DeskACS, either a
// file the device uploaded (TR-069 Upload of a Vendor Configuration File or a log) or, for devices
// without Upload, a snapshot of its stored writable parameter values. Restoring sends an uploaded
// file back with Download (file type 3) or re-applies a snapshot as one setParameterValues task.

export const backupKinds = ['upload', 'snapshot'] as const;
export type BackupKind = (typeof backupKinds)[number];

/** Who asked for a backup. */
export const backupOrigins = ['manual', 'scheduled', 'api'] as const;
export type BackupOrigin = (typeof backupOrigins)[number];

export interface Backup {
  id: number;
  deviceId: string;
  kind: BackupKind;
  /** For uploads: the TR-069 file type the device sent ('1 Vendor Configuration File', '2 Vendor Log File'); '' for snapshots. */
  fileType: string;
  /** Bytes of the uploaded file; for a snapshot, the bytes of its stored values. */
  size: number;
  sha256: string;
  /** Snapshots: how many writable values it holds (uploads: 0). */
  parameterCount: number;
  /** The device's software version when the backup was taken. */
  softwareVersion: string;
  origin: BackupOrigin;
  /** The operator's note ('before the PPPoE change'), or ''. */
  label: string;
  /** The upload task that brought the file (null for snapshots). */
  taskId: number | null;
  /** True when the content is text (uploads shown and diffed line by line). */
  text: boolean;
  createdAt: string;
}

/** One parameter that differs between two snapshots (or a snapshot and the stored values now). */
export interface ParameterChange {
  name: string;
  /** null: absent on that side. */
  before: string | null;
  after: string | null;
}

/** One line of a text diff between two uploaded files. */
export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export type BackupDiff =
  | {
      kind: 'parameters';
      /** What was compared: backup ids, 'now' for the stored values of today. */
      from: number;
      to: number | 'now';
      changes: ParameterChange[];
      added: number;
      removed: number;
      changed: number;
    }
  | {
      kind: 'text';
      from: number;
      to: number;
      /** Unchanged runs longer than a few lines are cut to their edges. */
      lines: DiffLine[];
      added: number;
      removed: number;
      /** True when the files were too long to diff whole (the first part is shown). */
      truncated: boolean;
    }
  | { kind: 'binary'; from: number; to: number; identical: boolean };

/** The stored content of one backup (text uploads and snapshots; binary uploads give base64). */
export interface BackupContent {
  backup: Backup;
  /** Text uploads: the file's text. Snapshots: null. */
  text: string | null;
  /** Binary uploads: the bytes as base64 (files up to 1 MB; larger ones: null). */
  base64: string | null;
  /** Snapshots: the values as [name, value, xsd type]. */
  values: [string, string, string][] | null;
}

/** Scheduled backups: every device on a cadence, Upload where it is supported, a snapshot where not. */
export interface BackupSettings {
  enabled: boolean;
  /** Days between two scheduled backups of one device (7: weekly). */
  everyDays: number;
  /** Backups kept per device (oldest removed first; labelled ones are kept). */
  keepPerDevice: number;
  /** Largest upload accepted from a device, in bytes. */
  maxUploadBytes: number;
  /** When the next scheduled pass runs (null when disabled). */
  nextRunAt: string | null;
  /** The last pass: when, and how many devices got an upload task and how many a snapshot. */
  lastRun: { at: string; uploads: number; snapshots: number } | null;
}
