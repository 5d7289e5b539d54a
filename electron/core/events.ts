// The core's push-event bus, typed by the contract's event map.
import type { AcsEvents } from '../../shared/contract.ts';
import type { AcsEventBus, EventListener } from './acs-types.ts';

export interface EventHub extends AcsEventBus {
  emit<K extends keyof AcsEvents>(name: K, payload: AcsEvents[K]): void;
}

export function createEventHub(): EventHub {
  const listeners = new Map<keyof AcsEvents, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (set === undefined) {
        set = new Set();
        listeners.set(name, set);
      }
      const fn = listener as (payload: never) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
    emit(name, payload) {
      const set = listeners.get(name);
      if (set === undefined) return;
      for (const fn of set) {
        try {
          (fn as EventListener<typeof name>)(payload);
        } catch {
          // A failing subscriber (e.g. a closed window) must not break the session that emitted.
        }
      }
    },
  };
}
