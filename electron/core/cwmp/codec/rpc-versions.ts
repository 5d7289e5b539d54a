// The first CWMP version whose schema defines an RPC (cwmp-1-0.xsd ... cwmp-1-2.xsd). RPCs not
// listed exist since 1.0. The ACS refuses to build an RPC its peer's version lacks; the parser
// only warns when a CPE sends one.
import type { CwmpVersion } from '../messages.ts';

const MIN_VERSION: Readonly<Record<string, CwmpVersion>> = {
  AutonomousTransferComplete: '1.1',
  AutonomousTransferCompleteResponse: '1.1',
  GetAllQueuedTransfers: '1.1',
  GetAllQueuedTransfersResponse: '1.1',
  ScheduleDownload: '1.2',
  ScheduleDownloadResponse: '1.2',
  CancelTransfer: '1.2',
  CancelTransferResponse: '1.2',
  ChangeDUState: '1.2',
  ChangeDUStateResponse: '1.2',
  DUStateChangeComplete: '1.2',
  DUStateChangeCompleteResponse: '1.2',
  AutonomousDUStateChangeComplete: '1.2',
  AutonomousDUStateChangeCompleteResponse: '1.2',
};

/** The first version defining `method`, or undefined when every version has it. */
export function methodMinVersion(method: string): CwmpVersion | undefined {
  return Object.hasOwn(MIN_VERSION, method) ? MIN_VERSION[method] : undefined;
}
