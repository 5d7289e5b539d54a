// Per-model settings for what real CPEs get wrong, resolved from rules matched on the Inform's
// DeviceId and SoftwareVersion. Pure: rules come in as data (built-in, or loaded from the
// operator's JSON by the caller); nothing is read here.

import type { BooleanForm } from './values.ts';

export interface Quirks {
  /** The CPE ignores NextLevel=true in GetParameterNames and returns the whole subtree. */
  nextLevelBroken: boolean;
  /** GetParameterNames on the root ('' or 'Device.') times out or crashes the CPE: discover per top-level object. */
  skipRootGetParameterNames: boolean;
  /** How xsd:boolean values are sent: 'word' = true/false, 'numeric' = 1/0 (see values.ts). */
  booleanForm: BooleanForm;
  /** Never sends TransferComplete: a Download is done when an Inform shows 'M Download' or the new SoftwareVersion. */
  noTransferComplete: boolean;
  /** Parameter names per GetParameterValues request. */
  gpvBatchSize: number;
  /** Parameters per SetParameterValues request. */
  spvBatchSize: number;
  /** Deepest level to walk with GetParameterNames; undefined = no limit. */
  gpnMaxDepth?: number;
  /**
   * A GetParameterValues of a partial path ('X.Y.') gets no answer (the CPE drops the session
   * instead of sending a fault): values are read in named batches. Learned per device when it
   * happens (store.learnedQuirks), or set by a rule.
   */
  partialPathGpvBroken?: boolean;
}

/**
 * Standard behaviour. GPV batches of 32 follow GenieACS's long-standing GPV_BATCH_SIZE default,
 * proven on a wide range of CPEs. SetParameterValues is atomic on the CPE (TR-069 A.3.2.1), so a
 * batch fails as a whole on one bad value; 16 keeps the blast radius small.
 */
export const defaultQuirks: Readonly<Quirks> = Object.freeze({
  nextLevelBroken: false,
  skipRootGetParameterNames: false,
  booleanForm: 'word',
  noTransferComplete: false,
  gpvBatchSize: 32,
  spvBatchSize: 16,
});

export interface QuirkMatch {
  /** OUI, compared case-insensitively (CPEs send lower-case OUIs too). */
  oui?: string;
  /**
   * Regular-expression source matched against the whole ProductClass, case-insensitively: a plain
   * name is therefore an exact match, 'HG8245.*' a family.
   */
  productClass?: string;
  /** Case-insensitive substring of Manufacturer ('tp-link' matches 'TP-LINK Technologies Co., Ltd.'). */
  manufacturer?: string;
  /** Case-insensitive prefix of SoftwareVersion. */
  softwareVersion?: string;
}

export interface QuirkRule {
  match: QuirkMatch;
  quirks: Partial<Quirks>;
  /** Why: what the device does, and where that was seen. */
  note: string;
}

export interface DeviceIdentity {
  oui: string;
  productClass: string;
  manufacturer: string;
  softwareVersion: string;
}

/**
 * Only cases with public evidence. Everything else belongs in the operator's rules, which
 * resolveQuirks applies after these.
 */
export const builtinQuirkRules: readonly QuirkRule[] = Object.freeze([
  {
    match: { manufacturer: 'tp-link', productClass: 'TD-W9970.*' },
    quirks: { booleanForm: 'numeric' },
    note:
      "TP-Link TD-W9970 answers xsd:boolean 'false' with fault 9007 and accepts 1/0 " +
      '(https://github.com/genieacs/genieacs/issues/228).',
  },
  {
    match: { manufacturer: 'sagemcom', productClass: '.*2764.*' },
    quirks: { skipRootGetParameterNames: true },
    note:
      'Sagemcom F@st 2764 (gSOAP/2.7 client) never answers GetParameterNames with an empty ' +
      'ParameterPath (https://github.com/genieacs/genieacs/issues/74).',
  },
]);

function productClassRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, 'i');
  } catch {
    return undefined;
  }
}

/** True when every criterion the rule gives matches the device (an empty match matches all). */
export function ruleMatches(rule: QuirkRule, device: DeviceIdentity): boolean {
  const m = rule.match;
  if (m.oui !== undefined && m.oui.trim().toUpperCase() !== device.oui.trim().toUpperCase()) return false;
  if (m.manufacturer !== undefined && !device.manufacturer.toLowerCase().includes(m.manufacturer.trim().toLowerCase())) {
    return false;
  }
  if (m.softwareVersion !== undefined && !device.softwareVersion.trim().toLowerCase().startsWith(m.softwareVersion.trim().toLowerCase())) {
    return false;
  }
  if (m.productClass !== undefined) {
    // A rule that did not come through parseQuirkRules may hold a broken pattern: it matches nothing.
    const re = productClassRegExp(m.productClass);
    if (re === undefined || !re.test(device.productClass.trim())) return false;
  }
  return true;
}

function applyPartial(target: Quirks, partial: Partial<Quirks>): void {
  // Only keys that are set: JSON cannot say undefined, and a rule that names one quirk must not
  // reset the others.
  if (partial.nextLevelBroken !== undefined) target.nextLevelBroken = partial.nextLevelBroken;
  if (partial.skipRootGetParameterNames !== undefined) target.skipRootGetParameterNames = partial.skipRootGetParameterNames;
  if (partial.booleanForm !== undefined) target.booleanForm = partial.booleanForm;
  if (partial.noTransferComplete !== undefined) target.noTransferComplete = partial.noTransferComplete;
  if (partial.gpvBatchSize !== undefined) target.gpvBatchSize = partial.gpvBatchSize;
  if (partial.spvBatchSize !== undefined) target.spvBatchSize = partial.spvBatchSize;
  if (partial.gpnMaxDepth !== undefined) target.gpnMaxDepth = partial.gpnMaxDepth;
  if (partial.partialPathGpvBroken !== undefined) target.partialPathGpvBroken = partial.partialPathGpvBroken;
}

/**
 * The quirks for one device: defaults, then every matching rule in order (a later rule overrides
 * an earlier one), then the operator's per-device overrides, which always win. Returns a new object.
 */
export function resolveQuirks(device: DeviceIdentity, rules: readonly QuirkRule[], overrides?: Partial<Quirks>): Quirks {
  const out: Quirks = { ...defaultQuirks };
  for (const rule of rules) if (ruleMatches(rule, device)) applyPartial(out, rule.quirks);
  if (overrides !== undefined) applyPartial(out, overrides);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rules from JSON (the operator's file): checked field by field, every problem reported.

const BATCH_MAX = 10_000;
const DEPTH_MAX = 64;
const PATTERN_MAX = 200;

type Check = (v: unknown) => string | undefined;

const isWhole = (v: unknown, min: number, max: number): string | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `must be a whole number ${min}–${max}`;
const isBool: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');

const QUIRK_CHECKS: Readonly<Record<keyof Quirks, Check>> = {
  nextLevelBroken: isBool,
  skipRootGetParameterNames: isBool,
  booleanForm: (v) => (v === 'word' || v === 'numeric' ? undefined : "must be 'word' or 'numeric'"),
  noTransferComplete: isBool,
  gpvBatchSize: (v) => isWhole(v, 1, BATCH_MAX),
  spvBatchSize: (v) => isWhole(v, 1, BATCH_MAX),
  gpnMaxDepth: (v) => isWhole(v, 1, DEPTH_MAX),
  partialPathGpvBroken: isBool,
};

/**
 * The quirks learned from a device's behaviour (store.learnedQuirks), as resolveQuirks' per-device
 * overrides: only known settings with valid values (a stored cell is never trusted blindly).
 */
export function learnedQuirks(raw: Record<string, unknown>): Partial<Quirks> {
  const out: Partial<Record<keyof Quirks, unknown>> = {};
  checkFields(raw, QUIRK_CHECKS, 'learned', [], out);
  // Every field was checked against its declared type, so this view is exact.
  return out as Partial<Quirks>;
}

const isText: Check = (v) => (typeof v === 'string' && v.trim() !== '' ? undefined : 'must be non-empty text');

const MATCH_CHECKS: Readonly<Record<keyof QuirkMatch, Check>> = {
  oui: isText,
  manufacturer: isText,
  softwareVersion: isText,
  productClass: (v) => {
    const text = isText(v);
    if (text !== undefined || typeof v !== 'string') return text;
    if (v.length > PATTERN_MAX) return `must be at most ${PATTERN_MAX} characters`;
    return productClassRegExp(v) === undefined ? 'is not a valid regular expression' : undefined;
  },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasKey<K extends string>(checks: Readonly<Record<K, Check>>, key: string): key is K {
  return Object.hasOwn(checks, key);
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 39)}…` : v}'`;
  const json = JSON.stringify(v);
  return json === undefined ? String(v) : json;
}

/** Checks `obj`'s fields against `checks`; copies the good ones into `into`; pushes problems. */
function checkFields<K extends string>(
  obj: Record<string, unknown>,
  checks: Readonly<Record<K, Check>>,
  where: string,
  errors: string[],
  into: Partial<Record<K, unknown>>,
): void {
  for (const [key, value] of Object.entries(obj)) {
    if (!hasKey(checks, key)) {
      errors.push(`${where}.${key} is not a known setting (known: ${Object.keys(checks).join(', ')})`);
      continue;
    }
    const problem = checks[key](value);
    if (problem === undefined) into[key] = value;
    else errors.push(`${where}.${key} ${problem} (got ${show(value)})`);
  }
}

function parseRule(raw: unknown, where: string, errors: string[]): QuirkRule | undefined {
  if (!isRecord(raw)) {
    errors.push(`${where} must be an object with match, quirks and note`);
    return undefined;
  }
  const before = errors.length;
  const match: Partial<Record<keyof QuirkMatch, unknown>> = {};
  const quirks: Partial<Record<keyof Quirks, unknown>> = {};
  for (const key of Object.keys(raw)) {
    if (key !== 'match' && key !== 'quirks' && key !== 'note') errors.push(`${where}.${key} is not a known field`);
  }
  if (!isRecord(raw['match'])) errors.push(`${where}.match must be an object`);
  else checkFields(raw['match'], MATCH_CHECKS, `${where}.match`, errors, match);
  if (!isRecord(raw['quirks'])) errors.push(`${where}.quirks must be an object`);
  else checkFields(raw['quirks'], QUIRK_CHECKS, `${where}.quirks`, errors, quirks);
  const note = raw['note'];
  if (typeof note !== 'string' || note.trim() === '') errors.push(`${where}.note must say why the rule exists`);
  if (errors.length > before || typeof note !== 'string') return undefined;
  // Every field was checked against its declared type above, so these views are exact.
  return { match: match as QuirkMatch, quirks: quirks as Partial<Quirks>, note: note.trim() };
}

/**
 * Validates quirk rules loaded from JSON: an array of rules, or `{ "rules": [...] }`. Returns the
 * rules (fresh objects, nothing of the input kept), or one message listing every problem found,
 * each with its place (`rules[2].quirks.gpvBatchSize must be a whole number 1–10000 (got 0)`).
 */
export function parseQuirkRules(json: unknown): QuirkRule[] | string {
  const list = isRecord(json) ? json['rules'] : json;
  if (!Array.isArray(list)) return 'quirk rules must be a JSON array of rules, or an object { "rules": [...] }';
  const errors: string[] = [];
  const rules: QuirkRule[] = [];
  list.forEach((raw: unknown, i) => {
    const rule = parseRule(raw, `rules[${i}]`, errors);
    if (rule !== undefined) rules.push(rule);
  });
  return errors.length === 0 ? rules : errors.join('; ');
}
