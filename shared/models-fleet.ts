// DTOs of fleet-wide views and bulk actions: the overview, tags, task batches, settings that
// are not per device. Plain data only, as in models.ts.
import type { TaskStatus } from './models.ts';

export interface ModelCount {
  manufacturer: string;
  modelName: string;
  count: number;
}

export interface FirmwareCount {
  softwareVersion: string;
  count: number;
}

/** The fleet at a glance (Overview page). */
export interface Overview {
  generatedAt: string;
  devices: number;
  online: number;
  late: number;
  offline: number;
  /** The most common models, largest first (at most 20). */
  byModel: ModelCount[];
  /** The most common firmware versions, largest first (at most 20). */
  byFirmware: FirmwareCount[];
  /** Devices with at least one task that ended in a fault (still in history). */
  failingDevices: number;
  tasks: { queued: number; running: number };
  /** First contact of new devices per UTC day, oldest first, the last 30 days (days with none included). */
  newDevicesPerDay: { day: string; count: number }[];
  /** Inform sessions per UTC hour, oldest first, the last 48 hours (hours with none included). */
  informsPerHour: { hour: string; count: number }[];
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface TagResult {
  /** Devices the selection matched. */
  devices: number;
  /** Device-tag pairs added and removed. */
  added: number;
  removed: number;
}

export interface DeleteResult {
  removed: number;
}

/** What a bulk task request queued. */
export interface CreateTasksResult {
  batchId: string;
  /** Devices the selection matched. */
  selected: number;
  queued: number;
  /** Devices whose task was refused (unknown parameter, wrong type ...), at most 100 listed. */
  refused: { deviceId: string; message: string }[];
  refusedCount: number;
}

/** A bulk action's progress: its tasks by status and the connection requests sent for it. */
export interface TaskBatch {
  batchId: string;
  name: string;
  createdAt: string;
  total: number;
  byStatus: Record<TaskStatus, number>;
  connectionRequests: { pending: number; reached: number; failed: number };
}

export interface DefaultCredentials {
  username: string;
  password: string;
  updatedAt: string;
}

export interface ApiTokenInfo {
  token: string;
}
