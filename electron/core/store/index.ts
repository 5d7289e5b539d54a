// The store: one SQLite database, one repository per table group, prepared statements cached
// for the Store's lifetime. openStore() migrates, then recovers what a killed process left
// behind (open sessions -> 'aborted', running tasks -> queued).
import { openDatabase, type Db, type StoreTarget } from './db.ts';
import { createBackupRepository, type BackupRepository } from './backups.ts';
import { createBackupTransferRepository, type BackupTransferRepository } from './backup-transfers.ts';
import { createCpeCredentialRepository, type CpeCredentialRepository } from './cpe-credentials.ts';
import { createCpeRequestRepository, type CpeRequestRepository } from './cpe-requests.ts';
import { createCrCredentialRepository, type CrCredentialRepository } from './cr-credentials.ts';
import { createDeviceRepository, type DeviceRepository } from './devices.ts';
import { createTagRepository, type TagRepository } from './device-tags.ts';
import { createFaultRepository, type FaultRepository } from './faults.ts';
import { createFileFetchRepository, type FileFetchRepository } from './file-fetches.ts';
import { createFileRepository, type FileRepository } from './files.ts';
import { createFleetStatsRepository, type FleetStatsRepository } from './fleet-stats.ts';
import { createHistoryRepository, type HistoryRepository } from './history.ts';
import { createInformRepository, type InformRepository } from './informs.ts';
import { CorruptDatabaseError, StoreError } from './errors.ts';
import { applyMigrations } from './migrations.ts';
import { createParameterRepository, type ParameterRepository } from './parameters.ts';
import { createRolloutRepository, type RolloutRepository } from './rollouts.ts';
import { createRegistrationRepository, type RegistrationRepository } from './registrations.ts';
import { createEventRepository, createSessionRepository, type EventRepository, type SessionRepository } from './sessions.ts';
import { createSessionLogRepository, type SessionLogRepository } from './session-logs.ts';
import { createSettingsRepository, type SettingsRepository } from './settings.ts';
import { createTaskBatchRepository, type TaskBatchRepository } from './task-batches.ts';
import { createTaskRepository, type TaskRepository } from './tasks.ts';
import { createStunBindingRepository, type StunBindingRepository } from './stun-bindings.ts';
import { createMetricRepository, type MetricRepository } from './metrics.ts';
import { createAlertRepository, type AlertRepository } from './alerts.ts';
import { createDiagnosticRepository, type DiagnosticRepository } from './diagnostics.ts';
import { createProfileRepository, type ProfileRepository } from './profiles.ts';
import { createSubscriberRepository, type SubscriberRepository } from './subscribers.ts';
import { createLearnedQuirkRepository, type LearnedQuirkRepository } from './learned-quirks.ts';
import { createMaintenance, quickCheck, type StoreMaintenance } from './maintenance.ts';
import { WalSync, type DurableCallback } from './wal-sync.ts';

export interface Store {
  devices: DeviceRepository;
  /** The operator's labels on devices. */
  tags: TagRepository;
  parameters: ParameterRepository;
  informs: InformRepository;
  sessions: SessionRepository;
  /** The session inspector's messages: a ring of the last sessions per device. */
  sessionLogs: SessionLogRepository;
  events: EventRepository;
  tasks: TaskRepository;
  /** Bulk task requests (createTasks) and their connection-request counters. */
  taskBatches: TaskBatchRepository;
  faults: FaultRepository;
  /** The overview's counts, and the hourly Inform counter. */
  fleetStats: FleetStatsRepository;
  cpeRequests: CpeRequestRepository;
  /** Pruning of old sessions, faults, CPE requests and finished tasks. */
  history: HistoryRepository;
  settings: SettingsRepository;
  /** Per-device CPE -> ACS credentials. */
  cpeCredentials: CpeCredentialRepository;
  /** Devices pre-registered before their first Inform. */
  registrations: RegistrationRepository;
  /** Per-device ACS -> CPE connection-request credentials (passwords included: never log these). */
  crCredentials: CrCredentialRepository;
  /** The file library's metadata (the bytes are under <data>/files/). */
  files: FileRepository;
  /** Per-transfer file URLs and the log of CPE fetches. */
  fileFetches: FileFetchRepository;
  /** Firmware rollouts and their devices' progress (the scheduler resumes from these). */
  rollouts: RolloutRepository;
  /** Configuration backups of devices (uploaded files' bytes are under <data>/backups/). */
  backups: BackupRepository;
  /** Per-transfer URLs of backups: uploads from devices and restores to them. */
  backupTransfers: BackupTransferRepository;
  /** STUN credentials and public UDP bindings of devices behind NAT (passwords included: never log these). */
  stunBindings: StunBindingRepository;
  /** Health metrics: series, raw samples, hourly aggregates, counter readings, fleet samples (migration 018). */
  metrics: MetricRepository;
  /** Alert rules and alerts (migration 018). */
  alerts: AlertRepository;
  /** Diagnostics run by devices (ping, traceroute, speed tests, nslookup): state and history. */
  diagnostics: DiagnosticRepository;
  /** Provisioning profiles, their applications, kept {{random}} values and per-device item states. */
  profiles: ProfileRepository;
  /** Subscribers (customers) and their device bindings (secrets included: never log these). */
  subscribers: SubscriberRepository;
  /** Quirks learned from each device's behaviour (migration 019), applied after the quirk rules. */
  learnedQuirks: LearnedQuirkRepository;
  /** Runs fn in one transaction (a savepoint when nested); rolls back if it throws. fn must be synchronous. */
  transaction<T>(fn: () => T): T;
  /**
   * Like transaction, but its COMMIT skips the fsync (synchronous=NORMAL): for writes whose
   * loss in a power cut is harmless and repaired at the next start (a session's end). WAL is
   * sequential, so the next durable commit's fsync makes these frames durable too.
   */
  lightTransaction<T>(fn: () => T): T;
  /**
   * Like transaction, but the COMMIT does not wait for the disk: `onDurable` is called once it
   * is (an fdatasync of the WAL on libuv's thread pool, shared by every commit made meanwhile),
   * or with an error if that failed. Where that is not possible (in memory, no WAL, the WAL file
   * cannot be opened) the commit is a FULL one and onDurable is called before this returns.
   * Never nested: inside another transaction it throws.
   */
  deferredSyncTransaction<T>(fn: () => T, onDurable: DurableCallback): T;
  /** Online backups and the integrity check (store/maintenance.ts). */
  maintenance: StoreMaintenance;
  close(): void;
  /** What openStore found left behind by a process that died, and recovered. */
  readonly recovered: OpenStoreResult;
}

export interface OpenStoreResult {
  /** Sessions found 'open' at startup and marked 'aborted'. */
  abortedSessions: number;
  /** Tasks found 'running' at startup and put back in the queue. */
  requeuedTasks: number;
}

export function openStore(options: StoreTarget, now: () => Date = () => new Date()): Store {
  const db = openChecked(options);
  try {
    applyMigrations(db, undefined, now);
    const parameters = createParameterRepository(db);
    const sessions = createSessionRepository(db);
    const events = createEventRepository(db);
    const tasks = createTaskRepository(db);
    const tags = createTagRepository(db);
    const recovered = db.transaction(() => ({ abortedSessions: sessions.abortOpen(now()), requeuedTasks: tasks.requeueRunning() }))();
    const walSync = 'path' in options && db.pragma('journal_mode', { simple: true }) === 'wal' ? new WalSync(`${options.path}-wal`) : null;
    const withoutFsync = normalSyncCommit(db);
    // One wrapper for every call: db.transaction(fn) builds a new one each time (measurable on
    // the Inform path, where each request's step runs in its own savepoint).
    const runInTransaction = db.transaction((fn: () => unknown) => fn());
    const inTransaction = <T>(fn: () => T): T => runInTransaction(fn) as T;
    return {
      devices: createDeviceRepository(db, tags),
      tags,
      parameters,
      informs: createInformRepository(db, { parameters, sessions }),
      sessions,
      sessionLogs: createSessionLogRepository(db),
      events,
      tasks,
      taskBatches: createTaskBatchRepository(db),
      faults: createFaultRepository(db),
      fleetStats: createFleetStatsRepository(db),
      cpeRequests: createCpeRequestRepository(db),
      history: createHistoryRepository(db),
      settings: createSettingsRepository(db, now),
      cpeCredentials: createCpeCredentialRepository(db, now),
      registrations: createRegistrationRepository(db, now),
      crCredentials: createCrCredentialRepository(db, now),
      files: createFileRepository(db),
      fileFetches: createFileFetchRepository(db),
      rollouts: createRolloutRepository(db),
      backups: createBackupRepository(db),
      backupTransfers: createBackupTransferRepository(db),
      stunBindings: createStunBindingRepository(db, now),
      metrics: createMetricRepository(db),
      alerts: createAlertRepository(db),
      diagnostics: createDiagnosticRepository(db),
      profiles: createProfileRepository(db),
      subscribers: createSubscriberRepository(db, now),
      learnedQuirks: createLearnedQuirkRepository(db),
      transaction: inTransaction,
      lightTransaction: <T>(fn: () => T): T => (db.inTransaction ? inTransaction(fn) : withoutFsync(() => inTransaction(fn))),
      deferredSyncTransaction: <T>(fn: () => T, onDurable: DurableCallback): T => {
        // Nested, "on disk" would be the outer transaction's to promise, not this one's.
        if (db.inTransaction) throw new StoreError('deferredSyncTransaction cannot run inside another transaction');
        if (walSync === null || !walSync.usable()) {
          const result = inTransaction(fn);
          onDurable(null);
          return result;
        }
        const result = withoutFsync(() => inTransaction(fn));
        walSync.request(onDurable);
        return result;
      },
      maintenance: createMaintenance(db),
      close: () => {
        walSync?.close();
        if (db.open) db.close();
      },
      recovered,
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens the database after PRAGMA quick_check (a file on disk only): a damaged file is refused
 * with CorruptDatabaseError, whose message tells how to recover (store/recover.ts), instead of
 * starting and then failing sessions at random.
 */
function openChecked(options: StoreTarget): Db {
  if (!('path' in options)) return openDatabase(options);
  let db: Db;
  try {
    db = openDatabase(options);
  } catch (err) {
    if (isCorruption(err)) throw new CorruptDatabaseError(options.path, [String((err as Error).cause ?? err)]);
    throw err;
  }
  let problems: string[];
  try {
    problems = quickCheck(db);
  } catch (err) {
    if (!isCorruption(err)) {
      db.close();
      throw err;
    }
    problems = [String(err)];
  }
  if (problems.length === 0) return db;
  db.close();
  throw new CorruptDatabaseError(options.path, problems);
}

function isCorruption(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) return true;
  }
  return false;
}

/** Runs fn (a whole transaction) with synchronous=NORMAL, so its COMMIT skips the fsync; then FULL again. */
function normalSyncCommit(db: Db): <T>(fn: () => T) => T {
  const normal = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  return (fn) => {
    normal.run();
    try {
      return fn();
    } finally {
      full.run();
    }
  };
}

export { deviceIdOf } from './device-id.ts';
export { CorruptDatabaseError, StoreError, MigrationError } from './errors.ts';
export type { StoreTarget } from './db.ts';
export type { DurableCallback } from './wal-sync.ts';
export type { DeviceSearch } from './devices.ts';
export type { DeviceListQuery, SortOrder } from './device-list.ts';
export type { StoredTaskBatch, TaskBatchRepository } from './task-batches.ts';
export type { FleetStatsRepository, ModelFirmwareCount } from './fleet-stats.ts';
export type { TagRepository } from './device-tags.ts';
export type { FaultInput, FaultRecord } from './faults.ts';
export type { FileChanges, FileInput, FileRepository } from './files.ts';
export type { BackupInput, BackupRepository, SnapshotValues } from './backups.ts';
export type { BackupTransfer, BackupTransferInput, BackupTransferRepository } from './backup-transfers.ts';
export type { FetchInput, FileFetchRepository, FileTransfer } from './file-fetches.ts';
export type { InFlightDevice, RolloutDeviceInput, RolloutInput, RolloutRepository, StoredRollout } from './rollouts.ts';
export type { HistoryPolicy, HistoryRemoved, PruneBatchInput, PruneBatchResult } from './history.ts';
export type { InformInput, InformResult } from './informs.ts';
export type { ParameterNameInput, ParameterValueInput } from './parameters.ts';
export type { SessionEndInput } from './sessions.ts';
export type { SessionLogRepository } from './session-logs.ts';
export type { CpeCredential, CpeCredentialInput, CpeCredentialRepository } from './cpe-credentials.ts';
export type { DeviceRegistration, RegistrationRepository } from './registrations.ts';
export type { SettingsRepository } from './settings.ts';
export type { EnqueueOptions, FinalTaskStatus, StoredTask } from './tasks.ts';
export type {
  CrCredentialImportResult,
  CrCredentialImportRow,
  CrCredentialInput,
  CrCredentialRepository,
  CrCredentialSource,
  StoredCrCredentials,
} from './cr-credentials.ts';
export type {
  DeviceRepository,
  FaultRepository,
  InformRepository,
  ParameterRepository,
  SessionRepository,
  EventRepository,
  TaskRepository,
  HistoryRepository,
};
