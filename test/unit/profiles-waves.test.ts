// A rollout in waves survives a restart: its progress is kept in the profile's row, and a new
// service over the same store resumes it from the wave it was in (its later devices held back
// meanwhile); a paused one stays paused with its later devices held. mergeProfile: a PUT's
// fields replace, absent ones keep, null clears.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEventHub } from '../../electron/core/events.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { createProfileEngine, type ProfileEngine } from '../../electron/core/services/profiles/engine.ts';
import { createProfileService } from '../../electron/core/services/profiles/service.ts';
import { mergeProfile, normalizeProfile } from '../../electron/core/services/profiles/validate.ts';
import { defaultQuirks } from '../../electron/core/services/quirks.ts';
import type { Store } from '../../electron/core/store/index.ts';
import { makeInform } from '../helpers/inform.ts';
import { tempStore } from '../helpers/temp-store.ts';

const at = new Date('2026-05-01T10:00:00Z');

function device(store: Store, serial: string): string {
  return store.informs.record({ inform: makeInform({ serial }), remoteAddress: '127.0.0.1', cwmpVersion: '1.2', at, warnings: [] })
    .deviceId;
}

/** An engine that records what is held and requested, over the real one. */
function spyEngine(store: Store): { engine: ProfileEngine; held: Set<string>; requested: string[] } {
  const real = createProfileEngine({
    store,
    events: createEventHub(),
    log: silentLogger,
    now: () => at,
    quirksFor: () => ({ ...defaultQuirks }),
    changed: () => {},
  });
  const held = new Set<string>();
  const requested: string[] = [];
  const engine: ProfileEngine = {
    ...real,
    beforeIdle: (id) => real.beforeIdle(id),
    announce: (id) => real.announce(id),
    subscribers: () => real.subscribers(),
    setSubscribers: (d) => real.setSubscribers(d),
    close: () => real.close(),
    hold: (_p, ids) => {
      for (const id of ids) held.add(id);
    },
    release: (_p, ids) => {
      if (ids === undefined) held.clear();
      else for (const id of ids) held.delete(id);
    },
    request: (id) => {
      requested.push(id);
    },
  };
  return { engine, held, requested };
}

describe('profile rollouts across a restart', () => {
  test('a running rollout resumes at its wave; a paused one keeps its later devices held', async () => {
    const store = tempStore('profiles-waves');
    const ids = ['WV1', 'WV2', 'WV3'].map((s) => device(store, s));
    const first = spyEngine(store);
    const woken: string[] = [];
    const deps = { store, now: () => at, quirksFor: () => ({ ...defaultQuirks }), log: silentLogger };
    const service = createProfileService({ ...deps, engine: first.engine, wake: async (id) => void woken.push(id) });
    service.create({ name: 'w', set: { 'ntp.server': 'a.example.net' } });
    const r = service.apply('w', { waveSizes: [1, 2], waveTimeoutSeconds: 3600 });
    assert.deepEqual(r.waves, [[ids[0]], [ids[1], ids[2]]]);
    assert.deepEqual([r.apply.state, r.apply.wave, r.apply.waves, r.apply.devices], ['running', 1, 2, 3]);
    assert.deepEqual([...first.held].sort(), [ids[1], ids[2]].sort(), 'the second wave waits');
    assert.equal(service.get('w').apply?.state, 'running');
    service.close(); // DeskACS stops while wave 1 waits for its device

    const second = spyEngine(store);
    const again = createProfileService({ ...deps, engine: second.engine, wake: async () => {} });
    assert.deepEqual([...second.held].sort(), [ids[1], ids[2]].sort(), 'resumed: the later devices are held again');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(second.requested, [ids[0]], 'resumed at wave 1: its device is asked again');
    assert.equal(again.get('w').apply?.wave, 1);
    again.close();

    // A paused rollout stays paused after a restart, its later devices held.
    const kept = store.profiles.get('w')?.document as unknown as { apply: Record<string, unknown> };
    store.profiles.setApply('w', { ...kept.apply, state: 'paused', message: 'paused after wave 1' });
    const third = spyEngine(store);
    const paused = createProfileService({ ...deps, engine: third.engine, wake: async () => {} });
    assert.deepEqual([...third.held].sort(), [ids[1], ids[2]].sort());
    assert.deepEqual(third.requested, []);
    assert.equal(paused.get('w').apply?.state, 'paused');
    // An edit keeps the progress (it is not part of the document a PUT merges into).
    const edited = paused.update('w', { name: 'w', description: 'edited' });
    assert.deepEqual([edited.version, edited.description, edited.apply?.state], [2, 'edited', 'paused']);
    paused.close();
  });

  test('mergeProfile: given fields replace, absent ones keep, null clears', () => {
    const stored = normalizeProfile({ name: 'm', priority: 5, match: { serial: 'A*' }, when: ['boot'], set: { 'wifi.ssid': 'x' } });
    const merged = normalizeProfile(mergeProfile(stored, { name: 'm', set: { 'wifi.ssid': 'y' }, when: null }));
    assert.deepEqual(
      [merged.priority, merged.match, merged.when, merged.set],
      [5, { serial: 'A*' }, ['firstContact', 'everyInform'], { 'wifi.ssid': 'y' }],
    );
    assert.equal(normalizeProfile(mergeProfile(stored, { name: 'n' })).name, 'n');
  });
});
