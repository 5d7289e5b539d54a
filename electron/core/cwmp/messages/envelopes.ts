// What one HTTP body carries, in each direction.
import type { AcsRequest } from './acs-requests.ts';
import type { AcsResponse } from './acs-responses.ts';
import type { CpeRequest } from './cpe-requests.ts';
import type { CpeFault, CpeResponse } from './cpe-responses.ts';
import type { CwmpVersion } from './structs.ts';

/** What the codec parsed from one HTTP body sent by a CPE. */
export type CpeBody =
  | { kind: 'request'; message: CpeRequest }
  | { kind: 'response'; message: CpeResponse }
  | { kind: 'fault'; message: CpeFault };

export interface ParsedEnvelope {
  version: CwmpVersion;
  /** cwmp:ID from the SOAP Header; undefined when the CPE sent no header. */
  id: string | undefined;
  holdRequests: boolean;
  noMoreRequests: boolean;
  body: CpeBody;
  /** Lenient-parse findings (e.g. broken CurrentTime, odd arrayType): data, not exceptions. */
  warnings: string[];
}

/** What the ACS sends in one HTTP response body. */
export type AcsOutgoing = AcsRequest | AcsResponse;

export interface OutgoingEnvelope {
  version: CwmpVersion;
  id: string;
  body: AcsOutgoing;
}
