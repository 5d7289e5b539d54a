// `npm run simulate -- --acs URL --devices N --model FILE|tr181|tr098 [--serial-prefix P]
//   [--periodic SECONDS] [--concurrency C] [--username U --password P] [--cr-username U
//   --cr-password P] [--duration SECONDS] [--firmware-failure fault-9010|fault-9016|old-version|never
//   [--firmware-failure-share 0-1]] [--health] [--degrade-signal DB_PER_MINUTE] [--optical DBM]`
// Bootstraps every device, prints a summary; with --periodic keeps informing until Ctrl-C or
// --duration, printing a summary per interval.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isBuiltinModelName } from './builtin-models.ts';
import { type FirmwareFailure, firmwareFailures } from './device-files.ts';
import { startFleet, type FleetOptions, type FleetSummary } from './fleet.ts';
import { loadCsvModel, type DeviceModel } from './model.ts';
import type { BuiltinModelName } from './builtin-models.ts';

const USAGE =
  'usage: npm run simulate -- --acs URL [--devices N] [--model FILE|tr181|tr098] [--serial-prefix P] [--periodic S] [--concurrency C] [--username U --password P] [--cr-username U --cr-password P] [--duration S] [--firmware-failure MODE [--firmware-failure-share 0-1]] [--health] [--degrade-signal DB_PER_MINUTE] [--optical DBM]';

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got '${value}'`);
  return n;
}

function loadModel(spec: string): DeviceModel | BuiltinModelName {
  return isBuiltinModelName(spec) ? spec : loadCsvModel(readFileSync(spec, 'utf8'));
}

function formatSummary(label: string, s: FleetSummary): string {
  const l = s.latencyMs;
  const lines = [
    `${label}: ${s.sessions} sessions from ${s.devices} devices in ${(s.elapsedMs / 1000).toFixed(1)}s — ok ${s.ok}, failed ${s.failed}`,
    `  latency ms: avg ${l.avg.toFixed(1)}  p50 ${l.p50.toFixed(1)}  p95 ${l.p95.toFixed(1)}  max ${l.max.toFixed(1)}`,
    `  HTTP statuses: ${JSON.stringify(s.statuses)}`,
  ];
  if (Object.keys(s.rpcs).length > 0) lines.push(`  RPCs received: ${JSON.stringify(s.rpcs)}`);
  for (const [error, n] of Object.entries(s.errors).slice(0, 5)) lines.push(`  error x${n}: ${error}`);
  return lines.join('\n');
}

/** `--firmware-failure MODE [--firmware-failure-share S]`: that share of devices (default all) fail their firmware downloads. */
function firmwareFailureOption(
  mode: string | undefined,
  share: string | undefined,
): { firmwareFailure?: { mode: FirmwareFailure; share: number } } {
  if (mode === undefined) {
    if (share !== undefined) throw new Error('--firmware-failure-share goes with --firmware-failure');
    return {};
  }
  const known = firmwareFailures.find((m) => m === mode);
  if (known === undefined) throw new Error(`--firmware-failure must be one of ${firmwareFailures.join(', ')}, got '${mode}'`);
  const n = share === undefined ? 1 : Number(share);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`--firmware-failure-share must be a number from 0 to 1, got '${share}'`);
  return { firmwareFailure: { mode: known, share: n } };
}

/**
 * `--health`: moving traffic, Wi-Fi clients, uptime and CPU; `--degrade-signal D`: a radio
 * signal from -60 dBm dropping D dB per minute; `--optical P`: an ONT's RX power of P dBm.
 */
function healthOption(health: boolean, degrade: string | undefined, optical: string | undefined): Pick<FleetOptions, 'device'> {
  if (!health && degrade === undefined && optical === undefined) return {};
  const number = (v: string, flag: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number, got '${v}'`);
    return n;
  };
  return {
    device: {
      health: {
        trafficSwing: 0.4,
        ...(degrade === undefined ? {} : { signalDbm: -60, degradeDbPerMinute: number(degrade, 'degrade-signal') }),
        ...(optical === undefined ? {} : { opticalRxDbm: number(optical, 'optical') }),
      },
    },
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      acs: { type: 'string' },
      devices: { type: 'string' },
      model: { type: 'string' },
      'serial-prefix': { type: 'string' },
      periodic: { type: 'string' },
      concurrency: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      'cr-username': { type: 'string' },
      'cr-password': { type: 'string' },
      duration: { type: 'string' },
      'firmware-failure': { type: 'string' },
      'firmware-failure-share': { type: 'string' },
      health: { type: 'boolean' },
      'degrade-signal': { type: 'string' },
      optical: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.acs) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const periodic = positiveInt(values.periodic, 'periodic', 0);
  const fleet = await startFleet({
    acsUrl: values.acs,
    devices: positiveInt(values.devices, 'devices', 1),
    model: loadModel(values.model ?? 'tr181'),
    serialPrefix: values['serial-prefix'],
    periodicSeconds: periodic > 0 ? periodic : undefined,
    concurrency: positiveInt(values.concurrency, 'concurrency', 50),
    username: values.username,
    password: values.password,
    connectionRequest: { username: values['cr-username'] ?? '', password: values['cr-password'] ?? '' },
    ...firmwareFailureOption(values['firmware-failure'], values['firmware-failure-share']),
    ...healthOption(values.health === true, values['degrade-signal'], values.optical),
  });
  console.log(`${fleet.devices.length} devices; connection requests at ${fleet.devices[0]?.connectionRequestUrl ?? '-'} (one per serial)`);
  const boot = await fleet.bootstrap();
  console.log(formatSummary('bootstrap', boot));
  if (periodic > 0) await runPeriodic(fleet.summary, periodic, positiveInt(values.duration, 'duration', 0));
  console.log(formatSummary('total', fleet.summary()));
  await fleet.close();
  return boot.failed > 0 ? 1 : 0;
}

/** Prints a summary every interval until Ctrl-C or the duration ends. */
async function runPeriodic(summary: () => FleetSummary, periodic: number, duration: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => console.log(formatSummary('so far', summary())), periodic * 1000);
    const stop = (): void => {
      clearInterval(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    if (duration > 0) setTimeout(stop, duration * 1000);
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
