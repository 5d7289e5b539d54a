// Scenario 'profile': `serve` under `node --cpu-prof` while the inform load runs at one
// concurrency, then where its CPU time went. The raw profile is kept for Chrome DevTools
// (.tmp/bench-inform.cpuprofile, open it in the Performance panel).
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderInform } from '../lib/cpe-bodies.ts';
import { summariseProfile, type CpuProfile, type ProfileSummary } from '../lib/cpu-profile.ts';
import { closedLoop, type LoadRun } from '../lib/load.ts';
import type { BenchOptions } from '../lib/options.ts';
import { cpeAuthArgs, repoRoot, startServe } from '../lib/processes.ts';
import { measureStore, type StoreMicro } from '../lib/store-micro.ts';

export interface ProfileResult {
  concurrency: number;
  load: LoadRun;
  /** serve's CPU profile, summarised. */
  profile: ProfileSummary;
  profileFile: string;
  /** The store's write path measured alone, in this process. */
  store: StoreMicro;
}

const CONCURRENCY = 32;

export async function runProfile(o: BenchOptions, log: (line: string) => void): Promise<ProfileResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-profile-'));
  const profDir = join(dataDir, 'profile');
  const serve = await startServe(join(dataDir, 'data'), cpeAuthArgs('none'), ['--cpu-prof', '--cpu-prof-dir', profDir]);
  try {
    const informs = Array.from({ length: CONCURRENCY }, (_, w) =>
      Array.from({ length: 16 }, (_, d) => renderInform('127.0.0.1', `PROF${w}D${d}`, ['2 PERIODIC'])),
    );
    const seconds = o.quick ? 1 : Math.max(4, o.seconds);
    const load = await closedLoop({
      target: { port: Number(new URL(serve.cwmpUrl).port), pid: serve.pid },
      concurrency: CONCURRENCY,
      informs,
      warmupSeconds: 0.5,
      seconds,
      newConnection: false,
    });
    const code = await serve.stop();
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error(`serve (exit ${code}) wrote no CPU profile in ${profDir}`);
    const keepDir = join(repoRoot, '.tmp');
    mkdirSync(keepDir, { recursive: true });
    const kept = join(keepDir, 'bench-inform.cpuprofile');
    copyFileSync(join(profDir, file), kept);
    const profile = summariseProfile(JSON.parse(readFileSync(kept, 'utf8')) as CpuProfile);
    log(`  c=${CONCURRENCY}: ${load.sessionsPerSec} sessions/s under the profiler; busy ${profile.busyMs} ms, idle ${profile.idleMs} ms`);
    for (const [k, v] of Object.entries(profile.areas)) log(`    ${v.toFixed(1).padStart(5)}%  ${k}`);
    const store = measureStore(o.quick);
    log(
      `  store alone, per periodic session: ${store.ownCommitsUs} us with its own commits, ${store.sharedCommitUs} us when 32 share a commit, ` +
        `${store.memoryUs} us in memory; ${store.walPagesPerInform} WAL pages per Inform commit`,
    );
    return { concurrency: CONCURRENCY, load, profile, profileFile: kept, store };
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
