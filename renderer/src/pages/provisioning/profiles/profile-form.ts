// The profile editor's form state and its translation to and from the API's document. Every
// field is text while edited (what the user typed stays as typed); empty fields are left out of
// the document, so the core's defaults apply. Pure.
import type { Profile, ProfileInput, ProfileTrigger } from '../../../../../shared/models-provisioning.ts';

export interface SetRow {
  /** A common setting key, or '' for a raw path. */
  key: string;
  path: string;
  value: string;
}

export interface ObjectRow {
  table: string;
  /** "Name=Value" per line. */
  key: string;
  set: string;
}

export interface ProfileForm {
  name: string;
  description: string;
  priority: string;
  enabled: boolean;
  match: {
    oui: string;
    manufacturer: string;
    productClass: string;
    model: string;
    swMin: string;
    swMax: string;
    serial: string;
    tag: string;
    paramPath: string;
    paramValue: string;
  };
  when: ProfileTrigger[];
  set: SetRow[];
  objects: ObjectRow[];
  attributes: { parameter: string; notification: '0' | '1' | '2' }[];
  crUsername: string;
  crPassword: string;
  periodic: 'leave' | 'on' | 'off';
  periodicInterval: string;
  firmwareFileId: string;
  firmwareMinVersion: string;
  /** 'off' comes only from a stored profile (the API): the editor's checkbox turns STUN on or leaves it. */
  stun: 'leave' | 'on' | 'off';
  stunServerAddress: string;
}

export const defaultWhen: ProfileTrigger[] = ['firstContact', 'everyInform'];

export function emptyForm(): ProfileForm {
  return {
    name: '',
    description: '',
    priority: '0',
    enabled: true,
    match: {
      oui: '',
      manufacturer: '',
      productClass: '',
      model: '',
      swMin: '',
      swMax: '',
      serial: '',
      tag: '',
      paramPath: '',
      paramValue: '',
    },
    when: [...defaultWhen],
    set: [],
    objects: [],
    attributes: [],
    crUsername: '',
    crPassword: '',
    periodic: 'leave',
    periodicInterval: '',
    firmwareFileId: '',
    firmwareMinVersion: '',
    stun: 'leave',
    stunServerAddress: '',
  };
}

/** A `set` entry's target: a common setting key (known to the catalog) or a raw path. */
function setRowOf(target: string, value: string, known: ReadonlySet<string>): SetRow {
  return known.has(target) ? { key: target, path: '', value } : { key: '', path: target, value };
}

const lines = (r: Record<string, string>): string =>
  Object.entries(r)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');

export function formOf(p: Profile, known: ReadonlySet<string>): ProfileForm {
  const m = p.match;
  return {
    name: p.name,
    description: p.description,
    priority: String(p.priority),
    enabled: p.enabled,
    match: {
      oui: m.oui ?? '',
      manufacturer: m.manufacturer ?? '',
      productClass: m.productClass ?? '',
      model: m.model ?? '',
      swMin: m.softwareVersion?.min ?? '',
      swMax: m.softwareVersion?.max ?? '',
      serial: m.serial ?? '',
      tag: m.tag ?? '',
      paramPath: m.parameter?.path ?? '',
      paramValue: m.parameter?.value ?? '',
    },
    when: [...p.when],
    set: Object.entries(p.set).map(([k, v]) => setRowOf(k, v, known)),
    objects: p.objects.map((o) => ({ table: o.table, key: lines(o.key), set: lines(o.set ?? {}) })),
    attributes: p.attributes.map((a) => ({ parameter: a.parameter, notification: String(a.notification) as '0' | '1' | '2' })),
    crUsername: p.connectionRequest?.username ?? '',
    crPassword: p.connectionRequest?.password ?? '',
    periodic: p.periodicInform === null ? 'leave' : p.periodicInform.enabled ? 'on' : 'off',
    periodicInterval: p.periodicInform?.intervalSeconds === undefined ? '' : String(p.periodicInform.intervalSeconds),
    firmwareFileId: p.firmware === null ? '' : String(p.firmware.fileId),
    firmwareMinVersion: p.firmware?.minVersion ?? '',
    stun: p.stun === null ? 'leave' : p.stun.enabled ? 'on' : 'off',
    stunServerAddress: p.stun?.serverAddress ?? '',
  };
}

/** "Name=Value" lines as an object (blank lines skipped; a line without '=' is a problem). */
export function parseLines(text: string, what: string, problems: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const at = line.indexOf('=');
    if (at <= 0) {
      problems.push(`${what}: “${line}” is not Name=Value`);
      continue;
    }
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

const whole = /^-?\d+$/;

/** The document to send, and what the form itself can tell is wrong (the core checks the rest). */
export function inputOf(f: ProfileForm): { input: ProfileInput; problems: string[] } {
  const problems: string[] = [];
  const input: ProfileInput = { name: f.name.trim(), enabled: f.enabled, when: f.when };
  if (input.name === '') problems.push('the profile needs a name');
  if (f.description.trim() !== '') input.description = f.description.trim();
  if (f.priority.trim() !== '') {
    if (whole.test(f.priority.trim())) input.priority = Number(f.priority.trim());
    else problems.push('priority: a whole number');
  }
  const m = f.match;
  const match: NonNullable<ProfileInput['match']> = {};
  for (const k of ['oui', 'manufacturer', 'productClass', 'model', 'serial', 'tag'] as const)
    if (m[k].trim() !== '') match[k] = m[k].trim();
  if (m.swMin.trim() !== '' || m.swMax.trim() !== '') {
    match.softwareVersion = {};
    if (m.swMin.trim() !== '') match.softwareVersion.min = m.swMin.trim();
    if (m.swMax.trim() !== '') match.softwareVersion.max = m.swMax.trim();
  }
  if (m.paramPath.trim() !== '') match.parameter = { path: m.paramPath.trim(), value: m.paramValue };
  else if (m.paramValue !== '') problems.push('match: a parameter value needs its path');
  input.match = match;
  const set: Record<string, string> = {};
  f.set.forEach((r, i) => {
    const target = r.key !== '' ? r.key : r.path.trim();
    if (target === '') problems.push(`set row ${i + 1}: pick a setting or type a path`);
    else if (target in set) problems.push(`set row ${i + 1}: ${target} is set twice`);
    else set[target] = r.value;
  });
  input.set = set;
  input.objects = f.objects.map((o, i) => {
    if (o.table.trim() === '') problems.push(`object ${i + 1}: the table path`);
    const key = parseLines(o.key, `object ${i + 1} key`, problems);
    const values = parseLines(o.set, `object ${i + 1} values`, problems);
    return Object.keys(values).length === 0 ? { table: o.table.trim(), key } : { table: o.table.trim(), key, set: values };
  });
  input.attributes = f.attributes.map((a) => ({ parameter: a.parameter.trim(), notification: Number(a.notification) as 0 | 1 | 2 }));
  if (f.crUsername.trim() !== '' || f.crPassword !== '') {
    if (f.crUsername.trim() === '' || f.crPassword === '') problems.push('connection request: both a user name and a password');
    else input.connectionRequest = { username: f.crUsername.trim(), password: f.crPassword };
  }
  if (f.periodic !== 'leave') {
    input.periodicInform = { enabled: f.periodic === 'on' };
    if (f.periodic === 'on' && f.periodicInterval.trim() !== '') {
      if (whole.test(f.periodicInterval.trim())) input.periodicInform.intervalSeconds = Number(f.periodicInterval.trim());
      else problems.push('periodic inform: the interval in whole seconds');
    }
  }
  if (f.firmwareFileId !== '' || f.firmwareMinVersion.trim() !== '') {
    if (f.firmwareFileId === '' || f.firmwareMinVersion.trim() === '') problems.push('firmware floor: pick a file and the minimum version');
    else input.firmware = { fileId: Number(f.firmwareFileId), minVersion: f.firmwareMinVersion.trim() };
  }
  const address = f.stunServerAddress.trim();
  if (f.stun === 'off') input.stun = { enabled: false };
  else if (f.stun === 'on') {
    input.stun = address === '' ? { enabled: true } : { enabled: true, serverAddress: address };
    if (/\s|\/\//.test(address)) problems.push('STUN server address: a host name or IP address only, such as acs.example.net');
  }
  return { input, problems };
}

/** The variables a value may hold, as the help lists them. */
export const templateVariables: { name: string; what: string }[] = [
  { name: '{{serialNumber}}', what: 'the device serial' },
  { name: '{{macAddress}}', what: 'its WAN MAC' },
  { name: '{{oui}}', what: 'manufacturer OUI' },
  { name: '{{productClass}}', what: 'product class' },
  { name: '{{model}}', what: 'model name' },
  { name: '{{manufacturer}}', what: 'manufacturer' },
  { name: '{{deviceId}}', what: 'DeskACS device id' },
  { name: '{{subscriber.name}}', what: 'bound subscriber' },
  { name: '{{subscriber.accountId}}', what: 'account id' },
  { name: '{{subscriber.pppoeUsername}}', what: 'PPPoE user' },
  { name: '{{subscriber.pppoePassword}}', what: 'PPPoE password' },
  { name: '{{subscriber.wifiSsid}}', what: 'Wi-Fi name' },
  { name: '{{subscriber.wifiKey}}', what: 'Wi-Fi key' },
  { name: '{{random:12}}', what: '12 random letters and digits, kept per device' },
];

export const triggerLabels: Record<ProfileTrigger, string> = {
  firstContact: 'First contact (bootstrap)',
  boot: 'Every boot',
  everyInform: 'Every inform (kept converged)',
  profileChange: 'When the profile changes',
};
