// DTOs of the file library, transfers to CPEs and firmware rollouts (issue #12). Plain data only.

/** TR-069 file types (A.3.2.8): '1 Firmware Upgrade Image' ... or a vendor 'X <OUI> <name>'. */
export const standardFileTypes = [
  '1 Firmware Upgrade Image',
  '2 Web Content',
  '3 Vendor Configuration File',
  '4 Tone File',
  '5 Ringer File',
] as const;

/** A file in the library, stored in the data folder. */
export interface FileRecord {
  id: number;
  name: string;
  fileType: string;
  size: number;
  sha256: string;
  /** The firmware version the file installs (read from the name where a vendor pattern allows). */
  version: string;
  manufacturer: string;
  oui: string;
  productClass: string;
  createdAt: string;
  /** How many transfers and rollouts used it. */
  transfers: number;
  rollouts: number;
}

/** What adding a file did: stored it, or found the same bytes already there. */
export interface AddFileResult {
  file: FileRecord;
  /** True when a file with the same SHA-256 was already in the library (nothing stored twice). */
  duplicate: boolean;
}

/** A chunked upload in progress (the desktop app sends a file in pieces over IPC). */
export interface FileUpload {
  uploadId: string;
  received: number;
}

/** One CPE fetch of a file DeskACS served (or refused). */
export interface FileFetch {
  id: number;
  fileId: number | null;
  deviceId: string | null;
  method: string;
  /** HTTP status answered: 200, 206, 404 (wrong or expired URL), 401 ... */
  status: number;
  bytes: number;
  durationMs: number;
  remoteAddress: string;
  at: string;
}

export const rolloutStates = ['scheduled', 'running', 'paused', 'done', 'cancelled'] as const;
export type RolloutState = (typeof rolloutStates)[number];

export const rolloutDeviceStates = ['waiting', 'downloading', 'rebooting', 'verified', 'failed', 'skipped'] as const;
export type RolloutDeviceState = (typeof rolloutDeviceStates)[number];

export interface MaintenanceWindow {
  /** Local time 'HH:MM' the window opens and closes (may pass midnight: 23:00-05:00). */
  start: string;
  end: string;
}

export interface RolloutDevice {
  deviceId: string;
  serialNumber: string;
  wave: number;
  state: RolloutDeviceState;
  /** The version the device ran before, and after (when known). */
  fromVersion: string;
  toVersion: string | null;
  taskId: number | null;
  /** Why it failed or was skipped, in words ("came back on the old version V1.2"). */
  message: string;
  updatedAt: string;
}

export interface Rollout {
  id: number;
  fileId: number;
  fileName: string;
  version: string;
  state: RolloutState;
  /** Why it is paused ("wave 2: 3 of 20 failed (15 %), above the 10 % threshold"), or ''. */
  reason: string;
  waveSizes: number[];
  concurrency: number;
  /** Share of a wave's devices (0-1) that may fail before the rollout pauses itself. */
  failureThreshold: number;
  window: MaintenanceWindow | null;
  currentWave: number;
  createdAt: string;
  finishedAt: string | null;
  counts: Record<RolloutDeviceState, number>;
}

export interface RolloutDetail extends Rollout {
  devices: RolloutDevice[];
}

/** What pushing a file to a selection would do (shown before anything starts). */
export interface PushPreview {
  file: FileRecord;
  /** Devices the selection matched. */
  selected: number;
  /** Matching the file's manufacturer/OUI/product class (all when the file names none). */
  matching: number;
  /** Not matching the file's metadata: not sent the file. */
  mismatched: { count: number; models: { modelName: string; count: number }[] };
  /** Already on the file's version: skipped. */
  alreadyCurrent: number;
  /** Offline now: they get the file at their next contact. */
  offline: number;
  /** Would receive the file. */
  toUpgrade: number;
  models: { modelName: string; count: number }[];
}
