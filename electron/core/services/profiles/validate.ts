// What a profile must be before it is stored: known common settings or well-formed raw paths,
// a match that can select something (6-hex-digit OUI, comparable versions, a valid serial
// pattern), templates with known variables. Every problem is named in one bad_request.
import { AcsError } from '../../../../shared/errors.ts';
import { profileTriggers, type ProfileInput, type ProfileMatch } from '../../../../shared/models-provisioning.ts';
import { commonSetting } from '../common-settings/catalog.ts';
import { hostProblem } from '../stun-enable.ts';
import { compareVersions, isVersion, serialPatternProblem } from './match.ts';
import { templateProblem } from './templates.ts';

const RAW_PATH = /^(Device|InternetGatewayDevice)\.([A-Za-z0-9_-]+\.)*[A-Za-z0-9_-]+$/;
const TABLE = /^(Device|InternetGatewayDevice)\.([A-Za-z0-9_-]+\.)+$/;
const FIELD = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** A key of `set` or an attribute's parameter: a common setting or a raw parameter path. */
export function targetProblem(key: string): string | null {
  if (commonSetting(key) !== undefined) return null;
  if (RAW_PATH.test(key)) return null;
  if (/^[a-z0-9]+(\.[a-z0-9]+)+$/.test(key)) return `'${key}' is not a common setting (GET /api/common-settings lists them)`;
  return `'${key}' is neither a common setting nor a parameter path such as Device.ManagementServer.PeriodicInformInterval`;
}

function matchProblems(match: ProfileMatch | undefined): string[] {
  if (match === undefined) return [];
  const out: string[] = [];
  if (match.oui !== undefined && !/^[0-9A-Fa-f]{6}$/.test(match.oui))
    out.push(`match.oui '${match.oui}' must be 6 hex digits, such as 1C61B4`);
  const range = match.softwareVersion;
  for (const end of ['min', 'max'] as const) {
    const value = range?.[end];
    if (value !== undefined && !isVersion(value))
      out.push(`match.softwareVersion.${end} '${value}' is not a version (digits with . - _ between, such as 1.2.10)`);
  }
  if (range?.min !== undefined && range.max !== undefined && isVersion(range.min) && isVersion(range.max)) {
    if (compareVersions(range.min, range.max) > 0) out.push(`match.softwareVersion: min ${range.min} is above max ${range.max}`);
  }
  if (match.serial !== undefined) {
    const p = serialPatternProblem(match.serial);
    if (p !== null) out.push(`match.serial '${match.serial}' ${p}`);
  }
  if (match.parameter !== undefined && !RAW_PATH.test(match.parameter.path))
    out.push(`match.parameter.path '${match.parameter.path}' is not a parameter path`);
  for (const key of ['manufacturer', 'productClass', 'model', 'tag'] as const) {
    if (match[key] !== undefined && match[key].trim() === '') out.push(`match.${key} must not be empty (leave it out to match any)`);
  }
  return out;
}

function valueProblems(where: string, values: Record<string, string> | undefined, keysAreTargets: boolean): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values ?? {})) {
    if (keysAreTargets) {
      const p = targetProblem(key);
      if (p !== null) out.push(`${where}: ${p}`);
    } else if (!FIELD.test(key)) out.push(`${where}: '${key}' must be a field name of the instance, such as ExternalPort`);
    const t = templateProblem(value);
    if (t !== null) out.push(`${where}['${key}']: ${t}`);
  }
  return out;
}

function objectProblems(p: ProfileInput): string[] {
  const out: string[] = [];
  (p.objects ?? []).forEach((o, i) => {
    if (!TABLE.test(o.table))
      out.push(`objects[${i}].table '${o.table}' must be a table path ending with a dot, such as Device.NAT.PortMapping.`);
    if (Object.keys(o.key).length === 0) out.push(`objects[${i}].key must name at least one field that identifies the instance`);
    out.push(...valueProblems(`objects[${i}].key`, o.key, false), ...valueProblems(`objects[${i}].set`, o.set, false));
  });
  return out;
}

function otherProblems(p: ProfileInput): string[] {
  const out: string[] = [];
  (p.attributes ?? []).forEach((a, i) => {
    const t = targetProblem(a.parameter);
    if (t !== null) out.push(`attributes[${i}]: ${t}`);
  });
  for (const field of ['username', 'password'] as const) {
    const value = p.connectionRequest?.[field];
    const t = value === undefined ? null : templateProblem(value);
    if (t !== null) out.push(`connectionRequest.${field}: ${t}`);
  }
  if (p.firmware !== undefined && !isVersion(p.firmware.minVersion))
    out.push(`firmware.minVersion '${p.firmware.minVersion}' is not a version (such as 1.2.10)`);
  const address = p.stun?.serverAddress?.trim();
  const host = address === undefined ? null : hostProblem(address);
  if (host !== null) out.push(`stun.serverAddress: ${host}`);
  const when = p.when ?? [];
  if (when.length === 0 && p.when !== undefined) out.push(`'when' must name at least one of ${profileTriggers.join(', ')}`);
  const empty =
    Object.keys(p.set ?? {}).length === 0 &&
    (p.objects ?? []).length === 0 &&
    (p.attributes ?? []).length === 0 &&
    p.connectionRequest === undefined &&
    p.periodicInform === undefined &&
    p.firmware === undefined &&
    p.stun === undefined;
  if (empty) out.push('the profile applies nothing: give set, objects, attributes, connectionRequest, periodicInform, firmware or stun');
  return out;
}

type Scalars = Record<string, string | number | boolean>;

/** A document as the API receives it: values may be numbers or booleans (stored as text). */
export type ProfileDraft = Omit<ProfileInput, 'set' | 'objects'> & {
  set?: Scalars | undefined;
  objects?: { table: string; key: Scalars; set?: Scalars | undefined }[] | undefined;
};

/** A PUT's body: fields given replace, fields absent (undefined) keep, null clears to the default. */
export type ProfilePatch = { name: string } & { [K in Exclude<keyof ProfileDraft, 'name'>]?: ProfileDraft[K] | null | undefined };

/** The stored document with the patch merged in (then normalised like a new one). */
export function mergeProfile(stored: ProfileInput, patch: ProfilePatch): ProfileDraft {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete out[k];
    else out[k] = value;
  }
  return out as ProfileDraft;
}

const texts = (r: Scalars): Record<string, string> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));

/** The document as stored: trimmed name, defaults filled; throws bad_request naming every problem. */
export function normalizeProfile(draft: ProfileDraft): ProfileInput {
  const input: ProfileInput = {
    ...draft,
    set: texts(draft.set ?? {}),
    objects: (draft.objects ?? []).map((o) => ({
      table: o.table,
      key: texts(o.key),
      ...(o.set === undefined ? {} : { set: texts(o.set) }),
    })),
  };
  const name = input.name.trim();
  const problems: string[] = [];
  if (name === '') problems.push("'name' must not be empty");
  if (/[/?#\\]/.test(name)) problems.push("'name' must not hold / ? # or \\ (it is part of the profile's URL)");
  problems.push(...matchProblems(input.match), ...valueProblems('set', input.set, true), ...objectProblems(input), ...otherProblems(input));
  if (problems.length > 0) throw new AcsError('bad_request', `profile '${name}': ${problems.join('; ')}`);
  const doc: ProfileInput = {
    name,
    description: input.description ?? '',
    priority: input.priority ?? 0,
    enabled: input.enabled ?? true,
    match: input.match ?? {},
    when: [...new Set(input.when ?? (['firstContact', 'everyInform'] as const))],
    set: input.set ?? {},
    objects: input.objects ?? [],
    attributes: input.attributes ?? [],
  };
  if (input.connectionRequest !== undefined) doc.connectionRequest = input.connectionRequest;
  if (input.periodicInform !== undefined) doc.periodicInform = input.periodicInform;
  if (input.firmware !== undefined) doc.firmware = input.firmware;
  if (input.stun !== undefined)
    doc.stun =
      input.stun.serverAddress === undefined
        ? { enabled: input.stun.enabled }
        : { ...input.stun, serverAddress: input.stun.serverAddress.trim() };
  return doc;
}
