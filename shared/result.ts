/** One acknowledgement shape for every request, with a closed set of error codes. */
export const ERROR_CODES = [
  'invalid_payload',
  'unauthorized',
  'forbidden',
  'not_found',
  'group_full',
  'limit_exceeded',
  'rate_limited',
  'workshop_ended',
  'invalid_transition',
  'version_mismatch',
  /** The server is shutting down (or cannot serve this now): retry shortly, with Retry-After. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  /** The payload field at fault, for invalid_payload. */
  field?: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** A successful result. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** A failed result. */
export function fail<T = never>(code: ErrorCode, message: string, field?: string): Result<T> {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
