// {{variables}} in profile values: the device's identity, its subscriber's fields and
// {{random:N}} (N letters and digits generated once per device, profile and item, then kept).
import { READABLE, randomText as generatedText } from '../../generated-credentials.ts';
import type { Subscriber } from '../../../../shared/models-provisioning.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';

const DEVICE_VARS = ['serialNumber', 'oui', 'productClass', 'manufacturer', 'model', 'macAddress', 'deviceId'] as const;
const SUBSCRIBER_VARS = ['name', 'accountId', 'pppoeUsername', 'pppoePassword', 'wifiSsid', 'wifiKey'] as const;
const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Why a template is malformed, or null (checked when a profile is saved). */
export function templateProblem(text: string): string | null {
  for (const m of text.matchAll(TEMPLATE)) {
    const name = m[1] ?? '';
    if ((DEVICE_VARS as readonly string[]).includes(name)) continue;
    if (name.startsWith('subscriber.') && (SUBSCRIBER_VARS as readonly string[]).includes(name.slice(11))) continue;
    const random = /^random:(\d+)$/.exec(name);
    if (random !== null && Number(random[1]) >= 1 && Number(random[1]) <= 64) continue;
    return `unknown variable {{${name}}} (known: ${DEVICE_VARS.map((v) => `{{${v}}}`).join(', ')}, {{subscriber.${SUBSCRIBER_VARS.join('|')}}}, {{random:N}} with N 1-64)`;
  }
  const rest = text.replace(TEMPLATE, '');
  if (rest.includes('{{') || rest.includes('}}')) return 'has an unclosed {{ or a stray }}';
  return null;
}

export interface TemplateContext {
  device: DeviceSummary;
  macAddress: string | null;
  subscriber: Subscriber | null;
  /** The kept random value of this item (made once). */
  random(length: number): string;
}

export type Rendered = { ok: true; value: string } | { ok: false; waiting: string };

export function render(text: string, ctx: TemplateContext): Rendered {
  let waiting: string | null = null;
  const value = text.replace(TEMPLATE, (_all, raw: string) => {
    const name = raw.trim();
    if (name.startsWith('subscriber.')) {
      if (ctx.subscriber === null) {
        waiting ??= 'waiting for a subscriber';
        return '';
      }
      const field = ctx.subscriber[name.slice(11) as (typeof SUBSCRIBER_VARS)[number]];
      if (field === null || field === undefined || field === '') waiting ??= `the subscriber has no ${name.slice(11)}`;
      return field ?? '';
    }
    const random = /^random:(\d+)$/.exec(name);
    if (random !== null) return ctx.random(Number(random[1]));
    const known = deviceVar(name, ctx);
    if (known === null) waiting ??= `the device's ${name} is not known yet`;
    return known ?? '';
  });
  return waiting === null ? { ok: true, value } : { ok: false, waiting };
}

function deviceVar(name: string, ctx: TemplateContext): string | null {
  const d = ctx.device;
  switch (name) {
    case 'serialNumber':
      return d.serialNumber;
    case 'oui':
      return d.oui;
    case 'productClass':
      return d.productClass;
    case 'manufacturer':
      return d.manufacturer;
    case 'model':
      return d.modelName;
    case 'deviceId':
      return d.id;
    case 'macAddress':
      return ctx.macAddress;
    default:
      return null;
  }
}

export function usesRandom(text: string): boolean {
  return /\{\{\s*random:\d+\s*\}\}/.test(text);
}

/** {{random:N}}: letters and digits a person can read off a label (no 0/O, 1/l/I). */
export function randomText(length: number): string {
  return generatedText(length, READABLE);
}
