// Applying a profile to the devices it matches in waves (POST /api/profiles/:name/apply). The
// devices of waves not started yet are held back by the engine (they do not get the profile at
// their own sessions either). A wave's devices are asked for a session (connection requests,
// `concurrency` at once); the next wave starts when each of them ended its application of the
// profile (applied, nothing to do, failed, partial) or the wave timed out. When the failed share
// of a wave passes the threshold the rollout pauses and its later devices stay held. The progress
// is kept in the profile's row (its document's `apply`), so a rollout under way when DeskACS
// stops is resumed at the next start, from the wave it was in.
import type { ProfileApplyProgress } from '../../../../shared/models-provisioning.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import type { ProfileEngine } from './engine.ts';

export interface WaveDeps {
  store: Store;
  engine: ProfileEngine;
  now: () => Date;
  wake: (deviceId: string) => Promise<unknown>;
  log: Logger;
  /** How often a wave's outcome is looked at (ms). */
  pollMs?: number;
}

export interface WavePlan {
  profile: string;
  waves: string[][];
  concurrency: number;
  timeoutSeconds: number;
}

/** What is kept in the profile's row: the progress shown, and what resuming needs. */
interface KeptApply extends ProfileApplyProgress {
  plan: { waves: string[][]; concurrency: number; timeoutSeconds: number };
}

type Outcome = keyof ProfileApplyProgress['counts'];

const EMPTY_COUNTS = (): ProfileApplyProgress['counts'] => ({ applied: 0, nothingToDo: 0, failed: 0, partial: 0, noAnswer: 0, waiting: 0 });

/** The progress of the profile's last rollout as the API shows it (without the resume plan). */
export function applyProgressOf(document: unknown): ProfileApplyProgress | null {
  const kept = (document as { apply?: KeptApply } | null)?.apply;
  if (kept === undefined || kept === null || typeof kept !== 'object') return null;
  const { plan: _plan, ...progress } = kept;
  return progress;
}

/** How the device's application of the profile since `since` ended, or 'waiting'. */
function outcomeOf(store: Store, deviceId: string, profile: string, since: string): Outcome {
  const app = store.profiles.applications(deviceId, 50).find((a) => a.profile === profile && a.at >= since);
  switch (app?.result) {
    case 'applied':
      return 'applied';
    case 'nothing-to-do':
      return 'nothingToDo';
    case 'failed':
      return 'failed';
    case 'partial':
      return 'partial';
    default:
      return 'waiting';
  }
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
  });

export interface WaveRunner {
  /** Starts a rollout (any earlier one of the profile stops); returns its first progress. */
  start(plan: WavePlan, version: number, failureThreshold: number): ProfileApplyProgress;
  /** Resumes the rollouts that were running when DeskACS stopped. */
  resume(): void;
  close(): void;
}

export function createWaveRunner(deps: WaveDeps): WaveRunner {
  const { store, engine, log } = deps;
  const pollMs = deps.pollMs ?? 250;
  const runs = new Map<string, symbol>();
  let closed = false;

  const save = (profile: string, kept: KeptApply): void => {
    kept.updatedAt = deps.now().toISOString();
    try {
      store.profiles.setApply(profile, kept);
    } catch (err) {
      log.warn('could not keep the progress of a profile rollout', { profile, error: String(err) });
    }
  };

  const wakeAll = async (ids: string[], concurrency: number, live: () => boolean): Promise<void> => {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (live() && next < ids.length) {
        const id = ids[next++] as string;
        await deps.wake(id).catch((err: unknown) => log.warn('profile wave connection request failed', { device: id, error: String(err) }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  };

  /** Waits until every device of the wave ended its application, or the timeout; returns their outcomes. */
  const settle = async (profile: string, ids: string[], since: string, timeoutSeconds: number, live: () => boolean): Promise<Outcome[]> => {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      if (!live()) return [];
      const outcomes = ids.map((id) => outcomeOf(store, id, profile, since));
      if (!outcomes.includes('waiting')) return outcomes;
      if (Date.now() >= deadline) return outcomes.map((o) => (o === 'waiting' ? 'noAnswer' : o));
      await sleep(pollMs);
    }
  };

  async function run(profile: string, kept: KeptApply, token: symbol): Promise<void> {
    const live = (): boolean => !closed && runs.get(profile) === token;
    const { waves, concurrency, timeoutSeconds } = kept.plan;
    for (let w = kept.wave - 1; w < waves.length && live(); w++) {
      const ids = waves[w] ?? [];
      const since = deps.now().toISOString();
      kept.wave = w + 1;
      kept.state = 'running';
      save(profile, kept);
      engine.release(profile, ids);
      for (const id of ids) engine.request(id, [profile]);
      await wakeAll(ids, concurrency, live);
      const outcomes = await settle(profile, ids, since, timeoutSeconds, live);
      if (!live()) return;
      for (const o of outcomes) kept.counts[o] += 1;
      const failed = outcomes.filter((o) => o === 'failed' || o === 'partial').length;
      if (ids.length > 0 && failed / ids.length > kept.failureThreshold) {
        kept.state = 'paused';
        kept.message = `paused after wave ${w + 1}: ${failed} of ${ids.length} device(s) failed, above the threshold ${kept.failureThreshold}`;
        save(profile, kept);
        return;
      }
    }
    if (!live()) return;
    kept.state = 'done';
    save(profile, kept);
    runs.delete(profile);
  }

  const launch = (profile: string, kept: KeptApply): void => {
    const token = Symbol(profile);
    runs.set(profile, token);
    engine.release(profile);
    engine.hold(profile, kept.plan.waves.slice(kept.wave - 1).flat());
    void run(profile, kept, token).catch((err: unknown) => log.error('profile rollout failed', { profile, error: String(err) }));
  };

  return {
    start(plan, version, failureThreshold) {
      const at = deps.now().toISOString();
      const kept: KeptApply = {
        state: 'running',
        version,
        wave: 1,
        waves: plan.waves.length,
        devices: plan.waves.reduce((n, w) => n + w.length, 0),
        failureThreshold,
        counts: EMPTY_COUNTS(),
        message: null,
        startedAt: at,
        updatedAt: at,
        plan: { waves: plan.waves, concurrency: plan.concurrency, timeoutSeconds: plan.timeoutSeconds },
      };
      save(plan.profile, kept);
      launch(plan.profile, kept);
      return applyProgressOf({ apply: kept }) as ProfileApplyProgress;
    },
    resume() {
      for (const p of store.profiles.list()) {
        const kept = (p.document as { apply?: KeptApply }).apply;
        if (kept?.state !== 'running' && kept?.state !== 'paused') continue;
        if (!Array.isArray(kept.plan?.waves)) {
          save(p.name, { ...kept, state: 'interrupted', message: 'DeskACS stopped during this rollout' });
          continue;
        }
        // A paused rollout stays paused: its later devices are held again.
        if (kept.state === 'paused') engine.hold(p.name, kept.plan.waves.slice(kept.wave).flat());
        else launch(p.name, kept);
      }
    },
    close() {
      closed = true;
    },
  };
}
