// The hot write: everything an Inform tells us, committed in one transaction before the
// InformResponse goes out (architecture invariant). Statements are prepared once per Store.
import type { InformRequest } from '../cwmp/messages.ts';
import { atomic, type Db } from './db.ts';
import { deviceIdOf, normaliseDeviceId } from './device-id.ts';
import { extractDeviceFields, normaliseRemoteAddress } from './inform-fields.ts';
import { iso } from './json.ts';
import type { ParameterRepository } from './parameters.ts';
import type { EventRepository, SessionRepository } from './sessions.ts';

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
   * Upserts the device and its reported parameters, inserts the events and opens the session,
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

export function createInformRepository(
  db: Db,
  deps: { parameters: ParameterRepository; sessions: SessionRepository; events: EventRepository },
): InformRepository {
  const lastInformOf = db.prepare<[string], { last_inform: string | null }>('SELECT last_inform FROM devices WHERE id = ?');
  const upsertDevice = db.prepare<DeviceUpsertArgs>(UPSERT_DEVICE);
  const moveAddress = db.prepare<[string, string, string]>('UPDATE devices SET ip_address = ? WHERE id = ? AND ip_address IS NOT ?');

  const record = atomic(db, (input: InformInput): InformResult => {
    const { inform, at } = input;
    const deviceId = deviceIdOf(inform.deviceId);
    const fields = extractDeviceFields(inform, input.remoteAddress);
    const codes = eventCodes(inform);
    const bootstrap = codes.has('0 BOOTSTRAP');
    const previous = lastInformOf.get(deviceId);
    const created = previous === undefined;
    upsertDevice.run({
      id: deviceId,
      ...normaliseDeviceId(inform.deviceId),
      ...fields,
      cwmpVersion: input.cwmpVersion,
      at: iso(at),
      lastBoot: bootstrap || codes.has('1 BOOT') ? iso(at) : null,
    });
    if (!created) moveAddress.run(fields.ipAddress, deviceId, fields.ipAddress);
    if (bootstrap && !created) deps.parameters.deleteAll(deviceId);
    deps.parameters.recordReported(deviceId, inform.parameterList, at, previous?.last_inform ?? null);
    const sessionId = deps.sessions.open({
      deviceId,
      remoteAddress: normaliseRemoteAddress(input.remoteAddress),
      cwmpVersion: input.cwmpVersion,
      at,
      warnings: input.warnings,
    });
    deps.events.insert(deviceId, sessionId, inform.events, at);
    return { deviceId, created, sessionId };
  });

  return { record: (input) => record(input) };
}
