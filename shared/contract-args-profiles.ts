// Argument schemas of the provisioning profile methods (issue #15), spread into apiArgSchemas.
// The shape is checked here; what needs the catalog or the library (a known common setting, a
// well-formed OUI, version or pattern) is checked by services/profiles/validate.ts with one
// message naming every problem.
import * as v from 'valibot';
import { profileTriggers } from './models-provisioning.ts';

const text = (name: string) => v.string(`'${name}' must be a string`);
const nonEmpty = (name: string) => v.pipe(v.string(`'${name}' must be a string`), v.trim(), v.nonEmpty(`'${name}' must not be empty`));
const whole = (name: string, min: number, max: number) => {
  const message = `'${name}' must be a whole number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
const flag = (name: string) => v.boolean(`'${name}' must be true or false`);
const scalar = (name: string) =>
  v.pipe(
    v.union([v.string(), v.number(), v.boolean()], `'${name}' values must be text, a number or true/false`),
    v.transform((x) => String(x)),
  );
const strings = (name: string) => v.record(v.string(), scalar(name), `'${name}' must be an object of name -> value`);

const matchSchema = v.strictObject(
  {
    oui: v.optional(text('match.oui')),
    manufacturer: v.optional(text('match.manufacturer')),
    productClass: v.optional(text('match.productClass')),
    model: v.optional(text('match.model')),
    softwareVersion: v.optional(
      v.strictObject({ min: v.optional(text('match.softwareVersion.min')), max: v.optional(text('match.softwareVersion.max')) }),
    ),
    serial: v.optional(text('match.serial')),
    tag: v.optional(text('match.tag')),
    parameter: v.optional(v.strictObject({ path: nonEmpty('match.parameter.path'), value: text('match.parameter.value') })),
  },
  "'match' takes oui, manufacturer, productClass, model, softwareVersion, serial, tag, parameter",
);

/** A profile document: POST /api/profiles takes it as the body, PUT /api/profiles/:name too. */
export const profileEntries = {
  description: v.optional(text('description')),
  /** Higher wins when two profiles set the same parameter differently. */
  priority: v.optional(whole('priority', -1000, 1000)),
  enabled: v.optional(flag('enabled')),
  match: v.optional(matchSchema),
  when: v.optional(
    v.array(v.picklist(profileTriggers, `'when' items must be one of ${profileTriggers.join(', ')}`), "'when' must be a list"),
  ),
  /** Common setting key or raw path -> value (templates allowed). */
  set: v.optional(strings('set')),
  objects: v.optional(
    v.array(
      v.strictObject({ table: nonEmpty('objects[].table'), key: strings('objects[].key'), set: v.optional(strings('objects[].set')) }),
      "'objects' must be a list of {table, key, set}",
    ),
  ),
  attributes: v.optional(
    v.array(
      v.strictObject({
        parameter: nonEmpty('attributes[].parameter'),
        notification: v.picklist([0, 1, 2] as const, "'attributes[].notification' must be 0, 1 or 2"),
      }),
      "'attributes' must be a list of {parameter, notification}",
    ),
  ),
  connectionRequest: v.optional(
    v.strictObject({ username: nonEmpty('connectionRequest.username'), password: nonEmpty('connectionRequest.password') }),
  ),
  periodicInform: v.optional(
    v.strictObject({
      enabled: flag('periodicInform.enabled'),
      intervalSeconds: v.optional(whole('periodicInform.intervalSeconds', 1, 86_400 * 7)),
    }),
  ),
  firmware: v.optional(
    v.strictObject({ fileId: whole('firmware.fileId', 1, Number.MAX_SAFE_INTEGER), minVersion: nonEmpty('firmware.minVersion') }),
  ),
  /** STUN on the device (the address is checked to be a host by services/profiles/validate.ts). */
  stun: v.optional(v.strictObject({ enabled: flag('stun.enabled'), serverAddress: v.optional(nonEmpty('stun.serverAddress')) })),
};

/**
 * PUT /api/profiles/:name merges: a field given replaces that field, a field absent keeps its
 * stored value, a field given as null goes back to its default (no description, priority 0,
 * enabled, match {} = every device, when [firstContact, everyInform], nothing set, no
 * connection-request credentials, periodic inform, firmware floor or STUN).
 */
const clearable = <T extends v.GenericSchema>(entry: v.OptionalSchema<T, undefined>) => v.optional(v.nullable(entry.wrapped));
export const profilePatchEntries = {
  description: clearable(profileEntries.description),
  priority: clearable(profileEntries.priority),
  enabled: clearable(profileEntries.enabled),
  match: clearable(profileEntries.match),
  when: clearable(profileEntries.when),
  set: clearable(profileEntries.set),
  objects: clearable(profileEntries.objects),
  attributes: clearable(profileEntries.attributes),
  connectionRequest: clearable(profileEntries.connectionRequest),
  periodicInform: clearable(profileEntries.periodicInform),
  firmware: clearable(profileEntries.firmware),
  stun: clearable(profileEntries.stun),
};

const profileName = v.pipe(
  v.string("'name' must be a string"),
  v.trim(),
  v.nonEmpty("'name' must not be empty"),
  v.maxLength(80, "'name' is at most 80 characters"),
);
const deviceId = v.pipe(v.string("'id' must be a string"), v.trim(), v.nonEmpty("'id' must not be empty"));
const byName = v.strictObject({ name: profileName });

export const profileArgSchemas = {
  /** Every profile, highest priority first, with how many stored devices each matches. */
  listProfiles: v.strictObject({}),
  getProfile: byName,
  /** A new profile (the body is the document: {name, priority?, match?, when?, set?, ...}). */
  createProfile: v.strictObject({ name: profileName, ...profileEntries }),
  /** Merges into the profile's document (version + 1): given fields replace, absent ones stay, null clears; `rename` renames. */
  updateProfile: v.strictObject({ name: profileName, rename: v.optional(profileName), ...profilePatchEntries }),
  deleteProfile: byName,
  /** Exactly the RPCs the engine would send to the device now, the reads it needs first, conflicts. */
  dryRunProfile: v.strictObject({ name: profileName, deviceId }),
  /** Applies the profile now to the devices it matches, in waves of connection requests. */
  applyProfile: v.strictObject({
    name: profileName,
    /** Devices per wave: the last size repeats (default [10, 100]). */
    waveSizes: v.optional(
      v.pipe(
        v.array(whole('waveSizes[]', 1, 100_000), "'waveSizes' must be a list of whole numbers"),
        v.minLength(1, "'waveSizes' needs at least one wave"),
        v.maxLength(50, "'waveSizes' holds at most 50 waves"),
      ),
    ),
    /** Connection requests in flight at once (default 8). */
    concurrency: v.optional(whole('concurrency', 1, 100)),
    /** The rollout pauses when a wave's failed share (failed + partial) is above this (default 0.5). */
    failureThreshold: v.optional(
      v.pipe(
        v.number("'failureThreshold' must be a number from 0 to 1"),
        v.minValue(0, "'failureThreshold' must be a number from 0 to 1"),
        v.maxValue(1, "'failureThreshold' must be a number from 0 to 1"),
      ),
    ),
    /** How long a wave's devices have to end their applications before the next wave starts (default 600). */
    waveTimeoutSeconds: v.optional(whole('waveTimeoutSeconds', 1, 86_400)),
  }),
  /** The device's profile applications, newest first. */
  listProfileApplications: v.strictObject({ id: deviceId, limit: v.optional(whole('limit', 1, 1000)) }),
  /** The installer's checklist: each profile step and each check read from the device. */
  getProvisioning: v.strictObject({ id: deviceId }),
  /** Retries the device's failed steps at its next session (a connection request asks for one now). */
  retryProvisioning: v.strictObject({ id: deviceId }),
} as const;
