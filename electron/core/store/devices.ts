// Devices: lookup, search and listing. Devices are created and updated by Informs (informs.ts);
// this repository reads them, removes them, and keeps the summary fields that parameters feed
// in step with values stored outside an Inform (followValues).
import type { DeviceFilter } from '../../../shared/contract-args.ts';
import type { DeviceSummary, Page } from '../../../shared/models.ts';
import type { Db } from './db.ts';
import { createDeviceLister, type DeviceListQuery } from './device-list.ts';
import { createIntervalReader } from './device-status-sql.ts';
import type { TagRepository } from './device-tags.ts';

export interface DeviceSearch {
  /** Case-insensitive substring of serial, product class, OUI, manufacturer, model, software version, IP or id. */
  q?: string;
  offset?: number;
  limit?: number;
}

export interface DeviceRepository {
  /** The device with its tags. */
  get(id: string): DeviceSummary | undefined;
  /** Whether the device is known (one index probe; every Inform asks it). */
  exists(id: string): boolean;
  /** Filtered, sorted, keyset-paged (device-list.ts); each row with its tags. */
  list(query: DeviceListQuery): Page<DeviceSummary>;
  /** Newest Inform first; an empty q lists every device. */
  search(query: DeviceSearch): Page<DeviceSummary>;
  /** Up to `limit` devices matching the filter with seq > afterSeq, by seq (a bulk action's next batch). */
  select(filter: DeviceFilter, now: Date, afterSeq: number, limit: number): { seq: number; id: string }[];
  count(): number;
  /** Deletes the device and, by cascade, its parameters, sessions, tasks, faults, CPE requests, tags. */
  remove(id: string): boolean;
  /**
   * Summary fields read from parameter values stored outside an Inform (a GetParameterValues, a
   * SetParameterValues the device accepted); a null field is kept. False when nothing changed.
   */
  followValues(id: string, fields: DeviceValueFields, at: Date): boolean;
}

/** The device fields that parameters feed (null: not among the values, kept). */
export interface DeviceValueFields {
  modelName: string | null;
  softwareVersion: string | null;
  hardwareVersion: string | null;
  connectionRequestUrl: string | null;
  periodicInformInterval: number | null;
}

/** A devices row as stored (snake_case columns). */
export interface DeviceDbRow {
  seq: number;
  id: string;
  oui: string;
  product_class: string;
  serial_number: string;
  manufacturer: string;
  model_name: string;
  software_version: string;
  hardware_version: string;
  connection_request_url: string;
  ip_address: string;
  root_object: string;
  first_seen: string;
  last_inform: string | null;
  last_boot: string | null;
  periodic_interval: number | null;
}

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 1000;

const COLUMNS = `seq, id, oui, product_class, serial_number, manufacturer, model_name, software_version,
  hardware_version, connection_request_url, ip_address, root_object, first_seen, last_inform,
  last_boot, periodic_interval`;

/**
 * Identity fields are shown cut at this length: Informs with longer ones are refused now
 * (cwmp/device-id.ts), but a device stored by an older build (a 1 MB serial) must not make every
 * list page that shows it weigh megabytes. The id stays whole: it is what actions address.
 */
const SHOWN_FIELD_MAX = 256;
const shown = (v: string): string => (v.length > SHOWN_FIELD_MAX ? `${v.slice(0, SHOWN_FIELD_MAX)}…` : v);

export function toDeviceSummary(r: DeviceDbRow, tags: string[] = []): DeviceSummary {
  return {
    id: r.id,
    oui: shown(r.oui),
    productClass: shown(r.product_class),
    serialNumber: shown(r.serial_number),
    manufacturer: shown(r.manufacturer),
    modelName: r.model_name,
    softwareVersion: r.software_version,
    hardwareVersion: r.hardware_version,
    connectionRequestUrl: r.connection_request_url,
    ipAddress: r.ip_address,
    firstSeen: r.first_seen,
    lastInform: r.last_inform,
    lastBoot: r.last_boot,
    periodicInformInterval: r.periodic_interval,
    rootObject: r.root_object,
    tags,
  };
}

function clampLimit(limit: number | undefined): number {
  const n = Math.floor(limit ?? DEFAULT_PAGE_LIMIT);
  return Number.isFinite(n) ? Math.min(MAX_PAGE_LIMIT, Math.max(1, n)) : DEFAULT_PAGE_LIMIT;
}

export function createDeviceRepository(db: Db, tags: TagRepository): DeviceRepository {
  const get = db.prepare<[string], DeviceDbRow>(`SELECT ${COLUMNS} FROM devices WHERE id = ?`);
  const exists = db.prepare<[string], number>('SELECT 1 FROM devices WHERE id = ?').pluck();
  const count = db.prepare<[], number>('SELECT count(*) FROM devices').pluck();
  const remove = db.prepare<[string]>('DELETE FROM devices WHERE id = ?');
  const follow = db.prepare<DeviceValueFields & { id: string; at: string }>(
    `UPDATE devices SET model_name = coalesce(@modelName, model_name), software_version = coalesce(@softwareVersion, software_version),
       hardware_version = coalesce(@hardwareVersion, hardware_version),
       connection_request_url = coalesce(@connectionRequestUrl, connection_request_url),
       periodic_interval = coalesce(@periodicInformInterval, periodic_interval), updated_at = @at
     WHERE id = @id AND (model_name IS NOT coalesce(@modelName, model_name)
       OR software_version IS NOT coalesce(@softwareVersion, software_version)
       OR hardware_version IS NOT coalesce(@hardwareVersion, hardware_version)
       OR connection_request_url IS NOT coalesce(@connectionRequestUrl, connection_request_url)
       OR periodic_interval IS NOT coalesce(@periodicInformInterval, periodic_interval))`,
  );
  const lister = createDeviceLister<DeviceDbRow>(db, COLUMNS);
  const intervals = createIntervalReader(db);

  const list = (query: DeviceListQuery): Page<DeviceSummary> => {
    const limit = clampLimit(query.limit);
    const page = lister.list({ ...query, limit }, { intervals });
    const tagsOf = tags.forDevices(page.rows.map((r) => r.id));
    return {
      items: page.rows.map((r) => toDeviceSummary(r, tagsOf.get(r.id))),
      total: page.total,
      offset: page.offset,
      limit,
      next: page.next,
    };
  };

  return {
    get: (id) => {
      const row = get.get(id);
      return row === undefined ? undefined : toDeviceSummary(row, tags.forDevices([id]).get(id));
    },
    exists: (id) => exists.get(id) !== undefined,
    list,
    search: (query) =>
      list({
        filter: { q: query.q ?? '' },
        sort: 'lastInform',
        order: 'desc',
        offset: query.offset,
        limit: clampLimit(query.limit),
        now: new Date(),
      }),
    select: (filter, now, afterSeq, limit) => lister.select(filter, { now, intervals }, afterSeq, limit),
    count: () => count.get() ?? 0,
    remove: (id) => remove.run(id).changes > 0,
    followValues: (id, fields, at) => follow.run({ ...fields, id, at: at.toISOString() }).changes > 0,
  };
}
