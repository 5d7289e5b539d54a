// Reading a device's stored parameters the way the summary card needs: values by path, the
// instances of a table, references between objects ('Device.WiFi.Radio.1.' or without the dot,
// as some CPEs write them), and the small judgements shared by TR-181 and TR-098 (is an address
// real, is a connection up, which Wi-Fi band a value means).
import type { ParameterRow } from '../../../shared/models.ts';
import type { WanSummary, WifiSummary } from '../../../shared/models-device.ts';

/** What a data model's reader finds: the WAN to show, the LAN address, the SSIDs. */
export interface NetworkSummary {
  wan: WanSummary | null;
  lanIp: string | null;
  wifi: WifiSummary[];
}

export class ParamTree {
  private readonly rows = new Map<string, ParameterRow>();

  constructor(rows: Iterable<ParameterRow>) {
    for (const r of rows) this.rows.set(r.path, r);
  }

  row(path: string): ParameterRow | undefined {
    return this.rows.get(path);
  }

  /** The value as stored ('' stays ''), or null when the parameter is unknown or has no value. */
  value(path: string): string | null {
    return this.rows.get(path)?.value ?? null;
  }

  /** A non-empty value, trimmed, or null. */
  text(path: string): string | null {
    const v = this.value(path)?.trim() ?? '';
    return v === '' ? null : v;
  }

  /** true/false for boolean text (true, false, 1, 0), else null. */
  flag(path: string): boolean | null {
    const v = this.text(path)?.toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return null;
  }

  /** A whole number >= 0, or null. */
  count(path: string): number | null {
    const v = this.text(path);
    return v !== null && /^\d+$/.test(v) ? Number(v) : null;
  }

  /** The instances of a table ('Device.WiFi.SSID.'), as object paths in instance-number order. */
  instances(table: string): string[] {
    const numbers = new Set<number>();
    for (const path of this.rows.keys()) {
      if (!path.startsWith(table)) continue;
      const m = /^(\d+)\./.exec(path.slice(table.length));
      if (m?.[1] !== undefined) numbers.add(Number(m[1]));
    }
    return [...numbers].sort((a, b) => a - b).map((n) => `${table}${n}.`);
  }

  /** Whether any parameter sits under this object path. */
  has(objectPath: string): boolean {
    for (const path of this.rows.keys()) if (path.startsWith(objectPath)) return true;
    return false;
  }

  /** Object references of a list parameter (LowerLayers, Interface ...), each ending in '.'. */
  refs(path: string): string[] {
    return (this.text(path) ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter((r) => r !== '')
      .map(objectRef);
  }
}

/** 'Device.WiFi.Radio.1' and 'Device.WiFi.Radio.1.' name the same object. */
export function objectRef(ref: string): string {
  const r = ref.trim();
  return r === '' || r.endsWith('.') ? r : `${r}.`;
}

/** An address that means something: not empty, not 0.0.0.0. */
export function realAddress(ip: string | null): string | null {
  return ip === null || ip === '' || ip === '0.0.0.0' || ip === '::' ? null : ip;
}

/** 'Connected' (TR-098 ConnectionStatus, TR-181 PPP) and 'Up' (TR-181 Status) both mean up. */
export function isUp(state: string | null): boolean {
  const s = (state ?? '').toLowerCase();
  return s === 'connected' || s === 'up' || s === 'bound';
}

/** A WAN candidate and how strongly it is "the" WAN. */
export interface WanCandidate {
  wan: WanSummary;
  enabled: boolean | null;
  /** The device names it the default route (TR-098 Layer3Forwarding.DefaultConnectionService). */
  isDefault?: boolean;
}

/**
 * The WAN to show: the default connection if the device names one, else one that is up with an
 * address, else an enabled one, else the first; among equals, the one whose address the device
 * gives in its ConnectionRequestURL (the connection DeskACS reaches it through).
 */
export function pickWan(candidates: readonly WanCandidate[], connectionRequestUrl: string): WanSummary | null {
  const crHost = hostOf(connectionRequestUrl);
  let best: { wan: WanSummary; score: number } | null = null;
  for (const c of candidates) {
    const score =
      (c.isDefault === true ? 16 : 0) +
      (isUp(c.wan.state) ? 8 : 0) +
      (c.wan.ip !== null ? 4 : 0) +
      (c.enabled !== false ? 2 : 0) +
      (c.wan.ip !== null && c.wan.ip === crHost ? 1 : 0);
    if (best === null || score > best.score) best = { wan: c.wan, score };
  }
  return best?.wan ?? null;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
}

/** '2.4GHz', '5G', '5 GHz', '6GHz' -> '2.4 GHz', '5 GHz', '6 GHz'; anything else ''. */
export function bandOf(text: string | null): string {
  const m = /^\s*(2\.4|5|6)\s*g(?:hz)?\b/i.exec(text ?? '');
  return m?.[1] === undefined ? '' : `${m[1]} GHz`;
}

/** Channels 1-14 are 2.4 GHz, higher ones 5 GHz; 0 (auto) or none says nothing. */
export function bandOfChannel(channel: number | null): string {
  if (channel === null || channel === 0) return '';
  return channel > 14 ? '5 GHz' : '2.4 GHz';
}

/**
 * The band an 802.11 standard list implies ('b,g,n', 'a/n/ac', '11bgn', '11ax'): a or ac is
 * 5 GHz, b or g is 2.4 GHz, ax alone is taken as 5 GHz; n alone (both bands) says nothing.
 */
export function bandOfStandard(text: string | null): string {
  const cleaned = (text ?? '')
    .toLowerCase()
    .replace(/802\.11|ieee/g, '')
    .replace(/\b11(?=[a-z])/g, '');
  const tokens = new Set(cleaned.match(/ax|ac|be|a|b|g|n/g) ?? []);
  if (tokens.has('a') || tokens.has('ac')) return '5 GHz';
  if (tokens.has('b') || tokens.has('g')) return '2.4 GHz';
  if (tokens.has('ax')) return '5 GHz';
  return '';
}

/** The first band that says something. */
export function firstBand(...bands: string[]): string {
  return bands.find((b) => b !== '') ?? '';
}
