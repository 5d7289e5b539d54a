// `npm run bench`: runs the benchmark scenarios over loopback, prints a table and writes the
// figures as JSON (bench-results.json, or --out). See docs/performance.md.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { benchUsage, BenchUsageError, parseBenchArgs, type BenchOptions, type ScenarioName } from './lib/options.ts';
import { repoRoot } from './lib/processes.ts';
import { printTables } from './lib/report.ts';
import { round } from './lib/stats.ts';
import { runDiscovery } from './scenarios/discovery.ts';
import { runFiles } from './scenarios/files.ts';
import { runFleet } from './scenarios/fleet.ts';
import { runHistory } from './scenarios/history.ts';
import { runInform } from './scenarios/inform.ts';
import { runMetrics } from './scenarios/metrics.ts';
import { runProfile } from './scenarios/profile.ts';
import { runStorm } from './scenarios/storm.ts';
import { runTree } from './scenarios/tree.ts';
import { runUi } from './scenarios/ui.ts';

export interface BenchResults {
  meta: {
    startedAt: string;
    durationSeconds: number;
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    quick: boolean;
    options: BenchOptions;
  };
  scenarios: {
    inform?: Awaited<ReturnType<typeof runInform>>;
    storm?: Awaited<ReturnType<typeof runStorm>>;
    discovery?: Awaited<ReturnType<typeof runDiscovery>>;
    fleet?: Awaited<ReturnType<typeof runFleet>>;
    history?: Awaited<ReturnType<typeof runHistory>>;
    profile?: Awaited<ReturnType<typeof runProfile>>;
    ui?: Awaited<ReturnType<typeof runUi>>;
    tree?: Awaited<ReturnType<typeof runTree>>;
    files?: Awaited<ReturnType<typeof runFiles>>;
    metrics?: Awaited<ReturnType<typeof runMetrics>>;
  };
}

const log = (line: string): void => console.log(line);

async function runOne(name: ScenarioName, o: BenchOptions, into: BenchResults['scenarios']): Promise<void> {
  switch (name) {
    case 'inform':
      into.inform = await runInform(o, log);
      return;
    case 'storm':
      into.storm = await runStorm(o, log);
      return;
    case 'discovery':
      into.discovery = await runDiscovery(o, log);
      return;
    case 'fleet':
      into.fleet = await runFleet(o, log);
      return;
    case 'history':
      into.history = await runHistory(o, log);
      return;
    case 'profile':
      into.profile = await runProfile(o, log);
      return;
    case 'ui':
      into.ui = await runUi(o, log);
      return;
    case 'tree':
      into.tree = await runTree(o, log);
      return;
    case 'files':
      into.files = await runFiles(o, log);
      return;
    case 'metrics':
      into.metrics = await runMetrics(o, log);
      return;
  }
}

async function main(): Promise<void> {
  let o: BenchOptions | 'help';
  try {
    o = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    console.error(`${err.message}\n\n${benchUsage}`);
    process.exit(2);
  }
  if (o === 'help') {
    console.log(benchUsage);
    return;
  }
  const started = Date.now();
  const results: BenchResults = {
    meta: {
      startedAt: new Date(started).toISOString(),
      durationSeconds: 0,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: round(totalmem() / 2 ** 30, 1),
      quick: o.quick,
      options: o,
    },
    scenarios: {},
  };
  const out = resolve(repoRoot, o.out);
  for (const name of o.only) {
    const t0 = Date.now();
    log(`\n== ${name} ==`);
    await runOne(name, o, results.scenarios);
    log(`   (${round((Date.now() - t0) / 1000, 1)} s)`);
    // Written after every scenario, so a failure later keeps what was measured.
    results.meta.durationSeconds = round((Date.now() - started) / 1000, 1);
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  }
  printTables(results, log);
  log(`\nFigures written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
