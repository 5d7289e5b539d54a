// Waiting for rollouts in tests: poll the contract until a condition holds (no timing asserted).
import type { AcsApi } from '../../shared/contract.ts';
import type { RolloutDetail } from '../../shared/models-files.ts';

export async function waitForRollout(
  api: AcsApi,
  rolloutId: number,
  done: (r: RolloutDetail) => boolean,
  limitMs = 60_000,
): Promise<RolloutDetail> {
  const until = Date.now() + limitMs;
  for (;;) {
    const r = await api.getRollout({ rolloutId });
    if (done(r)) return r;
    if (Date.now() > until) throw new Error(`rollout ${rolloutId} did not get there: ${r.state} ${r.reason} ${JSON.stringify(r.counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}
