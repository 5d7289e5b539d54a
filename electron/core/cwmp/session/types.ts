// The session engine's vocabulary: states, inputs, effects and replies. The engine itself
// (engine.ts) is a pure function over these; the HTTP listener performs the effects.
import type {
  AcsRequest,
  CpeFault,
  CpeRequest,
  CpeResponse,
  CwmpVersion,
  InformRequest,
  OutgoingEnvelope,
  ParsedEnvelope,
} from '../messages.ts';

/** What the engine remembers between HTTP requests of one CWMP session. */
export interface SessionContext {
  deviceId: string;
  version: CwmpVersion;
  /** Number of CPE messages handled so far (Inform included). */
  messages: number;
  /** Counter for the cwmp:ID of ACS-initiated requests. */
  nextId: number;
  warnings: string[];
  /**
   * The CPE's last envelope carried cwmp:HoldRequests=true: it asks not to be sent requests
   * now, so the ACS keeps its queue for a later session instead of dispatching it.
   */
  held: boolean;
}

/** An ACS request taken from the device's task queue, in flight until the CPE answers it. */
export interface InFlight {
  taskId: number;
  request: AcsRequest;
  id: string;
}

export type SessionState =
  | { name: 'awaiting-inform' }
  /** InformResponse sent; the CPE sends its own requests until it posts an empty body. */
  | { name: 'cpe-requests'; ctx: SessionContext }
  /** The CPE has no more requests; the ACS sends queued requests until the queue is empty. */
  | { name: 'acs-requests'; ctx: SessionContext; inFlight: InFlight | null }
  | { name: 'ended'; outcome: SessionEndOutcome };

export type SessionStateName = SessionState['name'];

export type SessionEndOutcome = 'ok' | 'timeout' | 'fault' | 'error' | 'aborted';

/** A queued task's next RPC, looked up by the listener before it calls the engine. */
export interface QueuedRequest {
  taskId: number;
  request: AcsRequest;
}

/** A body the codec could not parse (the listener maps CwmpParseError to this). */
export interface ParseFailure {
  kind: 'malformed' | 'not-soap' | 'unknown-method' | 'too-large' | 'forbidden-dtd' | 'too-deep';
  message: string;
  method?: string;
  id?: string;
  version?: CwmpVersion;
}

export type SessionInput =
  | { kind: 'envelope'; envelope: ParsedEnvelope }
  | { kind: 'empty' }
  /** The answer to a 'next-request' reply: the device's next queued request, if any. */
  | { kind: 'dispatch'; next: QueuedRequest | undefined }
  | { kind: 'parse-error'; failure: ParseFailure }
  /** The ACS could not build the in-flight request (e.g. not in the CPE's CWMP version). */
  | { kind: 'request-unbuildable'; taskId: number; message: string }
  | { kind: 'timeout' }
  | { kind: 'aborted'; reason: string };

export type SessionEffect =
  | { type: 'inform'; deviceId: string; inform: InformRequest; version: CwmpVersion; warnings: string[] }
  | { type: 'cpe-request'; deviceId: string; request: Exclude<CpeRequest, InformRequest> }
  | { type: 'task-started'; deviceId: string; taskId: number; request: AcsRequest }
  | { type: 'task-response'; deviceId: string; taskId: number; request: AcsRequest; response: CpeResponse }
  | { type: 'task-fault'; deviceId: string; taskId: number; request: AcsRequest; fault: CpeFault }
  /** The request went out but no usable answer came back; the task goes back to the queue. */
  | { type: 'task-interrupted'; deviceId: string; taskId: number; reason: string }
  | { type: 'task-failed'; deviceId: string; taskId: number; message: string }
  | { type: 'warning'; deviceId: string | null; message: string }
  | { type: 'session-ended'; deviceId: string | null; outcome: SessionEndOutcome; messages: number; warnings: string[] };

export type SessionReply =
  | { kind: 'soap'; envelope: OutgoingEnvelope }
  /** HTTP 204: the session is over (TR-069 3.7.1.4: the ACS ends it with an empty response). */
  | { kind: 'no-content' }
  /**
   * It is the ACS's turn: perform this step's effects, then look up the device's next queued
   * request and step again with { kind: 'dispatch' }. Two steps, because the next request of a
   * multi-step task depends on the answer just stored.
   */
  | { kind: 'next-request' }
  | { kind: 'http-error'; status: number; message: string };

export interface StepResult {
  state: SessionState;
  effects: SessionEffect[];
  reply: SessionReply;
}
