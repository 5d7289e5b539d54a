// The hot write: everything an Inform tells us, committed in one transaction before the
// InformResponse goes out (architecture invariant). Statements are prepared once per Store.
import type { InformRequest } from '../cwmp/messages.ts';
import { atomic, type Db } from './db.ts';
import { deviceIdOf, normaliseDeviceId } from './device-id.ts';
import type { DeviceDbRow } from './devices.ts';
import { extractDeviceFields, normaliseRemoteAddress, type InformDeviceFields } from './inform-fields.ts';
import { iso } from './json.ts';
import type { ParameterRepository } from './parameters.ts';
import type { SessionRepository } from './sessions.ts';

export interface InformInput {
  inform: InformRequest;
  remoteAddress: string;
  cwmpVersion: string;
  at: Date;
  warnings: string[];
}

export interface InformResult {
  deviceId: string;
  /** True when this Inform created the device row (first contact). */
  created: boolean;
  sessionId: number;
}

export interface InformRepository {
  /**
   * Upserts the device and its reported parameters and opens the session with its events,
   * all or nothing. On '0 BOOTSTRAP' for a known device (TR-069 3.2.1: factory reset or first
   * contact with this ACS) the device row, its history and its queued tasks are kept, but every
   * stored parameter is deleted before this Inform's ParameterList is written: the old tree
   * describes the device before its reset and would be stale. Callers refresh the tree
   * (GetParameterNames/Values) afterwards.
   */
  record(input: InformInput): InformResult;
}

interface DeviceUpsertArgs {
  id: string;
  oui: string;
  productClass: string;
  serialNumber: string;
  manufacturer: string | null;
  modelName: string | null;
  softwareVersion: string | null;
  hardwareVersion: string | null;
  connectionRequestUrl: string | null;
  ipAddress: string;
  rootObject: string | null;
  periodicInformInterval: number | null;
  cwmpVersion: string;
  at: string;
  lastBoot: string | null;
}

// A null argument means "not reported in this Inform": an existing value is kept. The IP address
// is set by its own statement, only when it changed: naming an indexed column in SET rewrites
// its index entry (devices_by_ip_nocase) even when the value is the same.
const UPSERT_DEVICE = `
INSERT INTO devices (id, oui, product_class, serial_number, manufacturer, model_name, software_version,
  hardware_version, connection_request_url, ip_address, root_object, first_seen, last_inform, last_boot,
  periodic_interval, cwmp_version, updated_at)
VALUES (@id, @oui, @productClass, @serialNumber, coalesce(@manufacturer, ''), coalesce(@modelName, @productClass),
  coalesce(@softwareVersion, ''), coalesce(@hardwareVersion, ''), coalesce(@connectionRequestUrl, ''),
  @ipAddress, coalesce(@rootObject, ''), @at, @at, @lastBoot, @periodicInformInterval, @cwmpVersion, @at)
ON CONFLICT (id) DO UPDATE SET
  manufacturer = coalesce(@manufacturer, manufacturer),
  model_name = coalesce(@modelName, model_name),
  software_version = coalesce(@softwareVersion, software_version),
  hardware_version = coalesce(@hardwareVersion, hardware_version),
  connection_request_url = coalesce(@connectionRequestUrl, connection_request_url),
  root_object = coalesce(@rootObject, root_object),
  last_inform = @at,
  last_boot = coalesce(@lastBoot, last_boot),
  periodic_interval = coalesce(@periodicInformInterval, periodic_interval),
  cwmp_version = @cwmpVersion,
  updated_at = @at`;

function eventCodes(inform: InformRequest): Set<string> {
  return new Set(inform.events.map((e) => e.code.trim().toUpperCase()));
}

/** What an Inform reads of a known device: the fields it may change, and where the row is. */
type StoredDeviceRow = Pick<
  DeviceDbRow,
  | 'last_inform'
  | 'manufacturer'
  | 'model_name'
  | 'software_version'
  | 'hardware_version'
  | 'connection_request_url'
  | 'ip_address'
  | 'root_object'
  | 'periodic_interval'
> & { seq: number; cwmp_version: string };

/** The Inform changes none of the stored device fields (null = not reported, kept). */
function sameDevice(row: StoredDeviceRow, f: InformDeviceFields, cwmpVersion: string): boolean {
  const keeps = (v: string | number | null, stored: string | number | null): boolean => v === null || v === stored;
  return (
    row.cwmp_version === cwmpVersion &&
    keeps(f.manufacturer, row.manufacturer) &&
    keeps(f.modelName, row.model_name) &&
    keeps(f.softwareVersion, row.software_version) &&
    keeps(f.hardwareVersion, row.hardware_version) &&
    keeps(f.connectionRequestUrl, row.connection_request_url) &&
    keeps(f.rootObject, row.root_object) &&
    keeps(f.periodicInformInterval, row.periodic_interval)
  );
}

export function createInformRepository(db: Db, deps: { parameters: ParameterRepository; sessions: SessionRepository }): InformRepository {
  const stored = db.prepare<[string], StoredDeviceRow>(
    `SELECT seq, last_inform, manufacturer, model_name, software_version, hardware_version, connection_request_url,
       ip_address, root_object, periodic_interval, cwmp_version FROM devices WHERE id = ?`,
  );
  const upsertDevice = db.prepare<DeviceUpsertArgs>(UPSERT_DEVICE);
  // The periodic case: only the times move (no named parameters, no FTS trigger columns).
  const touchDevice = db.prepare<[string, string, string | null, number]>(
    'UPDATE devices SET last_inform = ?, updated_at = ?, last_boot = coalesce(?, last_boot) WHERE seq = ?',
  );
  const moveAddress = db.prepare<[string, number]>('UPDATE devices SET ip_address = ? WHERE seq = ?');

  const record = atomic(db, (input: InformInput): InformResult => {
    const { inform, at } = input;
    const deviceId = deviceIdOf(inform.deviceId);
    const fields = extractDeviceFields(inform, input.remoteAddress);
    const codes = eventCodes(inform);
    const bootstrap = codes.has('0 BOOTSTRAP');
    const previous = stored.get(deviceId);
    const created = previous === undefined;
    const when = iso(at);
    const lastBoot = bootstrap || codes.has('1 BOOT') ? when : null;
    if (previous !== undefined && sameDevice(previous, fields, input.cwmpVersion)) {
      touchDevice.run(when, when, lastBoot, previous.seq);
    } else {
      upsertDevice.run({
        id: deviceId,
        ...normaliseDeviceId(inform.deviceId),
        ...fields,
        cwmpVersion: input.cwmpVersion,
        at: when,
        lastBoot,
      });
    }
    if (previous !== undefined && previous.ip_address !== fields.ipAddress) moveAddress.run(fields.ipAddress, previous.seq);
    if (bootstrap && !created) deps.parameters.deleteAll(deviceId);
    deps.parameters.recordReported(deviceId, inform.parameterList, at, previous?.last_inform ?? null);
    const sessionId = deps.sessions.open({
      deviceId,
      remoteAddress: normaliseRemoteAddress(input.remoteAddress),
      cwmpVersion: input.cwmpVersion,
      at,
      warnings: input.warnings,
      events: inform.events,
    });
    return { deviceId, created, sessionId };
  });

  return { record: (input) => record(input) };
}
