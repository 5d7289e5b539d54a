// Argument schemas of the subscriber and installer methods (issue #15), spread into apiArgSchemas.
// Field contents (a MAC's spelling, a Wi-Fi key's length, tags) are checked by the core
// (services/subscribers/fields.ts) with the same messages as a CSV row gets.
import * as v from 'valibot';
import { subscriberFields } from './models-provisioning.ts';

const text = (name: string) => v.string(`'${name}' must be a string`);
const nonEmpty = (name: string) => v.pipe(v.string(`'${name}' must be a string`), v.trim(), v.nonEmpty(`'${name}' must not be empty`));
const whole = (name: string, min: number, max: number) => {
  const message = `'${name}' must be a whole number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
const flag = (name: string) => v.boolean(`'${name}' must be true or false`);
const nullableText = (name: string) => v.optional(v.nullable(v.string(`'${name}' must be a string or null`)));

const deviceId = nonEmpty('id');
/** A subscriber's account id as billing knows it. */
const accountId = v.pipe(nonEmpty('accountId'), v.maxLength(100, "'accountId' is at most 100 characters"));

const subscriberEntries = {
  /** Required for a new subscriber. */
  name: v.optional(text('name')),
  serial: nullableText('serial'),
  mac: nullableText('mac'),
  pppoeUsername: nullableText('pppoeUsername'),
  /** '••••••' (a masked value sent back) keeps the stored secret. */
  pppoePassword: nullableText('pppoePassword'),
  wifiSsid: nullableText('wifiSsid'),
  wifiKey: nullableText('wifiKey'),
  tags: v.optional(v.pipe(v.array(text('tags[]'), "'tags' must be a list of tags"), v.maxLength(50, "'tags' holds at most 50 tags"))),
};

const acsUrl = v.pipe(
  nonEmpty('url'),
  v.maxLength(256, "'url' is at most 256 characters"),
  v.regex(/^https?:\/\/[^\s/?#]+(\/\S*)?$/i, "'url' must be an http:// or https:// URL, such as https://acs.example.net:7547/"),
);

export const subscriberArgSchemas = {
  /** Subscribers by account id; q searches account id, name, serial, MAC and PPPoE username. */
  listSubscribers: v.strictObject({
    q: v.optional(text('q')),
    /** true: only bound ones; false: only those waiting for their router. */
    bound: v.optional(flag('bound')),
    /** The `next` cursor of the previous page (keyset paging by account id). */
    after: v.optional(nonEmpty('after')),
    offset: v.optional(whole('offset', 0, Number.MAX_SAFE_INTEGER)),
    limit: v.optional(whole('limit', 1, 1000)),
  }),
  /** One subscriber; reveal=true shows the PPPoE password and Wi-Fi key in clear. */
  getSubscriber: v.strictObject({ accountId, reveal: v.optional(flag('reveal')) }),
  /** Creates or updates (fields left out are kept; null clears one). */
  putSubscriber: v.strictObject({ accountId, ...subscriberEntries }),
  deleteSubscriber: v.strictObject({ accountId }),
  /** Subscribers as CSV in the import's columns (secrets masked unless reveal); q and bound as listSubscribers. */
  exportSubscribers: v.strictObject({ q: v.optional(text('q')), bound: v.optional(flag('bound')), reveal: v.optional(flag('reveal')) }),
  /**
   * A billing CSV export: `csv` as text (JSON) or the raw file as the body (Content-Type: text/csv
   * or application/octet-stream: the `file` bytes, checked for UTF-8). Columns are matched by
   * name; `mapping` names them explicitly ({field: column}). dryRun: check and count, write nothing.
   */
  importSubscribers: v.pipe(
    v.strictObject({
      csv: v.optional(text('csv')),
      file: v.optional(
        v.pipe(
          v.instance(Uint8Array, "'file' must be bytes (Uint8Array)"),
          v.check((b) => b.byteLength <= 8 * 1024 * 1024, "'file' is at most 8 MiB"),
        ),
      ),
      mapping: v.optional(
        v.record(
          v.picklist(subscriberFields, `'mapping' keys must be subscriber fields: ${subscriberFields.join(', ')}`),
          nonEmpty('mapping column'),
          "'mapping' must be an object of field -> column name",
        ),
      ),
      dryRun: v.optional(flag('dryRun')),
    }),
    v.check((a) => (a.csv === undefined) !== (a.file === undefined), "give the CSV as 'csv' (text) or as the request body, not both"),
  ),
  /** Binds the device to the subscriber (moving either from a previous binding). */
  bindSubscriber: v.strictObject({ id: deviceId, accountId }),
  /** Unbinds the device; automatic binding will not bind it to that subscriber again. */
  unbindSubscriber: v.strictObject({ id: deviceId }),
  getDeviceSubscriber: v.strictObject({ id: deviceId, reveal: v.optional(flag('reveal')) }),
  /** The installer's "waiting for a router": devices that first informed in the last `hours` (default 24) or are unbound, newest first. */
  listWaitingDevices: v.strictObject({ hours: v.optional(whole('hours', 1, 720)), limit: v.optional(whole('limit', 1, 500)) }),
  /** Points the device at the production ACS (ManagementServer.URL): the last step on a staging laptop. */
  handoverDevice: v.strictObject({
    id: deviceId,
    url: acsUrl,
    periodicInformInterval: v.optional(whole('periodicInformInterval', 30, 604_800)),
    connectionRequest: v.optional(flag('connectionRequest')),
    /** Seconds to wait for the task to finish (with connectionRequest); 0 returns at once. */
    waitSeconds: v.optional(whole('waitSeconds', 0, 120)),
  }),
  /** The printable provisioning report: HTML, and with format=pdf also the PDF (base64; over HTTP also GET .../report.pdf). */
  getProvisioningReport: v.strictObject({
    id: deviceId,
    format: v.optional(v.picklist(['html', 'pdf'] as const, "'format' must be html or pdf")),
  }),
} as const;
