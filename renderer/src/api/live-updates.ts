// Keeps cached query results true as the core pushes events: an Inform refreshes that device's
// row in the lists that show it (one listDevices({ids}) call per burst), a new device or a
// deletion refreshes the lists and counts, a task update refreshes task views (and the one task a
// page follows), a session's end refreshes the device page's summary, sessions and faults; a file
// or rollout change refreshes the library or that rollout; a backup stored, relabelled or removed
// refreshes that device's backups; a provisioning or subscriber change refreshes the checklist,
// the subscribers and the installer's waiting list. Bursts (a fleet informing every second) are coalesced, so the
// app never reloads everything on every event.
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { DeviceSummary, Page } from '../../../shared/models.ts';
import type { ApiClient } from './api-client.ts';

/** How long events are gathered before the caches are touched. */
export const coalesceMs = 700;

type DevicePages = InfiniteData<Page<DeviceSummary>, unknown>;

export function subscribeLiveUpdates(client: ApiClient, queryClient: QueryClient): () => void {
  const informed = new Set<string>();
  const stale = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (): void => {
    timer ??= setTimeout(() => {
      timer = undefined;
      flush(client, queryClient, [...informed], [...stale]).catch(() => undefined);
      informed.clear();
      stale.clear();
    }, coalesceMs);
  };

  const offs = [
    client.onEvent('deviceInformed', ({ deviceId, isNew }) => {
      if (isNew) stale.add('devices');
      else informed.add(deviceId);
      // The installer's "waiting for a router" shows when each device last informed.
      stale.add('waiting');
      stale.add(`device:${deviceId}`);
      stale.add('overview');
      schedule();
    }),
    client.onEvent('sessionEnded', ({ deviceId, sessionId }) => {
      stale.add(`device:${deviceId}`);
      if (sessionId !== null) stale.add(`session:${sessionId}`);
      schedule();
    }),
    client.onEvent('taskUpdated', ({ taskId, deviceId, batchId }) => {
      stale.add('tasks');
      stale.add(`task:${taskId}`);
      // The overview counts queued, running and failing tasks.
      stale.add('overview');
      stale.add(`device:${deviceId}`);
      if (batchId !== null) stale.add(`batch:${batchId}`);
      schedule();
    }),
    client.onEvent('filesChanged', () => {
      stale.add('files');
      schedule();
    }),
    client.onEvent('rolloutUpdated', ({ rolloutId }) => {
      stale.add(`rollout:${rolloutId}`);
      schedule();
    }),
    client.onEvent('backupsChanged', ({ deviceId, backupId }) => {
      stale.add(`backups:${deviceId}`);
      stale.add(`backup:${backupId}`);
      schedule();
    }),
    client.onEvent('provisioningChanged', ({ deviceId }) => {
      stale.add(`provisioning:${deviceId}`);
      schedule();
    }),
    client.onEvent('subscribersChanged', ({ deviceId }) => {
      stale.add('subscribers');
      if (deviceId !== null) stale.add(`provisioning:${deviceId}`);
      schedule();
    }),
    client.onEvent('alertChanged', () => {
      stale.add('alerts');
      schedule();
    }),
    client.onEvent('devicesChanged', () => {
      stale.add('devices');
      stale.add('overview');
      stale.add('tags');
      schedule();
    }),
  ];
  return () => {
    for (const off of offs) off();
    clearTimeout(timer);
  };
}

async function flush(client: ApiClient, queryClient: QueryClient, informed: string[], stale: string[]): Promise<void> {
  const invalidate = (queryKey: unknown[]): Promise<void> => queryClient.invalidateQueries({ queryKey });
  const work: Promise<void>[] = [];
  for (const key of stale) {
    if (key === 'devices') work.push(invalidate(['listDevices']), invalidate(['serverInfo']));
    else if (key === 'overview') work.push(invalidate(['getOverview']));
    else if (key === 'tags') work.push(invalidate(['listTags']));
    else if (key === 'tasks') work.push(invalidate(['listTasks']));
    else if (key.startsWith('device:')) work.push(...deviceKeys(key.slice(7)).map(invalidate));
    else if (key.startsWith('task:')) work.push(invalidate(['getTask', { taskId: Number(key.slice(5)) }]));
    else if (key.startsWith('session:')) work.push(invalidate(['getSession', { sessionId: Number(key.slice(8)) }]));
    else if (key === 'files') work.push(invalidate(['listFiles']), invalidate(['getFile']), invalidate(['listFileFetches']));
    else if (key.startsWith('rollout:'))
      work.push(invalidate(['getRollout', { rolloutId: Number(key.slice(8)) }]), invalidate(['listRollouts']));
    else if (key.startsWith('backups:')) work.push(invalidate(['listBackups', { id: key.slice(8) }]), invalidate(['diffBackups']));
    else if (key.startsWith('backup:')) work.push(invalidate(['getBackup', { backupId: Number(key.slice(7)) }]));
    else if (key === 'waiting') work.push(invalidate(['listWaitingDevices']));
    else if (key === 'subscribers')
      work.push(invalidate(['listSubscribers']), invalidate(['getDeviceSubscriber']), invalidate(['listWaitingDevices']));
    else if (key.startsWith('provisioning:')) work.push(...provisioningKeys(key.slice(13)).map(invalidate));
    else if (key === 'alerts') work.push(invalidate(['listAlerts']), invalidate(['listAlertRules']));
    else if (key.startsWith('batch:')) work.push(invalidate(['getTaskBatch', { batchId: key.slice(6) }]));
  }
  if (!stale.includes('devices')) work.push(patchRows(client, queryClient, informed));
  await Promise.all(work);
}

/** The installer's checklist and the device's Provisioning tab (a step or check moved on). */
function provisioningKeys(id: string): unknown[][] {
  return [['getProvisioning', { id }], ['listProfileApplications', { id }], ['listWaitingDevices'], ['getDeviceSettings', { id }]];
}

/** What the device page shows of one device (a key matches every query of the method for that device). */
function deviceKeys(id: string): unknown[][] {
  return [
    ['getDevice', { id }],
    ['getParameters', { id }],
    ['getDeviceSummary', { id }],
    ['listSessions', { id }],
    ['listFaults', { id }],
    // A backup's upload or restore task moving on changes what the Backups tab says.
    ['listBackups', { id }],
    // The Settings tab's values and paths come from the stored tree.
    ['getDeviceSettings', { id }],
    // Sessions and tasks change the Reachability tab's attempts, STUN state and advice.
    ['getReachability', { id }],
    // A diagnostic's task moving on (waiting, done, failed) and a read of the device log.
    ['listDiagnostics', { id }],
    ['getDeviceLog', { id }],
    // The Health tab: a periodic session may have brought new samples.
    ['listMetricNames', { id }],
    ['getDeviceMetrics', { id }],
  ];
}

/** Replaces the rows of informed devices in every cached device list that holds them. */
async function patchRows(client: ApiClient, queryClient: QueryClient, informed: string[]): Promise<void> {
  if (informed.length === 0) return;
  const lists = queryClient.getQueriesData<DevicePages>({ queryKey: ['listDevices'] });
  const shown = new Set<string>();
  for (const [, data] of lists) for (const page of data?.pages ?? []) for (const d of page.items) shown.add(d.id);
  const ids = informed.filter((id) => shown.has(id)).slice(0, 1000);
  if (ids.length === 0) return;
  const fresh = await client.call('listDevices', { ids, limit: ids.length });
  const byId = new Map(fresh.items.map((d) => [d.id, d]));
  queryClient.setQueriesData<DevicePages>({ queryKey: ['listDevices'] }, (data) => {
    if (data?.pages === undefined) return data;
    return { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((d) => byId.get(d.id) ?? d) })) };
  });
}
