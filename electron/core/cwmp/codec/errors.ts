// Errors the codec throws. Lenient-parse findings are NOT errors: they go to `warnings`.
import type { CwmpVersion } from '../messages.ts';

/** Why a CPE body could not be turned into a ParsedEnvelope. */
export type CwmpParseErrorKind = 'malformed' | 'not-soap' | 'unknown-method' | 'too-large' | 'forbidden-dtd' | 'too-deep';

export interface CwmpParseErrorDetails {
  /** The RPC element's local name, when the error is about the method (e.g. 'unknown-method'). */
  method?: string;
  /** cwmp:ID from the SOAP Header, so the session can answer Fault 8000 with the right ID. */
  id?: string;
  version?: CwmpVersion;
}

export class CwmpParseError extends Error {
  readonly kind: CwmpParseErrorKind;
  readonly method: string | undefined;
  readonly id: string | undefined;
  readonly version: CwmpVersion | undefined;

  constructor(kind: CwmpParseErrorKind, message: string, details: CwmpParseErrorDetails = {}) {
    super(message);
    this.name = 'CwmpParseError';
    this.kind = kind;
    this.method = details.method;
    this.id = details.id;
    this.version = details.version;
  }
}

/** The ACS was asked to build something it must not send (wrong version, invalid argument). */
export class CwmpBuildError extends Error {
  readonly method: string;
  readonly version: CwmpVersion;

  constructor(method: string, version: CwmpVersion, message: string) {
    super(`cannot build ${method} for CWMP ${version}: ${message}`);
    this.name = 'CwmpBuildError';
    this.method = method;
    this.version = version;
  }
}
