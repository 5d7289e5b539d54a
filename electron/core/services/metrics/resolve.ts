// Which parameters of one device carry each metric: a definition's sources are tried in order
// against the device's stored tree, and the first that exists gives the concrete paths ('*'
// expanded to the instances the device has, '{wan}' to the WAN connection the summary card
// shows). Split metrics get each path's Wi-Fi band. Nothing is guessed: a metric whose sources
// are all absent is missing, with the reason.
import type { MetricDefinition } from '../../../../shared/models-monitoring.ts';
import type { Store } from '../../store/index.ts';
import { bandFrom, bandOfChannels } from '../common-settings/resolution.ts';
import { TR098_SUBTREES, tr098Network } from '../device-summary-tr098.ts';
import { TR181_SUBTREES, tr181Network } from '../device-summary-tr181.ts';
import { bandOf, bandOfChannel, bandOfStandard, firstBand, objectRef, ParamTree } from '../device-summary-tree.ts';
import { definitionAppliesTo, MAX_SAMPLED_PATHS } from './definitions.ts';

export interface ResolvedPath {
  path: string;
  scale: number;
  /** The source's conversion after scale (mW to dBm), if any. */
  convert?: 'mW-to-dBm' | undefined;
  /** '' or the Wi-Fi band of a split metric ('unknown band' when the device does not say). */
  part: string;
}

export interface ResolvedMetric {
  def: MetricDefinition;
  paths: ResolvedPath[];
}

export interface MetricPlan {
  metrics: ResolvedMetric[];
  missing: { def: MetricDefinition; reason: string }[];
  /** Every path to read, at most MAX_SAMPLED_PATHS. */
  paths: string[];
}

const WAN = '{wan}';

/** A pattern's fixed start: 'Device.WiFi.AccessPoint.*.X' -> 'Device.WiFi.AccessPoint.'. */
function staticPrefix(pattern: string): string {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern;
  return pattern.slice(0, star);
}

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\d+');
  return new RegExp(`^${body}$`);
}

/** Resolves one device's plan from its stored tree. */
export function resolvePlan(store: Store, deviceId: string, defs: readonly MetricDefinition[]): MetricPlan {
  const device = store.devices.get(deviceId);
  const byPrefix = new Map<string, { tree: ParamTree; leaves: string[] }>();
  const under = (prefix: string): { tree: ParamTree; leaves: string[] } => {
    let t = byPrefix.get(prefix);
    if (t === undefined) {
      const rows = store.parameters.list(deviceId, prefix);
      t = { tree: new ParamTree(rows), leaves: rows.filter((r) => !r.object).map((r) => r.path) };
      byPrefix.set(prefix, t);
    }
    return t;
  };
  let wanPath: string | null | undefined;
  const wan = (): string | null => {
    if (wanPath !== undefined) return wanPath;
    const tr098 = device?.rootObject === 'InternetGatewayDevice';
    const t = new ParamTree((tr098 ? TR098_SUBTREES : TR181_SUBTREES).flatMap((p) => store.parameters.list(deviceId, p)));
    const network = tr098 ? tr098Network(t, device?.connectionRequestUrl ?? '') : tr181Network(t, device?.connectionRequestUrl ?? '');
    wanPath = network.wan?.path === undefined ? null : objectRef(network.wan.path);
    return wanPath;
  };
  const expand = (pattern: string): string[] => {
    let p = pattern;
    if (p.startsWith(WAN)) {
      const w = wan();
      if (w === null) return [];
      p = w + p.slice(WAN.length);
    }
    const prefix = staticPrefix(p);
    const rootPrefix = prefix.slice(0, prefix.lastIndexOf('.') + 1) || prefix;
    const { tree, leaves } = under(rootPrefix);
    if (!p.includes('*')) return tree.row(p) === undefined || tree.row(p)?.object === true ? [] : [p];
    const re = patternRegex(p);
    return leaves.filter((path) => re.test(path));
  };
  const plan: MetricPlan = { metrics: [], missing: [], paths: [] };
  for (const def of defs) {
    if (!definitionAppliesTo(def, device)) {
      plan.missing.push({
        def,
        reason: `defined for ${def.models?.join(', ')} only, not ${device?.modelName ?? device?.productClass ?? 'this model'}`,
      });
      continue;
    }
    let found: ResolvedPath[] = [];
    for (const source of def.sources) {
      const paths = expand(source.path);
      if (paths.length === 0) continue;
      found = paths.map((path) => ({
        path,
        scale: source.scale ?? 1,
        ...(source.convert === undefined ? {} : { convert: source.convert }),
        part: def.split === 'band' ? bandOfPath(under(wifiRoot(path)).tree, path) : '',
      }));
      break;
    }
    if (found.length === 0) {
      plan.missing.push({
        def,
        reason: def.sources.length === 0 ? 'no source path defined' : `none of ${def.sources.map((s) => s.path).join(', ')} on this device`,
      });
      continue;
    }
    const room = MAX_SAMPLED_PATHS - plan.paths.length;
    if (room <= 0) {
      plan.missing.push({ def, reason: `more than ${MAX_SAMPLED_PATHS} paths to read: left out` });
      continue;
    }
    found = found.slice(0, room);
    plan.metrics.push({ def, paths: found });
    plan.paths.push(...found.map((f) => f.path));
  }
  return plan;
}

function wifiRoot(path: string): string {
  return path.startsWith('Device.') ? 'Device.WiFi.' : 'InternetGatewayDevice.LANDevice.';
}

const TR098_OWN_BAND = ['OperatingFrequencyBand', 'X_HW_RFBand', 'X_TP_Band', 'X_ZTE-COM_Band', 'X_ALU-COM_Band'];

/** The Wi-Fi band a path's access point or WLAN runs on. */
export function bandOfPath(t: ParamTree, path: string): string {
  const ap = /^(Device\.WiFi\.AccessPoint\.\d+\.)/.exec(path)?.[1];
  if (ap !== undefined) {
    const ssid = objectRef(t.text(`${ap}SSIDReference`) ?? '');
    const radio = ssid === '' ? undefined : t.refs(`${ssid}LowerLayers`)[0];
    if (radio === undefined) return 'unknown band';
    const supported = t.text(`${radio}SupportedFrequencyBands`) ?? '';
    const band = firstBand(
      bandOf(t.text(`${radio}OperatingFrequencyBand`)),
      supported.includes(',') ? '' : bandOf(supported),
      bandOfChannel(t.count(`${radio}Channel`)),
      bandOfChannels(t.text(`${radio}PossibleChannels`)),
      bandOfStandard(t.text(`${radio}OperatingStandards`)),
    );
    return band === '' ? 'unknown band' : band;
  }
  const wlan = /^(InternetGatewayDevice\.LANDevice\.\d+\.WLANConfiguration\.\d+\.)/.exec(path)?.[1];
  if (wlan !== undefined) {
    const band = bandFrom(t, wlan, TR098_OWN_BAND, 'Standard');
    return band === '' ? 'unknown band' : band;
  }
  return 'unknown band';
}
