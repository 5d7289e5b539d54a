// The provisioning report as one self-contained HTML page: no script, no external resource,
// inline CSS laid out for A4 print (tables that do not split rows, a header per page break).
import type { ProvisioningCheck, ProvisioningStep } from '../../../../shared/models-provisioning.ts';
import { appliedSteps, deviceRows, handoverRows, type ReportModel, stateLabel, subscriberRows, verdict } from './report-model.ts';

const CSS = `
*{box-sizing:border-box}
body{font:11pt/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a1a1a;margin:24px auto;max-width:900px;padding:0 16px}
h1{font-size:18pt;margin:0 0 4px}
h2{font-size:13pt;margin:20px 0 6px;border-bottom:1px solid #bbb;padding-bottom:2px;break-after:avoid}
.meta{color:#555;font-size:9.5pt;margin:0 0 12px}
.verdict{padding:8px 12px;border-radius:4px;border:1px solid #bbb;background:#f4f4f4;font-weight:600}
.verdict.done{border-color:#2e7d32;background:#e8f5e9}
.verdict.failed{border-color:#c62828;background:#ffebee}
table{border-collapse:collapse;width:100%;font-size:10pt}
th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd}
th{background:#f0f0f0;font-weight:600}
table.kv th{width:28%;background:none;font-weight:500;color:#444}
tr{break-inside:avoid}
td.path{font:9pt ui-monospace,Menlo,Consolas,monospace;color:#555;word-break:break-all}
.state{font-weight:600;white-space:nowrap}
.state-done,.state-ok{color:#2e7d32}
.state-failed{color:#c62828}
.state-pending,.state-working{color:#8a6d00}
.state-unsupported{color:#666}
.empty{color:#666;font-style:italic}
footer{margin-top:24px;color:#666;font-size:9pt}
@page{size:A4;margin:15mm}
@media print{body{margin:0;max-width:none;padding:0}.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function kvTable(rows: [string, string][], t: (s: string) => string): string {
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th scope="row">${t(k)}</th><td>${t(v)}</td></tr>`).join('')}</table>`;
}

function state(s: string, t: (s: string) => string): string {
  return `<span class="state state-${t(s)}">${t(stateLabel[s] ?? s)}</span>`;
}

function stepsTable(all: ProvisioningStep[], t: (s: string) => string): string {
  const steps = appliedSteps(all);
  if (steps.length === 0) return '<p class="empty">No profile steps apply to this device.</p>';
  const rows = steps.map(
    (s) =>
      `<tr><td>${state(s.state, t)}</td><td>${t(s.label)}<br><span class="meta">${t(s.profile)} · ${t(s.item)}</span></td>` +
      `<td>${t(s.value ?? '—')}</td><td>${t(s.message ?? '')}</td><td>${t(s.at ?? '')}</td></tr>`,
  );
  return `<table><thead><tr><th>State</th><th>Step</th><th>Value</th><th>Detail</th><th>At</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function checksTable(checks: ProvisioningCheck[], t: (s: string) => string): string {
  if (checks.length === 0) return '<p class="empty">No checks.</p>';
  const rows = checks.map((c) => `<tr><td>${state(c.state, t)}</td><td>${t(c.label)}</td><td>${t(c.detail)}</td></tr>`);
  return `<table><thead><tr><th>State</th><th>Check</th><th>Read from the device</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function settingsTable(m: ReportModel, t: (s: string) => string): string {
  if (m.settings.length === 0) return '<p class="empty">No settings were read from the device yet.</p>';
  const rows = m.settings.map((s) => `<tr><td>${t(s.label)}</td><td>${t(s.value)}</td><td class="path">${t(s.path)}</td></tr>`);
  return `<table><thead><tr><th>Setting</th><th>Value</th><th>Parameter</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function reportHtml(m: ReportModel): string {
  const t = (s: string): string => escapeHtml(m.scrub(s));
  const p = m.provisioning;
  const handover = handoverRows(m.handover);
  const title = `Provisioning report — ${m.device.serialNumber}`;
  const profiles = p === null || p.profiles.length === 0 ? 'none' : p.profiles.map((x) => `${x.name} v${x.version}`).join(', ');
  const sections = [
    `<h1>${t(title)}</h1>`,
    `<p class="meta">Generated ${t(m.generatedAt)} by DeskACS · profiles: ${t(profiles)}</p>`,
    `<p class="verdict ${t(p?.state ?? 'none')}">${t(verdict(m))}</p>`,
    `<h2>Device</h2>${kvTable(deviceRows(m), t)}`,
    `<h2>Subscriber</h2>${kvTable(subscriberRows(m.subscriber), t)}`,
    `<h2>Settings applied</h2>${p === null ? '<p class="empty">No provisioning profile applies to this device.</p>' : stepsTable(p.steps, t)}`,
    `<h2>Checks</h2>${p === null ? '<p class="empty">No checks without a provisioning profile.</p>' : checksTable(p.checks, t)}`,
    `<h2>Settings on the device</h2>${settingsTable(m, t)}`,
    ...(handover === null ? [] : [`<h2>Handover</h2>${kvTable(handover, t)}`]),
    `<footer>Passwords and keys are masked (${t('••••••')}). Times are UTC.</footer>`,
  ];
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${t(title)}</title><style>${CSS}</style></head><body>${sections.join('\n')}</body></html>`
  );
}
