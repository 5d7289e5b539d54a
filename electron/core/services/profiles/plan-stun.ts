// A profile's `stun` item: the device's ManagementServer.STUN* made to point at DeskACS's STUN
// server (the running server's port; the profile's address, else the host of the device's ACS
// URL, else of DeskACS's own) with the device's own STUN credentials, the same values enableStun
// sets (stun-enable.ts makes and keeps the credentials for both). Compared like other values;
// the password, which CPEs report empty, by the hash of what the engine applied. Off: only
// STUNEnable false. The server off: unsupported, with how to start it.
import { checkParameterValue } from '../value-check.ts';
import { managementServerOf, STUN_SERVER_OFF, stunCredentialsOf, stunServerAddress, stunValues } from '../stun-enable.ts';
import type { DesiredItem, DeviceView } from './items.ts';
import { appliedBefore, heldBack, type PlanContext, refOf, type StepStatus } from './planner.ts';
import { sameValue } from './plan-objects.ts';
import { hideSecret, valueHash } from './secrets.ts';

/** DeskACS's STUN server as the profile engine sees it; port null: the server is off. */
export interface StunEnvironment {
  port: number | null;
  /** DeskACS's own CWMP URL (the server address of last resort). */
  cwmpUrl: string;
}

type StunItem = Extract<DesiredItem, { kind: 'stun' }>;
type Decision = { status: StepStatus; message: string | null; path: string | null; value: string | null; hash: string };

/** The prefix every STUN parameter of the device shares: the item's path (a fault on any of them fails it). */
export const stunSlot = (view: DeviceView): string => `${managementServerOf(view.device.rootObject)}STUN`;

/** The ManagementServer object, when the item needs its values and it was not read in this session. */
export function stunReads(view: DeviceView): string[] {
  const ms = managementServerOf(view.device.rootObject);
  return view.device.rootObject === '' || view.read.has(ms) ? [] : [ms];
}

export function stunShown(d: { enabled: boolean; serverAddress: string | null }): string {
  return d.enabled ? `on${d.serverAddress === null ? '' : `, server ${d.serverAddress}`}` : 'off';
}

/**
 * The object's names were read once (its own row comes from a GetParameterNames of it or above;
 * an Inform's values, or a read of one parameter, cannot show that a parameter is absent).
 */
const namesRead = (view: DeviceView, object: string): boolean => view.rows.get(object)?.object === true;

/** Read first, or unsupported: the device lacks a parameter the item needs. */
function missingOf(ctx: PlanContext, names: readonly string[], path: string, value: string): Decision | null {
  const { view } = ctx;
  const ms = managementServerOf(view.device.rootObject);
  const missing = names.filter((n) => view.rows.get(ms + n) === undefined);
  const unknown = names.filter((n) => n !== 'STUNPassword' && view.rows.get(ms + n)?.value == null);
  if (missing.length === 0 && unknown.length === 0) return null;
  const read = view.read.has(ms) || (missing.length > 0 && namesRead(view, ms));
  if (!read) return { status: 'read', message: `reading ${ms} first`, path, value, hash: '' };
  if (missing.length === 0) return null;
  const message = `stun: the device has no ${ms}${missing[0]} (it does not support STUN, TR-069 Annex G)`;
  return { status: 'unsupported', message, path, value, hash: '' };
}

export function decideStun(ctx: PlanContext, d: StunItem): Decision {
  const { view, store, options } = ctx;
  if (view.device.rootObject === '')
    return { status: 'read', message: 'the data model root is not known yet', path: null, value: null, hash: '' };
  const id = view.device.id;
  const ms = managementServerOf(view.device.rootObject);
  const path = stunSlot(view);
  const port = options.stun?.port ?? null;
  if (d.enabled && port === null)
    return { status: 'unsupported', message: `stun: ${STUN_SERVER_OFF}`, path, value: stunShown(d), hash: '' };
  const names = d.enabled ? ['STUNEnable', 'STUNServerAddress', 'STUNServerPort', 'STUNUsername', 'STUNPassword'] : ['STUNEnable'];
  const early = missingOf(ctx, names, path, stunShown(d));
  if (early !== null) return early;
  let wanted: [string, string][] = [[`${ms}STUNEnable`, 'false']];
  let value = 'off';
  let secret = '';
  let kept = true;
  if (d.enabled && port !== null) {
    const address = stunServerAddress(store, id, ms, d.serverAddress, options.stun?.cwmpUrl ?? '');
    if (address === null)
      return {
        status: 'unsupported',
        message: 'stun: cannot tell which address the device reaches DeskACS at: give stun.serverAddress',
        path,
        value: stunShown(d),
        hash: '',
      };
    // New credentials are kept as soon as the engine plans to send them (a dry run only shows them).
    const creds = stunCredentialsOf(store, id, options.keepStunCredentials === true);
    wanted = stunValues(ms, address, port, creds).map(([p, v]) => [p, String(v)]);
    value = `on, ${address.includes(':') ? `[${address}]` : address}:${port}`;
    secret = creds.password;
    kept = creds.kept;
  }
  const hash = valueHash(path, JSON.stringify(wanted));
  const held = heldBack(ctx, d, hash);
  if (held !== null) return { ...held, path, value };
  const applied = appliedBefore(ctx, d, hash);
  const differing = wanted.filter(([p, v]) => {
    if (p.endsWith('Password')) return !applied;
    const row = view.rows.get(p);
    return !(row?.value != null && sameValue(row.value, v, row.type));
  });
  if (differing.length === 0) return { status: 'satisfied', message: null, path, value, hash };
  const sends: PlanContext['sends']['values'] = [];
  for (const [p, v] of differing) {
    const verdict = checkParameterValue(store, id, p, v, undefined, options.quirks);
    if (!verdict.ok) {
      const message = `stun: ${hideSecret(verdict.message, secret)}`;
      return { status: message.includes('read-only') ? 'unsupported' : 'invalid', message, path, value, hash };
    }
    // The username is shown once it is the device's for good (a dry run's is only an example).
    const hidden = p.endsWith('Password') || (p.endsWith('Username') && !kept);
    sends.push({ path: p, value: verdict.value, type: verdict.type, secret: hidden, ref: refOf(d, path, hash) });
  }
  ctx.sends.values.push(...sends);
  return { status: 'send', message: differing.map(([p]) => p.slice(ms.length)).join(', '), path, value, hash };
}
