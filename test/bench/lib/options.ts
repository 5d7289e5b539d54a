// Command-line options of `npm run bench` (pure). Sizes default to the full run; --quick picks
// small ones for development and the smoke test, and each size can be overridden on its own.

export const SCENARIOS = ['inform', 'storm', 'discovery', 'fleet', 'history', 'profile', 'ui', 'tree', 'files', 'metrics'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  only: ScenarioName[];
  quick: boolean;
  out: string;
  /** inform: measured seconds per concurrency level (after a warm-up of a fifth of it, 0.2-1 s). */
  seconds: number;
  /** inform: concurrency levels. */
  levels: number[];
  /** inform: bare/serve pairs run back to back per level; the pair with the median ratio is kept. */
  rounds: number;
  /** inform: also run the ACS inside the bench process (shared event loop). */
  inProcess: boolean;
  /** storm: distinct devices bootstrapping, and how many at once. */
  stormDevices: number;
  stormConcurrency: number;
  /** storm: serve's --max-sessions, below stormConcurrency so the 503 path is exercised. */
  stormMaxSessions: number;
  /** discovery: devices refreshed, and how many at once. */
  discoveryDevices: number;
  discoveryConcurrency: number;
  /** fleet: devices in the store, parameters per device, queries per kind. */
  fleetDevices: number;
  fleetQueries: number;
  /** history: devices, each with 48 days of daily sessions. */
  historyDevices: number;
  /** metrics: devices with 10 series sampled every 5 minutes for 30 days. */
  metricsDevices: number;
}

export class BenchUsageError extends Error {}

export const benchUsage = `Usage: npm run bench -- [options]
  --only a,b          scenarios to run: ${SCENARIOS.join(', ')} (default: all)
  --quick             small sizes (development, smoke test)
  --out FILE          where to write the JSON figures (default bench-results.json)
  --seconds S         inform: measured seconds per concurrency level
  --levels 1,8,32     inform: concurrency levels
  --rounds N          inform: bare/serve pairs per level, the median ratio's pair is kept (default 3)
  --no-in-process     inform: skip the in-process ACS variant
  --devices N         storm: devices (default 10000)
  --storm-concurrency N, --storm-max-sessions N
  --discovery N       discovery: devices (default 100)
  --discovery-concurrency N
  --fleet N           fleet and ui: devices in the store (default 100000)
  --queries N         fleet: queries per kind
  --history N         history: devices with 48 days of sessions each (default 10000)
  --metrics N         metrics: devices with 30 days of 5-minute samples (default 20)`;

const full = (): BenchOptions => ({
  only: [...SCENARIOS],
  quick: false,
  out: 'bench-results.json',
  seconds: 5,
  levels: [1, 8, 32, 128],
  rounds: 3,
  inProcess: true,
  stormDevices: 10_000,
  stormConcurrency: 500,
  stormMaxSessions: 200,
  discoveryDevices: 100,
  discoveryConcurrency: 1,
  fleetDevices: 100_000,
  fleetQueries: 200,
  historyDevices: 10_000,
  metricsDevices: 20,
});

const quick = (): Partial<BenchOptions> => ({
  seconds: 1,
  levels: [1, 16],
  rounds: 1,
  inProcess: false,
  stormDevices: 300,
  stormConcurrency: 60,
  stormMaxSessions: 40,
  discoveryDevices: 3,
  fleetDevices: 2_000,
  fleetQueries: 20,
  historyDevices: 200,
});

function positiveInt(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || n < 1)
    throw new BenchUsageError(`${flag} needs a positive whole number, got '${raw ?? ''}'`);
  return n;
}

function positiveNumber(flag: string, raw: string | undefined): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isFinite(n) || n <= 0) throw new BenchUsageError(`${flag} needs a positive number, got '${raw ?? ''}'`);
  return n;
}

function scenarioList(raw: string | undefined): ScenarioName[] {
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const known = new Set<string>(SCENARIOS);
  const bad = names.filter((n) => !known.has(n));
  if (names.length === 0 || bad.length > 0) throw new BenchUsageError(`--only takes ${SCENARIOS.join(', ')}; got '${raw ?? ''}'`);
  return SCENARIOS.filter((s) => names.includes(s));
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const opts = full();
  if (argv.includes('--quick')) Object.assign(opts, quick(), { quick: true });
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    switch (flag) {
      case '--quick':
        break;
      case '--only':
        opts.only = scenarioList(value());
        break;
      case '--out':
        opts.out = value() ?? '';
        if (opts.out === '') throw new BenchUsageError('--out needs a file');
        break;
      case '--seconds':
        opts.seconds = positiveNumber(flag, value());
        break;
      case '--levels':
        opts.levels = (value() ?? '').split(',').map((l) => positiveInt(flag, l.trim()));
        break;
      case '--rounds':
        opts.rounds = positiveInt(flag, value());
        break;
      case '--no-in-process':
        opts.inProcess = false;
        break;
      case '--in-process':
        opts.inProcess = true;
        break;
      case '--devices':
        opts.stormDevices = positiveInt(flag, value());
        break;
      case '--storm-concurrency':
        opts.stormConcurrency = positiveInt(flag, value());
        break;
      case '--storm-max-sessions':
        opts.stormMaxSessions = positiveInt(flag, value());
        break;
      case '--discovery':
        opts.discoveryDevices = positiveInt(flag, value());
        break;
      case '--discovery-concurrency':
        opts.discoveryConcurrency = positiveInt(flag, value());
        break;
      case '--fleet':
        opts.fleetDevices = positiveInt(flag, value());
        break;
      case '--queries':
        opts.fleetQueries = positiveInt(flag, value());
        break;
      case '--history':
        opts.historyDevices = positiveInt(flag, value());
        break;
      case '--metrics':
        opts.metricsDevices = positiveInt(flag, value());
        break;
      default:
        throw new BenchUsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}
