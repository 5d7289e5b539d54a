// Stored tasks -> the ACS request they send. A task named after an RPC carries that RPC's
// arguments; anything else stored is refused with a reason instead of crashing a session.
import type { AcsRequest, AcsRequestName } from '../cwmp/messages.ts';

const rpcNames: ReadonlySet<AcsRequestName> = new Set<AcsRequestName>([
  'GetRPCMethods', 'GetParameterNames', 'GetParameterValues', 'SetParameterValues', 'GetParameterAttributes',
  'SetParameterAttributes', 'AddObject', 'DeleteObject', 'Reboot', 'FactoryReset', 'Download', 'Upload',
  'ScheduleInform', 'ScheduleDownload', 'CancelTransfer', 'GetQueuedTransfers', 'GetAllQueuedTransfers', 'ChangeDUState',
]);

/** The request of a stored task, or a message saying why there is none. */
export function taskRequest(name: string, args: unknown): AcsRequest | string {
  if (!rpcNames.has(name as AcsRequestName)) return `unknown task '${name}'`;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return `task '${name}' has no argument object`;
  // The task service validated the arguments when it queued the task (see tasks service).
  return { ...(args as Record<string, unknown>), name } as AcsRequest;
}
