// Applies the session engine's effects to the store, one transaction per step, and feeds the
// engine the next queued request of a device. Push events go out only after the commit.
import type { CpeFault, CpeRequest, CpeResponse } from '../cwmp/messages.ts';
import type { SessionBackend } from '../cwmp/listener.ts';
import type { QueuedRequest, SessionEffect } from '../cwmp/session/types.ts';
import type { EventHub } from '../events.ts';
import type { Logger } from '../acs-types.ts';
import type { Store } from '../store/index.ts';
import { applyResponseToStore } from './response-effects.ts';
import { taskRequest } from './task-requests.ts';

export interface SessionBackendDeps {
  store: Store;
  events: EventHub;
  log: Logger;
  now?: () => Date;
}

type Emit = () => void;

export function createSessionBackend(deps: SessionBackendDeps): SessionBackend {
  const { store, events, log } = deps;
  const now = deps.now ?? (() => new Date());
  /** Listener session key -> stored session id. */
  const sessionIds = new Map<string, number>();

  const applyOne = (effect: SessionEffect, key: string, remoteAddress: string, at: Date, emits: Emit[]): void => {
    switch (effect.type) {
      case 'inform': {
        const r = store.informs.record({ inform: effect.inform, remoteAddress, cwmpVersion: effect.version, at, warnings: effect.warnings });
        sessionIds.set(key, r.sessionId);
        const codes = effect.inform.events.map((e) => e.code);
        emits.push(() => events.emit('deviceInformed', { deviceId: r.deviceId, events: codes }));
        return;
      }
      case 'cpe-request':
        recordCpeRequest(store, effect.deviceId, effect.request, sessionIds.get(key) ?? null, at, log);
        return;
      case 'task-started':
        store.tasks.markRunning(effect.taskId, at);
        return;
      case 'task-response':
        applyResponseToStore(store, effect.deviceId, effect.request, effect.response, at);
        store.tasks.finish(effect.taskId, 'done', { result: summarise(effect.response) }, at);
        return;
      case 'task-fault':
        recordTaskFault(store, effect.deviceId, effect.taskId, sessionIds.get(key) ?? null, effect.fault, at);
        return;
      case 'task-interrupted':
        store.tasks.requeue(effect.taskId);
        return;
      case 'task-failed':
        store.tasks.finish(effect.taskId, 'fault', { fault: { code: 0, message: effect.message } }, at);
        store.faults.record({ deviceId: effect.deviceId, taskId: effect.taskId, sessionId: sessionIds.get(key) ?? null, code: 0, faultString: effect.message, at });
        return;
      case 'warning':
        log.warn(effect.message, { device: effect.deviceId });
        return;
      case 'session-ended': {
        const id = sessionIds.get(key);
        sessionIds.delete(key);
        if (id !== undefined) store.sessions.end(id, effect.outcome, { messages: effect.messages, warnings: effect.warnings }, at);
        const deviceId = effect.deviceId;
        if (deviceId !== null) emits.push(() => events.emit('sessionEnded', { deviceId, outcome: effect.outcome }));
        return;
      }
    }
  };

  return {
    apply(effects, session) {
      if (effects.length === 0) return;
      const at = now();
      const emits: Emit[] = [];
      store.transaction(() => {
        for (const effect of effects) applyOne(effect, session.key, session.remoteAddress, at, emits);
      });
      for (const emit of emits) emit();
    },
    nextRequest(deviceId): QueuedRequest | undefined {
      // Requests that cannot be built from a stored task fail that task and move on.
      for (;;) {
        const task = store.tasks.nextQueued(deviceId);
        if (task === undefined) return undefined;
        const request = taskRequest(task.name, task.args);
        if (typeof request !== 'string') return { taskId: task.id, request };
        store.tasks.finish(task.id, 'fault', { fault: { code: 0, message: request } }, now());
      }
    },
  };
}

function recordCpeRequest(store: Store, deviceId: string, request: Exclude<CpeRequest, { name: 'Inform' }>, sessionId: number | null, at: Date, log: Logger): void {
  const { name, ...detail } = request;
  store.cpeRequests.record({ deviceId, sessionId, method: name, detail, at });
  if (request.name !== 'TransferComplete' && request.name !== 'DUStateChangeComplete') return;
  // TR-069 A.3.3.2: TransferComplete carries the CommandKey of the Download/Upload it ends.
  const task = store.tasks.findByCommandKey(deviceId, request.commandKey);
  const fault = request.name === 'TransferComplete' ? request.fault : firstFault(request.results);
  if (fault.code !== 0) {
    store.faults.record({ deviceId, taskId: task?.id ?? null, sessionId, code: fault.code, faultString: fault.string, detail: request, at });
  }
  if (task === undefined) {
    log.warn(`${request.name} with CommandKey '${request.commandKey}' matches no task`, { device: deviceId });
    return;
  }
  const outcome = fault.code === 0 ? { result: { transferComplete: request } } : { fault: { code: fault.code, message: fault.string, detail: request } };
  if (!store.tasks.finish(task.id, fault.code === 0 ? 'done' : 'fault', outcome, at)) {
    log.info(`${request.name} for task ${task.id}, which had already ended`, { device: deviceId, fault: fault.code });
  }
}

function recordTaskFault(store: Store, deviceId: string, taskId: number, sessionId: number | null, fault: CpeFault, at: Date): void {
  const detail = fault.setParameterValuesFaults.length > 0 ? { setParameterValuesFaults: fault.setParameterValuesFaults } : undefined;
  const info = detail === undefined ? { code: fault.code, message: fault.string } : { code: fault.code, message: fault.string, detail };
  store.tasks.finish(taskId, 'fault', { fault: info }, at);
  store.faults.record({ deviceId, taskId, sessionId, code: fault.code, faultString: fault.string, detail, at });
}

function firstFault(results: { fault: { code: number; string: string } }[]): { code: number; string: string } {
  return results.find((r) => r.fault.code !== 0)?.fault ?? { code: 0, string: '' };
}

/** What a task keeps of a response: all of it, except bulky lists are counted. */
function summarise(response: CpeResponse): unknown {
  if (response.name === 'GetParameterValuesResponse' || response.name === 'GetParameterNamesResponse') {
    return { name: response.name, count: response.parameterList.length, parameterList: response.parameterList.slice(0, 500) };
  }
  return response;
}
