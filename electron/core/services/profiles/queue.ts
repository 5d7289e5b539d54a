// Plans become ordinary tasks (validated against the stored tree like any other), each carrying
// its profile items: the item rows point at the task until it settles.
import type { TaskSpec } from '../../../../shared/tasks.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import { toJson } from '../../store/json.ts';
import type { StoredTask } from '../../store/tasks.ts';
import type { Quirks } from '../quirks.ts';
import { DEFAULT_EXPIRY_SECONDS, newCommandKey } from '../tasks/service.ts';
import { validateTask } from '../tasks/task-validate.ts';
import type { ItemRef, Plan } from './planner.ts';
import type { SessionState } from './record.ts';
import { hideSecret } from './secrets.ts';

type Changed = (task: { id: number; deviceId: string }) => void;

function queueTask(store: Store, deviceId: string, spec: TaskSpec, quirks: Quirks, at: Date, changed: Changed): StoredTask {
  const args = validateTask(store, deviceId, spec, quirks);
  const live = store.tasks.findLive(deviceId, spec.name, toJson(args));
  if (live !== undefined) return live;
  const task = store.tasks.enqueue(deviceId, spec.name, args, {
    at,
    commandKey: newCommandKey(),
    expiresAt: new Date(at.getTime() + DEFAULT_EXPIRY_SECONDS * 1000),
  });
  changed(task);
  return task;
}

/** Refresh tasks for what the plan must read first (a path under another read is left out). Returns how many. */
export function queueReads(store: Store, deviceId: string, reads: string[], quirks: Quirks, at: Date, changed: Changed): number {
  const objects = reads.filter((r) => r.endsWith('.'));
  const needed = reads.filter((r) => !objects.some((o) => o !== r && r.startsWith(o)));
  let queued = 0;
  for (const path of needed) {
    try {
      queueTask(store, deviceId, { name: 'refresh', path }, quirks, at, changed);
      queued += 1;
    } catch {
      // A path the task service refuses is simply not read: its item ends unsupported.
    }
  }
  return queued;
}

/** The secret values among the sends (masked out of any message). */
function secretsOf(s: Plan['sends']): string[] {
  return [...s.values.filter((v) => v.secret).map((v) => v.value), ...(s.cr === null ? [] : [s.cr.password])];
}

/** Queues the plan's sends; each item row then points at its task (or says why it failed). */
export function queueSends(
  store: Store,
  deviceId: string,
  plan: Plan,
  st: SessionState,
  quirks: Quirks,
  at: Date,
  changed: Changed,
  log: Logger,
): void {
  const s = plan.sends;
  const jobs: { spec: TaskSpec; refs: ItemRef[]; rpc: number }[] = [];
  let rpc = 0;
  if (s.values.length > 0)
    jobs.push({
      spec: { name: 'setParameterValues', values: s.values.map((v) => [v.path, v.value, v.type]) },
      refs: s.values.map((v) => v.ref),
      rpc: rpc++,
    });
  for (const o of s.objects) jobs.push({ spec: { name: 'addObject', path: o.table, values: o.values }, refs: [o.ref], rpc: rpc++ });
  if (s.attributes.length > 0)
    jobs.push({
      spec: { name: 'setParameterAttributes', attributes: s.attributes.map((a) => ({ name: a.path, notification: a.notification })) },
      refs: s.attributes.map((a) => a.ref),
      rpc: rpc++,
    });
  if (s.cr !== null)
    jobs.push({
      spec: { name: 'setConnectionRequestCredentials', username: s.cr.username, password: s.cr.password },
      refs: [s.cr.ref],
      rpc: rpc++,
    });
  if (s.firmware !== null)
    jobs.push({ spec: { name: 'download', fileId: s.firmware.fileId, fileType: '' }, refs: [s.firmware.ref], rpc: rpc++ });
  for (const job of jobs) {
    let taskId: number | null = null;
    let message: string | null = null;
    try {
      taskId = queueTask(store, deviceId, job.spec, quirks, at, changed).id;
    } catch (err) {
      message = secretsOf(s).reduce((m, secret) => hideSecret(m, secret), err instanceof Error ? err.message : String(err));
      log.warn('a profile item could not be queued', { device: deviceId, task: job.spec.name, error: message });
    }
    const planned = plan.rpcs[job.rpc];
    for (const ref of job.refs) {
      store.profiles.putItem(
        {
          deviceId,
          profile: ref.profile,
          item: ref.item,
          path: ref.path,
          valueHash: ref.hash,
          state: taskId === null ? 'failed' : 'pending',
          taskId,
          message,
          version: ref.version,
        },
        at,
      );
      const sent = st.sent.get(ref.profile) ?? { rpcs: [], taskIds: [] };
      if (planned !== undefined && !sent.rpcs.includes(planned)) sent.rpcs.push(planned);
      if (taskId !== null && !sent.taskIds.includes(taskId)) sent.taskIds.push(taskId);
      st.sent.set(ref.profile, sent);
    }
  }
}
