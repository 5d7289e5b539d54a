// Errors cross IPC and HTTP as data: { code, message }. Electron passes only `message` of a
// thrown Error, so the core converts failures to this shape at the boundary.

export type ErrorCode = 'bad_request' | 'unauthorized' | 'not_found' | 'conflict' | 'unavailable' | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export const httpStatusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export class AcsError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AcsError';
    this.code = code;
  }
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof AcsError) return { code: err.code, message: err.message };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
