// GET /api/profiles/:name/dry-run: the engine's own planner over one device, with every other
// matching profile beside it (so what a higher priority overrides is not listed, and conflicts
// show), keeping only this profile's RPCs. Nothing is queued.
import type { DryRun } from '../../../../shared/models-provisioning.ts';
import type { Store } from '../../store/index.ts';
import type { StoredProfile } from '../../store/profiles.ts';
import type { Quirks } from '../quirks.ts';
import type { DeviceView } from './items.ts';
import type { StunEnvironment } from './plan-stun.ts';
import { planDevice, plannedRpcs, type Sends } from './planner.ts';
import { whyNot } from './view.ts';

/** The sends that come from this profile. */
function ownSends(s: Sends, name: string): Sends {
  const mine = <T extends { ref: { profile: string } }>(list: T[]): T[] => list.filter((x) => x.ref.profile === name);
  return {
    values: mine(s.values),
    objects: mine(s.objects),
    attributes: mine(s.attributes),
    cr: s.cr?.ref.profile === name ? s.cr : null,
    firmware: s.firmware?.ref.profile === name ? s.firmware : null,
  };
}

export function dryRunOf(store: Store, profile: StoredProfile, view: DeviceView, quirks: Quirks, stun?: StunEnvironment): DryRun {
  const name = profile.name;
  const reason = whyNot(profile, view);
  const others = reason === null ? store.profiles.list().filter((p) => p.name !== name && whyNot(p, view) === null) : [];
  const plan = planDevice(store, view, [profile, ...others], { quirks, failedSince: null, stun });
  const steps = plan.steps.filter((x) => x.profile === name);
  return {
    profile: name,
    version: profile.version,
    deviceId: view.device.id,
    matches: reason === null,
    reason,
    reads: plan.reads,
    rpcs: plannedRpcs(store, ownSends(plan.sends, name)),
    unsupported: steps.filter((x) => x.status === 'unsupported').map((x) => x.message ?? x.item),
    conflicts: plan.conflicts.filter((c) => c.winner.profile === name || c.loser.profile === name),
  };
}
