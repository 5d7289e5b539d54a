// Provisioning (issue #15): profiles that keep matching devices configured, subscribers (the
// operator's customers, imported from billing) bound to their routers, and the installer's
// per-device checklist. Values in a profile's `set` name a common setting ('wifi.ssid') or a raw
// path ('Device.X.Y'), and may hold {{variables}} from the device and its subscriber.

/** When a profile is applied to a device it matches. */
export const profileTriggers = ['firstContact', 'boot', 'everyInform', 'profileChange'] as const;
export type ProfileTrigger = (typeof profileTriggers)[number];

/** Which devices a profile applies to; every field given must hold. An empty match: every device. */
export interface ProfileMatch {
  /** Manufacturer OUI, 6 hex digits. */
  oui?: string;
  manufacturer?: string;
  productClass?: string;
  /** DeviceInfo.ModelName as stored. */
  model?: string;
  /** Software version range, compared segment by segment ('1.2.10' > '1.2.9'); both ends included. */
  softwareVersion?: { min?: string; max?: string };
  /** A serial-number pattern with * and ? wildcards ('2207*'). */
  serial?: string;
  tag?: string;
  /** A stored parameter value (exact). */
  parameter?: { path: string; value: string };
}

/** An object instance that must exist, identified by its key fields; created once, then kept. */
export interface ProfileObject {
  /** The table, ending with a dot: 'Device.NAT.PortMapping.'. */
  table: string;
  /** Fields that identify the instance (an instance whose fields have these values is "it"). */
  key: Record<string, string>;
  /** Further values of the instance (templates allowed). */
  set?: Record<string, string>;
}

export interface ProfileAttribute {
  /** A common setting key or a raw path. */
  parameter: string;
  notification: 0 | 1 | 2;
}

/** What an operator writes (POST /api/profiles, PUT /api/profiles/:name). */
export interface ProfileInput {
  name: string;
  description?: string;
  /** Higher wins when two profiles set the same parameter differently (default 0). */
  priority?: number;
  enabled?: boolean;
  match?: ProfileMatch;
  /** Default ['firstContact', 'everyInform']: applied at first contact and kept converged. */
  when?: ProfileTrigger[];
  /**
   * Values by common setting key or raw path. Templates: {{serialNumber}}, {{oui}},
   * {{productClass}}, {{manufacturer}}, {{model}}, {{macAddress}}, {{deviceId}},
   * {{subscriber.name}}, {{subscriber.accountId}}, {{subscriber.pppoeUsername}},
   * {{subscriber.pppoePassword}}, {{subscriber.wifiSsid}}, {{subscriber.wifiKey}},
   * {{random:N}} (N letters and digits, generated once per device and setting, then kept).
   */
  set?: Record<string, string>;
  objects?: ProfileObject[];
  attributes?: ProfileAttribute[];
  /** Connection-request credentials to put on the device (templates allowed). */
  connectionRequest?: { username: string; password: string };
  periodicInform?: { enabled: boolean; intervalSeconds?: number };
  /** Devices below `minVersion` get this library file (a download task, verified at the next Inform). */
  firmware?: { fileId: number; minVersion: string };
  /**
   * STUN for NAT traversal (TR-069 Annex G): enabled points the device's ManagementServer.STUN*
   * at DeskACS's STUN server with STUN credentials of its own; false turns STUNEnable off.
   * `serverAddress`: the host devices reach DeskACS at (default: the host of their ACS URL).
   */
  stun?: ProfileStun;
}

export interface ProfileStun {
  enabled: boolean;
  serverAddress?: string;
}

export interface Profile extends Required<Omit<ProfileInput, 'connectionRequest' | 'periodicInform' | 'firmware' | 'stun'>> {
  connectionRequest: { username: string; password: string } | null;
  periodicInform: { enabled: boolean; intervalSeconds?: number } | null;
  firmware: { fileId: number; minVersion: string } | null;
  stun: ProfileStun | null;
  /** Grows by one at every change. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** How many stored devices the match selects now. */
  matchedDevices: number;
  /** The last application in waves (POST /api/profiles/:name/apply), or null when none (always given by the API). */
  apply?: ProfileApplyProgress | null;
}

/** One RPC the engine would send (dry run) or sent (an application). */
export interface PlannedRpc {
  /** The TR-069 method: GetParameterValues, SetParameterValues, AddObject, SetParameterAttributes, Download ... */
  method: string;
  /** What it carries, as the engine will send it (secrets masked as '••••••'). */
  detail: unknown;
  /** Why: the profile item it comes from ('wifi.ssid', 'objects[0]', 'firmware'). */
  reason: string;
}

export interface ProfileConflict {
  /** The parameter both profiles set. */
  path: string;
  winner: { profile: string; value: string };
  loser: { profile: string; value: string };
}

/** GET /api/profiles/:name/dry-run?deviceId= */
export interface DryRun {
  profile: string;
  version: number;
  deviceId: string;
  matches: boolean;
  /** Why the profile does not match (which field), or null. */
  reason: string | null;
  /** Reads the engine needs first (values it does not know yet). */
  reads: string[];
  /** Exactly what would be sent, in order; empty when the device already has everything. */
  rpcs: PlannedRpc[];
  /** Items that cannot apply on this device ('wifi.5g.ssid: no 5 GHz radio on this device'). */
  unsupported: string[];
  conflicts: ProfileConflict[];
}

/** One item of a profile on one device, as the installer's checklist shows it. */
export interface ProvisioningStep {
  profile: string;
  /** 'wifi.ssid', 'Device.X.Y', 'objects[0]', 'firmware', 'connectionRequest', 'periodicInform', 'stun'. */
  item: string;
  label: string;
  /** The value to apply (secrets masked). */
  value: string | null;
  /** overridden: a higher-priority profile sets the same thing differently; this value is never sent. */
  state: 'done' | 'failed' | 'pending' | 'unsupported' | 'overridden';
  /** Failed: the fault code and its explanation; pending: what it waits for; overridden: by which profile. */
  message: string | null;
  at: string | null;
}

/** A check read from the device (firmware floor, WAN up, PPPoE connected, Wi-Fi SSID, periodic inform). */
export interface ProvisioningCheck {
  key: string;
  label: string;
  state: 'ok' | 'failed' | 'pending' | 'unsupported';
  /** What was read ('2 of 2 Wi-Fi radios on, SSID Net-1234'), or why it failed. */
  detail: string;
}

/** A record of one application of a profile to a device (what was sent, and how it ended). */
export interface ProfileApplication {
  id: number;
  deviceId: string;
  profile: string;
  version: number;
  trigger: ProfileTrigger | 'manual';
  rpcs: PlannedRpc[];
  result: 'applied' | 'nothing-to-do' | 'partial' | 'failed' | 'pending';
  /** Faults of the items that failed, explained. */
  message: string | null;
  taskIds: number[];
  at: string;
}

/** POST /api/profiles/:name/apply: the matched devices, woken wave by wave in the background. */
export interface ApplyProfileResult {
  profile: string;
  version: number;
  /** Devices the profile matches now (each applies it when its wave starts). */
  devices: number;
  /** The device ids of each wave, in order (a wave starts once every device of the previous one ended its application). */
  waves: string[][];
  /** The progress as it starts (GET /api/profiles/:name shows it as it goes). */
  apply: ProfileApplyProgress;
}

/**
 * A profile's application in waves (POST /api/profiles/:name/apply), as GET /api/profiles/:name
 * shows it. A wave's devices get a connection request; the next wave starts when each of them
 * ended its application (applied, nothing to do, failed, partial) or the wave timed out. When the
 * failed share of a wave (failed + partial over its devices) passes `failureThreshold` the
 * rollout pauses: later waves' devices do not get this profile until it is applied again.
 */
export interface ProfileApplyProgress {
  /** interrupted: DeskACS stopped during it and could not resume it. */
  state: 'running' | 'paused' | 'done' | 'interrupted';
  version: number;
  /** 1-based: the wave under way, or the last one that ran. */
  wave: number;
  waves: number;
  devices: number;
  failureThreshold: number;
  /** Outcomes of the devices of the waves that ran so far. */
  counts: { applied: number; nothingToDo: number; failed: number; partial: number; noAnswer: number; waiting: number };
  /** Why it paused, or null. */
  message: string | null;
  startedAt: string;
  updatedAt: string;
}

/** GET /api/devices/:id/provisioning: the device's provisioning state (installer checklist). */
export interface DeviceProvisioning {
  deviceId: string;
  subscriber: Subscriber | null;
  profiles: { name: string; version: number; priority: number }[];
  steps: ProvisioningStep[];
  checks: ProvisioningCheck[];
  /** done: every step done and every check ok; failed: something failed; else working. */
  state: 'done' | 'working' | 'failed';
  conflicts: ProfileConflict[];
  updatedAt: string;
}

/** A customer of the operator (billing), bound to the router installed at their place. */
export interface Subscriber {
  accountId: string;
  name: string;
  /** The router's serial number or MAC (either binds it at its first Inform). */
  serial: string | null;
  mac: string | null;
  pppoeUsername: string | null;
  /** Masked ('••••••') unless revealed; null when none. */
  pppoePassword: string | null;
  wifiSsid: string | null;
  /** Masked ('••••••') unless revealed; null when none. */
  wifiKey: string | null;
  tags: string[];
  /** The device bound to this subscriber, when one is. */
  deviceId: string | null;
  boundAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type SubscriberInput = Omit<Subscriber, 'deviceId' | 'boundAt' | 'createdAt' | 'updatedAt' | 'tags' | 'serial' | 'mac'> & {
  serial?: string | null;
  mac?: string | null;
  tags?: string[];
};

/** The subscriber fields a CSV column can fill. */
export const subscriberFields = [
  'accountId',
  'name',
  'serial',
  'mac',
  'pppoeUsername',
  'pppoePassword',
  'wifiSsid',
  'wifiKey',
  'tags',
] as const;
export type SubscriberField = (typeof subscriberFields)[number];

/** POST /api/subscribers/import */
export interface SubscriberImportResult {
  created: number;
  updated: number;
  /** Rows of existing subscribers whose values were already those of the file. */
  unchanged: number;
  /** Rows refused, by line number in the file (1 = the header), with why. */
  errors: { line: number; message: string }[];
  /** Which column each field was read from. */
  mapping: Partial<Record<SubscriberField, string>>;
  /** True when nothing was written (dryRun). */
  dryRun: boolean;
}

/** POST /api/subscribers/export: the subscribers as CSV text (the import's columns). */
export interface SubscriberExport {
  csv: string;
  count: number;
}

/** A device waiting for the installer: bootstrapped recently or not bound to a subscriber. */
export interface WaitingDevice {
  deviceId: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  ip: string;
  firstContactAt: string;
  lastInformAt: string;
  online: boolean;
  /** A subscriber whose serial or MAC matches but who is not bound yet (a suggestion). */
  suggested: string | null;
  /** The subscriber the device is bound to, or null (unbound). */
  subscriber: { accountId: string; name: string } | null;
}

/** GET /api/devices/:id/provisioning/report: the printable report (self-contained HTML). */
export interface ProvisioningReport {
  deviceId: string;
  html: string;
  generatedAt: string;
  /**
   * With format=pdf: the same report as a PDF file, base64 (for the desktop app, whose window may
   * not fetch the API server's raw .pdf route).
   */
  pdfBase64?: string;
}
