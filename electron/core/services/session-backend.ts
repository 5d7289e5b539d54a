// Applies the session engine's effects to the store, one transaction per step, and hands the
// engine the next request of the device's tasks (through the task runner). Push events go
// out only after the commit. A session's messages go to the session inspector's ring when it
// ends (session-logs.ts), except a plain periodic session's (see keepSessionLog).
import type { CpeRequest } from '../cwmp/messages.ts';
import type { SessionBackend } from '../cwmp/listener.ts';
import type { SessionEffect } from '../cwmp/session/types.ts';
import type { EventHub } from '../events.ts';
import type { Logger } from '../acs-types.ts';
import type { Store } from '../store/index.ts';
import { InformCounter } from './inform-counter.ts';
import { applyResponseToStore } from './response-effects.ts';
import { keepSessionLog, toSessionMessages } from './session-log.ts';
import type { TaskRunner } from './tasks/runner.ts';
import type { TaskChanges } from './tasks/task-events.ts';
import type { SessionMonitoring } from './metrics/monitoring.ts';

export interface SessionBackendDeps {
  store: Store;
  events: EventHub;
  runner: TaskRunner;
  taskChanges: TaskChanges;
  log: Logger;
  now?: () => Date;
  /** Keep the messages of plain periodic sessions too (off: they cost a store write each). */
  logPeriodicSessions?: boolean;
  /** Provisioning profiles: asked when the device's queue runs dry; true when it queued tasks. */
  provisioner?: { beforeIdle(deviceId: string): boolean } | undefined;
  /** Health metrics: Inform values, and a sampling request when no task has anything to send. */
  monitoring?: SessionMonitoring | undefined;
}

/** How many times in a row the provisioner may refill an empty queue for one request. */
const PROVISIONER_ROUNDS = 8;

type Emit = () => void;

const SAMPLE_RPCS = new Set(['GetParameterValues', 'GetParameterValuesResponse']);

/** A session that ended and whose messages the listener will hand over. */
interface EndedSession {
  id: number;
  deviceId: string;
  outcome: string;
  warnings: number;
  /** The ACS's only requests were the metrics sampler's (the session stays "plain periodic"). */
  sampleOnly: boolean;
}

export function createSessionBackend(deps: SessionBackendDeps): SessionBackend {
  const { store, events, log, runner } = deps;
  const now = deps.now ?? (() => new Date());
  /** Listener session key -> stored session id. */
  const sessionIds = new Map<string, number>();
  /** Listener session key -> the session that just ended under it, until its log is handed over. */
  const ended = new Map<string, EndedSession>();
  /** Listener session key -> true when its Inform carried '1 BOOT' (a transfer's reboot is over). */
  const booted = new Map<string, boolean>();
  const informCounts = new InformCounter(store);
  /** Listener session key -> whether the sampler's request (and nothing else) went out. */
  const sampled = new Map<string, boolean>();

  const applyOne = (effect: SessionEffect, key: string, remoteAddress: string, at: Date, emits: Emit[]): void => {
    switch (effect.type) {
      case 'inform': {
        const r = store.informs.record({
          inform: effect.inform,
          remoteAddress,
          cwmpVersion: effect.version,
          at,
          warnings: effect.warnings,
        });
        sessionIds.set(key, r.sessionId);
        booted.set(
          key,
          effect.inform.events.some((e) => e.code.toUpperCase() === '1 BOOT'),
        );
        runner.onInform(r.deviceId, effect.inform);
        deps.monitoring?.onInform(r.deviceId, effect.inform);
        const codes = effect.inform.events.map((e) => e.code);
        emits.push(() => events.emit('deviceInformed', { deviceId: r.deviceId, events: codes, isNew: r.created }));
        return;
      }
      case 'cpe-request':
        recordCpeRequest(deps, effect.deviceId, effect.request, { id: sessionIds.get(key) ?? null, booted: booted.get(key) === true }, at);
        return;
      case 'task-started':
        // The runner marked the task running when it handed the request over.
        if (deps.monitoring === undefined) return;
        if (!deps.monitoring.owns(effect.taskId)) {
          deps.monitoring.onTaskStarted(effect.deviceId);
          sampled.set(key, false);
        } else if (!sampled.has(key)) sampled.set(key, true);
        return;
      case 'task-response':
        if (deps.monitoring?.owns(effect.taskId) === true) {
          deps.monitoring.onResponse(effect.deviceId, effect.response);
          return;
        }
        applyResponseToStore(store, effect.deviceId, effect.request, effect.response, at, log);
        runner.onAnswer(effect.deviceId, effect.taskId, { kind: 'response', response: effect.response });
        return;
      case 'task-fault':
        if (deps.monitoring?.owns(effect.taskId) === true) {
          deps.monitoring.onFault(effect.deviceId, effect.fault);
          return;
        }
        runner.onAnswer(effect.deviceId, effect.taskId, { kind: 'fault', fault: effect.fault });
        return;
      case 'task-interrupted':
        if (deps.monitoring?.owns(effect.taskId) === true) return;
        runner.onInterrupted(effect.deviceId, effect.taskId, effect.reason);
        return;
      case 'task-failed':
        if (deps.monitoring?.owns(effect.taskId) === true) return;
        runner.onFailed(effect.deviceId, effect.taskId, effect.message);
        return;
      case 'warning':
        log.warn(effect.message, { device: effect.deviceId });
        return;
      case 'session-ended': {
        const id = sessionIds.get(key);
        sessionIds.delete(key);
        booted.delete(key);
        if (id !== undefined) store.sessions.end(id, effect.outcome, { messages: effect.messages, warnings: effect.warnings }, at);
        const deviceId = effect.deviceId;
        if (deviceId !== null) {
          if (id !== undefined)
            ended.set(key, {
              id,
              deviceId,
              outcome: effect.outcome,
              warnings: effect.warnings.length,
              sampleOnly: sampled.get(key) === true,
            });
          sampled.delete(key);
          runner.onSessionEnded(deviceId);
          deps.monitoring?.onSessionEnded(deviceId);
          emits.push(() => events.emit('sessionEnded', { deviceId, outcome: effect.outcome, sessionId: id ?? null }));
        }
        return;
      }
    }
  };

  /** Inside a batch, push events wait for its commit. */
  let batching = false;
  let deferred: Emit[] = [];
  const announce = (emits: Emit[]): void => {
    if (batching) deferred.push(...emits);
    else for (const emit of emits) emit();
  };

  return {
    apply(effects, session) {
      if (effects.length === 0) return;
      const at = now();
      const emits: Emit[] = [];
      const informs = effects.reduce((n, e) => n + (e.type === 'inform' ? 1 : 0), 0);
      try {
        store.transaction(() => {
          for (const effect of effects) applyOne(effect, session.key, session.remoteAddress, at, emits);
          if (informs > 0) informCounts.add(at, informs);
          // In a batch the counts are written once, by its transaction (batch below).
          if (!batching) informCounts.flush();
        });
      } catch (err) {
        // A failed step counted nothing (its count is added last, inside its savepoint).
        if (!batching) {
          deps.taskChanges.discard();
          informCounts.discard();
        }
        throw err;
      }
      announce(emits);
      if (!batching) deps.taskChanges.flush();
    },
    nextRequest(deviceId) {
      let next = runner.nextRequest(deviceId);
      // The queue ran dry: the profile engine may queue what the device's profiles need.
      for (let i = 0; next === undefined && i < PROVISIONER_ROUNDS && deps.provisioner?.beforeIdle(deviceId) === true; i++)
        next = runner.nextRequest(deviceId);
      // Operator tasks and profiles first; a metrics sample only when they have nothing to send.
      if (next === undefined) next = deps.monitoring?.nextRequest(deviceId);
      if (!batching) deps.taskChanges.flush();
      return next;
    },
    batch(fn, durable, onDurable) {
      batching = true;
      try {
        // Push events follow the commit (the data is readable); only the CPEs' replies wait
        // for the disk.
        const run = (): void => {
          fn();
          informCounts.flush();
        };
        if (durable) store.deferredSyncTransaction(run, onDurable);
        else store.lightTransaction(run);
      } catch (err) {
        deferred = [];
        informCounts.discard();
        deps.taskChanges.discard();
        throw err;
      } finally {
        batching = false;
      }
      const emits = deferred;
      deferred = [];
      for (const emit of emits) emit();
      deps.taskChanges.flush();
      if (!durable) onDurable(null);
    },
    closeOrphans(liveKeys) {
      // Keys of sessions the listener dropped (their batch failed) point at rows that are not
      // live any more, or were never committed.
      const live = new Set(liveKeys);
      for (const key of [...sessionIds.keys()]) {
        if (live.has(key)) continue;
        sessionIds.delete(key);
        booted.delete(key);
        sampled.delete(key);
      }
      const keep = [...sessionIds.values()];
      return store.transaction(() => store.sessions.abortOpenExcept(keep, now()));
    },
    forget(deviceId) {
      runner.onSessionEnded(deviceId);
      deps.monitoring?.onSessionEnded(deviceId);
      // Its session's messages will not be handed over (the listener dropped it).
      for (const [key, e] of ended) if (e.deviceId === deviceId) ended.delete(key);
    },
    sessionLog(key, messages) {
      const session = ended.get(key);
      ended.delete(key);
      // A periodic session whose only extra exchange was the metrics sample is still plain: not logged.
      const judged = session?.sampleOnly === true ? messages.filter((m) => !SAMPLE_RPCS.has(m.rpc)) : messages;
      if (session === undefined || !keepSessionLog(judged, session, deps.logPeriodicSessions === true)) return;
      const write = (): void => store.sessionLogs.write(session.deviceId, session.id, toSessionMessages(messages));
      try {
        // Inside a batch: a savepoint of its transaction (one commit for the step and the log).
        if (batching) store.transaction(write);
        else store.lightTransaction(write);
      } catch (err) {
        // The inspector's copy is not worth failing a session over.
        log.warn('could not keep the session log', { device: session.deviceId, session: session.id, error: String(err) });
      }
    },
  };
}

function recordCpeRequest(
  deps: SessionBackendDeps,
  deviceId: string,
  request: Exclude<CpeRequest, { name: 'Inform' }>,
  session: { id: number | null; booted: boolean },
  at: Date,
): void {
  const { store, log } = deps;
  const sessionId = session.id;
  const { name, ...detail } = request;
  store.cpeRequests.record({ deviceId, sessionId, method: name, detail, at });
  if (request.name !== 'TransferComplete' && request.name !== 'DUStateChangeComplete' && request.name !== 'AutonomousTransferComplete')
    return;
  // TR-069 A.3.3.2: TransferComplete carries the CommandKey of the Download/Upload it ends; an
  // AutonomousTransferComplete (A.3.3.3) names none: it may end the download the device awaits.
  const task =
    request.name === 'AutonomousTransferComplete'
      ? deps.runner.autonomousTransferTask(deviceId, request)
      : store.tasks.findByCommandKey(deviceId, request.commandKey);
  const fault = request.name === 'DUStateChangeComplete' ? firstFault(request.results) : request.fault;
  if (fault.code !== 0) {
    store.faults.record({
      deviceId,
      taskId: task?.id ?? null,
      sessionId,
      code: fault.code,
      faultString: fault.string,
      detail: request,
      at,
    });
  }
  if (task === undefined) {
    if (request.name !== 'AutonomousTransferComplete')
      log.warn(`${request.name} with CommandKey '${request.commandKey}' matches no task`, { device: deviceId });
    return;
  }
  if (!deps.runner.onTransferComplete(task, { fault, detail, booted: session.booted }))
    log.info(`${request.name} for task ${task.id}, which had already ended`, { device: deviceId, fault: fault.code });
}

function firstFault(results: { fault: { code: number; string: string } }[]): { code: number; string: string } {
  return results.find((r) => r.fault.code !== 0)?.fault ?? { code: 0, string: '' };
}
