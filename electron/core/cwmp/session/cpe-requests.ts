// The ACS's answers to requests a CPE makes inside a session (TR-069 A.3.2). The effects of
// these requests (recording a TransferComplete, matching it to its task) are the listener's;
// here only the reply is chosen.
import type { AcsResponse, CpeRequest, CwmpVersion } from '../messages.ts';

/** ACS methods a CPE may call, with the first CWMP version that defines each (Table A.2). */
const acsMethods: ReadonlyArray<readonly [string, CwmpVersion]> = [
  ['Inform', '1.0'],
  ['GetRPCMethods', '1.0'],
  ['TransferComplete', '1.0'],
  ['RequestDownload', '1.0'],
  ['Kicked', '1.0'],
  ['AutonomousTransferComplete', '1.1'],
  ['DUStateChangeComplete', '1.2'],
  ['AutonomousDUStateChangeComplete', '1.2'],
];

const versionOrder: Record<CwmpVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3, '1.4': 4 };

export function versionAtLeast(version: CwmpVersion, min: CwmpVersion): boolean {
  return versionOrder[version] >= versionOrder[min];
}

/** The methods DeskACS answers, as reported in GetRPCMethodsResponse for this CWMP version. */
export function supportedAcsMethods(version: CwmpVersion): string[] {
  return acsMethods.filter(([, min]) => versionAtLeast(version, min)).map(([name]) => name);
}

export function answerCpeRequest(request: Exclude<CpeRequest, { name: 'Inform' }>, version: CwmpVersion): AcsResponse {
  switch (request.name) {
    case 'TransferComplete':
      return { name: 'TransferCompleteResponse' };
    case 'AutonomousTransferComplete':
      return { name: 'AutonomousTransferCompleteResponse' };
    case 'GetRPCMethods':
      return { name: 'GetRPCMethodsResponse', methods: supportedAcsMethods(version) };
    case 'RequestDownload':
      return { name: 'RequestDownloadResponse' };
    case 'Kicked':
      // Kicked (A.4.2.1) asks where the browser should go next; DeskACS has no web portal for
      // subscribers, so the CPE is sent back to the URL it proposed.
      return { name: 'KickedResponse', nextUrl: request.next };
    case 'DUStateChangeComplete':
      return { name: 'DUStateChangeCompleteResponse' };
    case 'AutonomousDUStateChangeComplete':
      return { name: 'AutonomousDUStateChangeCompleteResponse' };
  }
}
