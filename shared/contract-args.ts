// Runtime schemas of every contract method's argument object (valibot). The TypeScript argument
// types are inferred from these, and the core checks each call against its schema once, at the
// AcsApi boundary (electron/core/api-validate.ts), whichever transport it came by.
// Objects are strict: an unknown key is refused, so a misspelt filter is an error, not ignored.
import * as v from 'valibot';
import { deviceSortKeys, deviceStatuses } from './device-status.ts';
import { taskStatuses } from './models.ts';
import { monitoringArgSchemas } from './contract-args-monitoring.ts';
import { profileArgSchemas } from './contract-args-profiles.ts';
import { subscriberArgSchemas } from './contract-args-subscribers.ts';

const text = (name: string) => v.string(`'${name}' must be a string`);
const nonEmpty = (name: string) => v.pipe(v.string(`'${name}' must be a string`), v.trim(), v.nonEmpty(`'${name}' must not be empty`));
const whole = (name: string, min: number, max: number) => {
  const message = `'${name}' must be a whole number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
const flag = (name: string) => v.boolean(`'${name}' must be true or false`);
const oneOf = <T extends string>(name: string, options: readonly T[]) =>
  v.picklist(options, `'${name}' must be one of ${options.join(', ')}`);

/** A device id: OUI-ProductClass-SerialNumber, as stored. */
export const deviceId = nonEmpty('id');
const noArgs = v.strictObject({});
const byId = v.strictObject({ id: deviceId });

/** Tags: short labels an operator puts on devices ("tower-3", "vip"). */
export const tagSchema = v.pipe(
  v.string('a tag must be a string'),
  v.trim(),
  v.nonEmpty('a tag must not be empty'),
  v.maxLength(40, 'a tag is at most 40 characters'),
  v.regex(/^[\p{L}\p{N} _.:@+-]+$/u, 'a tag may hold letters, digits, spaces and _ . : @ + -'),
);
const tagList = (name: string) =>
  v.pipe(v.array(tagSchema, `'${name}' must be a list of tags`), v.maxLength(50, `'${name}' holds at most 50 tags`));

/** What narrows the device list; every field given must hold (they combine with AND). */
export const deviceFilterEntries = {
  /** Search as you type: serial, MAC, IP, model, manufacturer, firmware, id (3+ characters: substring). */
  q: v.optional(text('q')),
  /** With `value`: only devices whose parameter at this path has exactly this value. */
  param: v.optional(nonEmpty('param')),
  value: v.optional(text('value')),
  status: v.optional(oneOf('status', deviceStatuses)),
  /** Exact model name. */
  model: v.optional(text('model')),
  /** Exact firmware (software) version. */
  firmware: v.optional(text('firmware')),
  tag: v.optional(tagSchema),
  /** Only devices with a task that ended in a fault (still in history). */
  failing: v.optional(flag('failing')),
  /** Only these devices (at most 1,000): the UI refreshes rows it shows this way. */
  ids: v.optional(v.pipe(v.array(deviceId, "'ids' must be a list of device ids"), v.maxLength(1000, "'ids' holds at most 1000 ids"))),
};

const paramNeedsValue = <T extends { param?: string | undefined; value?: string | undefined }>() =>
  v.check<T, string>(
    (a) => (a.param === undefined) === (a.value === undefined),
    "'param' and 'value' go together: param=Device.X.Y&value=...",
  );

export const deviceFilterSchema = v.pipe(v.strictObject(deviceFilterEntries), paramNeedsValue());

/** Which devices a bulk action applies to: a list of ids, or every device matching a filter. */
export const deviceSelectionSchema = v.pipe(
  v.strictObject({
    ids: v.optional(
      v.pipe(
        v.array(deviceId, "'ids' must be a list of device ids"),
        v.minLength(1, "'ids' must name at least one device"),
        v.maxLength(100_000, "'ids' holds at most 100000 ids"),
      ),
    ),
    filter: v.optional(deviceFilterSchema),
  }),
  v.check((s) => (s.ids === undefined) !== (s.filter === undefined), "'selection' must be {ids: [...]} or {filter: {...}}"),
);

const taskOptionEntries = {
  /** Send a connection request so the device opens a session now. */
  connectionRequest: v.optional(flag('connectionRequest')),
  /** Seconds the task may stay queued before it expires (default one day). */
  expiresInSeconds: v.optional(whole('expiresInSeconds', 1, 86_400 * 30)),
};

const backupRef = v.strictObject({ backupId: whole('backupId', 1, Number.MAX_SAFE_INTEGER) });
const credentials = v.strictObject({ id: deviceId, username: nonEmpty('username'), password: text('password') });

const fileMeta = {
  /** A TR-069 file type: '1 Firmware Upgrade Image' ... or a vendor-specific 'X <OUI> <name>'. */
  fileType: v.optional(
    v.pipe(
      v.string("'fileType' must be a string"),
      v.regex(/^([1-5] .+|X .+)$/, "'fileType' must be a TR-069 file type such as '1 Firmware Upgrade Image' or 'X <OUI> <name>'"),
    ),
  ),
  version: v.optional(text('version')),
  manufacturer: v.optional(text('manufacturer')),
  oui: v.optional(text('oui')),
  productClass: v.optional(text('productClass')),
};
const hhmm = (name: string) =>
  v.pipe(v.string(`'${name}' must be a time HH:MM`), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, `'${name}' must be a time HH:MM`));

/** Every contract method's argument schema. The method list of the contract is these keys. */
export const apiArgSchemas = {
  serverInfo: noArgs,
  getOverview: noArgs,
  listDevices: v.pipe(
    v.strictObject({
      ...deviceFilterEntries,
      sort: v.optional(oneOf('sort', deviceSortKeys)),
      order: v.optional(oneOf('order', ['asc', 'desc'] as const)),
      /** The `next` cursor of the previous page (keyset paging); stays valid while rows change. */
      after: v.optional(nonEmpty('after')),
      offset: v.optional(whole('offset', 0, Number.MAX_SAFE_INTEGER)),
      limit: v.optional(whole('limit', 1, 1000)),
    }),
    paramNeedsValue(),
  ),
  getDevice: byId,
  deleteDevice: byId,
  /** The stored parameters (under `prefix`); secret values (passwords, Wi-Fi keys) masked unless `reveal`. */
  getParameters: v.strictObject({ id: deviceId, prefix: v.optional(text('prefix')), reveal: v.optional(flag('reveal')) }),
  /** The device page's summary card: identity, uptime, WAN, LAN, Wi-Fi, connection requests. */
  getDeviceSummary: byId,
  /** Each common setting (wifi.ssid, wan.pppoe.username ...) with the path it resolved to on the device and its value (secrets masked unless `reveal`), or why it is unsupported. */
  getDeviceSettings: v.strictObject({ id: deviceId, reveal: v.optional(flag('reveal')) }),
  /** The catalog of common settings: key, label, group, type, secret. */
  listCommonSettings: noArgs,
  /** Common settings to change, as ONE setParameterValues task (an unknown, unsupported or read-only key is refused by name). */
  setDeviceSettings: v.strictObject({
    id: deviceId,
    values: v.pipe(
      v.record(
        v.string(),
        v.union([v.string(), v.number(), v.boolean()], 'a value must be text, a number or true/false'),
        "'values' must be an object of common setting -> value",
      ),
      v.check((r) => Object.keys(r).length > 0, "'values' must name at least one common setting"),
    ),
    ...taskOptionEntries,
    /** Seconds to wait for the task to finish (with connectionRequest); 0 returns at once. */
    waitSeconds: v.optional(whole('waitSeconds', 0, 120)),
  }),
  /** Checks values against the device's stored tree (types, writability) without queueing anything. */
  checkValues: v.strictObject({
    id: deviceId,
    values: v.pipe(
      v.array(
        v.tuple([nonEmpty('path'), v.union([v.string(), v.number(), v.boolean()], 'a value must be text, a number or true/false')]),
        "'values' must be a list of [path, value]",
      ),
      v.minLength(1, "'values' must hold at least one [path, value]"),
      v.maxLength(1000, "'values' holds at most 1000 entries"),
    ),
  }),
  /** The device's faults, newest first, each with its explanation and suggested fix. */
  listFaults: v.strictObject({ id: deviceId, limit: v.optional(whole('limit', 1, 500)) }),
  /** The device's recent sessions, newest first. */
  listSessions: v.strictObject({ id: deviceId, limit: v.optional(whole('limit', 1, 500)) }),
  /** One session with its messages in order (raw SOAP, passwords masked), for the inspector. */
  getSession: v.strictObject({ sessionId: whole('sessionId', 1, Number.MAX_SAFE_INTEGER) }),
  listTags: noArgs,
  tagDevices: v.pipe(
    v.strictObject({ selection: deviceSelectionSchema, add: v.optional(tagList('add')), remove: v.optional(tagList('remove')) }),
    v.check((a) => (a.add?.length ?? 0) + (a.remove?.length ?? 0) > 0, "give tags to 'add' or 'remove'"),
  ),
  deleteDevices: v.strictObject({ selection: deviceSelectionSchema }),
  createTask: v.strictObject({
    id: deviceId,
    /** A TaskSpec, e.g. {"name": "reboot"}; checked against the device's stored tree by the core. */
    task: v.unknown(),
    ...taskOptionEntries,
    /** Seconds to wait for the task to finish (with connectionRequest); 0 returns at once. */
    waitSeconds: v.optional(whole('waitSeconds', 0, 120)),
  }),
  /** One task per selected device, queued together as a batch whose progress can be followed. */
  createTasks: v.strictObject({ selection: deviceSelectionSchema, task: v.unknown(), ...taskOptionEntries }),
  getTaskBatch: v.strictObject({ batchId: nonEmpty('batchId') }),
  listTasks: v.strictObject({
    deviceId: v.optional(deviceId),
    status: v.optional(oneOf('status', taskStatuses)),
    batchId: v.optional(nonEmpty('batchId')),
    /** A task name (refresh, setParameterValues, reboot ...). */
    name: v.optional(nonEmpty('name')),
    limit: v.optional(whole('limit', 1, 1000)),
  }),
  getTask: v.strictObject({ taskId: whole('taskId', 1, Number.MAX_SAFE_INTEGER) }),
  cancelTask: v.strictObject({ taskId: whole('taskId', 1, Number.MAX_SAFE_INTEGER) }),
  /** Queues a new task with the same device, name and arguments as a finished one (failed, expired, cancelled). */
  retryTask: v.strictObject({ taskId: whole('taskId', 1, Number.MAX_SAFE_INTEGER) }),
  connectionRequest: byId,
  /**
   * Switches the device to STUN (TR-069 Annex G): one SetParameterValues of its
   * ManagementServer.STUN* parameters naming DeskACS's STUN server, then a read of
   * UDPConnectionRequestAddress. `serverAddress`: where devices reach DeskACS (default: the host
   * of the device's ACS URL).
   */
  enableStun: v.strictObject({
    id: deviceId,
    serverAddress: v.optional(nonEmpty('serverAddress')),
    connectionRequest: v.optional(flag('connectionRequest')),
  }),
  /** Whether DeskACS can wake the device, why not, and what to change. */
  getReachability: byId,
  /** The local CA's certificate (CWMP over TLS without the operator's own certificate). */
  getCaCertificate: noArgs,
  /** CWMP over TLS as saved; applies when DeskACS next starts (serve --tls-port takes precedence). */
  getCwmpTlsSettings: noArgs,
  setCwmpTlsSettings: v.pipe(
    v.strictObject({
      /** The HTTPS port; null turns the TLS listener off. */
      port: v.nullable(whole('port', 1, 65535)),
      /** The operator's PEM certificate and key files; both null (or absent): the local CA signs one. */
      certPath: v.optional(v.nullable(nonEmpty('certPath'))),
      keyPath: v.optional(v.nullable(nonEmpty('keyPath'))),
    }),
    v.check((a) => (a.certPath == null) === (a.keyPath == null), "'certPath' and 'keyPath' go together"),
  ),
  getDeviceCredentials: byId,
  setDeviceCredentials: credentials,
  deleteDeviceCredentials: byId,
  getCpeCredentials: byId,
  setCpeCredentials: credentials,
  deleteCpeCredentials: byId,
  /** Connection-request credentials used for devices that have none of their own. */
  getDefaultCredentials: noArgs,
  setDefaultCredentials: v.strictObject({ username: nonEmpty('username'), password: text('password') }),
  deleteDefaultCredentials: noArgs,
  getCpeAuth: noArgs,
  setCpeAuth: v.strictObject({
    mode: v.optional(oneOf('mode', ['digest', 'basic', 'none'] as const)),
    realm: v.optional(text('realm')),
    username: v.optional(text('username')),
    password: v.optional(text('password')),
    unknownDevices: v.optional(oneOf('unknownDevices', ['register', 'refuse'] as const)),
    /** With CWMP over TLS on: still accept Basic (password in clear) over plain HTTP. */
    allowBasicOverHttp: v.optional(flag('allowBasicOverHttp')),
  }),
  importDeviceCredentials: v.strictObject({
    rows: v.array(
      v.strictObject({ deviceId: nonEmpty('deviceId'), username: text('username'), password: text('password') }),
      "'rows' must be a list of {deviceId, username, password}",
    ),
  }),
  getQuirkRules: noArgs,
  /** Checked by the core's rule parser, which names the offending rule. */
  setQuirkRules: v.strictObject({ rules: v.unknown() }),
  listRegistrations: noArgs,
  registerDevice: v.strictObject({ id: deviceId, note: v.optional(text('note')) }),
  unregisterDevice: byId,
  getHistorySettings: noArgs,
  setHistorySettings: v.strictObject({
    days: v.optional(whole('days', 1, 3650)),
    keepPerDevice: v.optional(whole('keepPerDevice', 1, 1000)),
  }),
  pruneHistory: noArgs,
  /** The file library (firmware images, configuration files ...). */
  listFiles: noArgs,
  getFile: v.strictObject({ fileId: whole('fileId', 1, Number.MAX_SAFE_INTEGER) }),
  /** Rename a file or correct its metadata. */
  updateFile: v.strictObject({ fileId: whole('fileId', 1, Number.MAX_SAFE_INTEGER), name: v.optional(nonEmpty('name')), ...fileMeta }),
  /** Refused (conflict) while a rollout that is not over uses the file. */
  deleteFile: v.strictObject({ fileId: whole('fileId', 1, Number.MAX_SAFE_INTEGER) }),
  /**
   * Adding a file in pieces (the desktop app over IPC; HTTP clients can also POST the raw file to
   * /api/files): begin, append chunks in order, finish (SHA-256, duplicate check, metadata).
   */
  beginFileUpload: v.strictObject({ name: nonEmpty('name'), size: whole('size', 1, 8 * 1024 ** 3), ...fileMeta }),
  appendFileUpload: v.strictObject({
    uploadId: nonEmpty('uploadId'),
    /** The byte offset of this chunk (must equal what was received so far). */
    offset: whole('offset', 0, 8 * 1024 ** 3),
    chunk: v.pipe(
      v.instance(Uint8Array, "'chunk' must be bytes (Uint8Array)"),
      v.check((c) => c.byteLength <= 8 * 1024 * 1024, "'chunk' is at most 8 MiB"),
    ),
  }),
  finishFileUpload: v.strictObject({ uploadId: nonEmpty('uploadId') }),
  cancelFileUpload: v.strictObject({ uploadId: nonEmpty('uploadId') }),
  /** CPE fetches of served files, newest first (wrong or expired URLs included). */
  listFileFetches: v.strictObject({
    fileId: v.optional(whole('fileId', 1, Number.MAX_SAFE_INTEGER)),
    deviceId: v.optional(deviceId),
    limit: v.optional(whole('limit', 1, 1000)),
  }),
  /** A firmware rollout over many devices in waves. */
  createRollout: v.pipe(
    v.strictObject({
      fileId: whole('fileId', 1, Number.MAX_SAFE_INTEGER),
      /** Which devices: a selection, or the shorthands `deviceIds` (a list) or `q` (a search); exactly one of the three. */
      selection: v.optional(deviceSelectionSchema),
      deviceIds: v.optional(
        v.pipe(
          v.array(deviceId, "'deviceIds' must be a list of device ids"),
          v.minLength(1, "'deviceIds' must name at least one device"),
          v.maxLength(100_000, "'deviceIds' holds at most 100000 ids"),
        ),
      ),
      q: v.optional(nonEmpty('q')),
      /** Devices per wave: the first is the canary; the last size repeats until every device had its turn. */
      waveSizes: v.pipe(
        v.array(whole('waveSizes[]', 1, 100_000), "'waveSizes' must be a list of whole numbers"),
        v.minLength(1, "'waveSizes' needs at least one wave"),
        v.maxLength(50, "'waveSizes' holds at most 50 waves"),
      ),
      /** Transfers at once. */
      concurrency: whole('concurrency', 1, 1000),
      /** 0-1: a wave whose failed share passes this pauses the rollout. */
      failureThreshold: v.pipe(
        v.number("'failureThreshold' must be a number from 0 to 1"),
        v.minValue(0, "'failureThreshold' must be a number from 0 to 1"),
        v.maxValue(1, "'failureThreshold' must be a number from 0 to 1"),
      ),
      window: v.optional(v.strictObject({ start: hhmm('window.start'), end: hhmm('window.end') })),
      /** Skip devices already on the file's version (default true). */
      skipCurrent: v.optional(flag('skipCurrent')),
    }),
    v.check(
      (a) => [a.selection, a.deviceIds, a.q].filter((x) => x !== undefined).length === 1,
      "name the devices with exactly one of 'selection', 'deviceIds' or 'q'",
    ),
  ),
  listRollouts: noArgs,
  getRollout: v.strictObject({ rolloutId: whole('rolloutId', 1, Number.MAX_SAFE_INTEGER) }),
  pauseRollout: v.strictObject({ rolloutId: whole('rolloutId', 1, Number.MAX_SAFE_INTEGER) }),
  resumeRollout: v.strictObject({ rolloutId: whole('rolloutId', 1, Number.MAX_SAFE_INTEGER) }),
  cancelRollout: v.strictObject({ rolloutId: whole('rolloutId', 1, Number.MAX_SAFE_INTEGER) }),
  /** What a push of `fileId` to the selection would do, before anything starts (the push dialog). */
  previewPush: v.strictObject({ fileId: whole('fileId', 1, Number.MAX_SAFE_INTEGER), selection: deviceSelectionSchema }),
  /** A device's configuration backups, newest first. */
  listBackups: byId,
  /** One backup with its content (text, base64 or snapshot values). */
  getBackup: backupRef,
  /** A snapshot of the device's stored writable values, now (for devices without Upload, or before a change). */
  createSnapshot: v.strictObject({ id: deviceId, label: v.optional(text('label')) }),
  /** Label a backup (labelled backups are kept by the scheduled clean-up). */
  updateBackup: v.strictObject({ backupId: whole('backupId', 1, Number.MAX_SAFE_INTEGER), label: text('label') }),
  deleteBackup: backupRef,
  /** Differences from backup `backupId` to backup `to`, or (snapshots, `to` omitted) to the stored values now. */
  diffBackups: v.strictObject({
    backupId: whole('backupId', 1, Number.MAX_SAFE_INTEGER),
    to: v.optional(whole('to', 1, Number.MAX_SAFE_INTEGER)),
  }),
  /** Sends the backup back to its device: Download (file type 3) for uploads, one setParameterValues for snapshots. */
  restoreBackup: v.strictObject({ backupId: whole('backupId', 1, Number.MAX_SAFE_INTEGER), ...taskOptionEntries }),
  getBackupSettings: noArgs,
  setBackupSettings: v.strictObject({
    enabled: v.optional(flag('enabled')),
    everyDays: v.optional(whole('everyDays', 1, 365)),
    keepPerDevice: v.optional(whole('keepPerDevice', 1, 1000)),
    maxUploadBytes: v.optional(whole('maxUploadBytes', 1024, 1024 ** 3)),
  }),
  /** Scheduled online backups of the database into <data>/db-backups (restore: serve --restore-db). */
  getDatabaseBackups: noArgs,
  setDatabaseBackups: v.strictObject({
    enabled: v.optional(flag('enabled')),
    everyHours: v.optional(whole('everyHours', 1, 720)),
    keep: v.optional(whole('keep', 1, 100)),
  }),
  backupDatabaseNow: noArgs,
  /** A device's diagnostics (ping, traceroute, speed tests, nslookup), newest first, with their results. */
  listDiagnostics: v.strictObject({ id: deviceId, limit: v.optional(whole('limit', 1, 500)) }),
  /** DeviceInfo.DeviceLog as the device last reported it (read it anew with a getParameterValues task). */
  getDeviceLog: byId,
  /** The JSON API's bearer token (browser mode, billing integrations). */
  getApiToken: noArgs,
  /** Replaces the API token: every API client (and open browser tab) must use the new one. */
  regenerateApiToken: noArgs,
  /** Metrics and alerts (contract-args-monitoring.ts). */
  ...monitoringArgSchemas,
  /** Provisioning profiles (contract-args-profiles.ts). */
  ...profileArgSchemas,
  /** Subscribers and the installer (contract-args-subscribers.ts). */
  ...subscriberArgSchemas,
} as const;

export type ApiArgSchemas = typeof apiArgSchemas;
export type DeviceFilter = v.InferOutput<typeof deviceFilterSchema>;
export type DeviceSelection = v.InferOutput<typeof deviceSelectionSchema>;
