/** Last-resort error handler: a clear JSON error, never a stack trace. */
import type { ErrorRequestHandler } from 'express';
import { sendError } from './api';

export function errorHandler(log: (message: string, error?: unknown) => void): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, _next) => {
    if (error.type === 'entity.too.large') {
      return sendError(res, { code: 'limit_exceeded', message: 'Request body too large.' });
    }
    if (error.type === 'entity.parse.failed' || error.status === 400) {
      return sendError(res, { code: 'invalid_payload', message: 'Request body is not valid JSON.' });
    }
    log('unhandled HTTP error', error);
    sendError(res, { code: 'internal', message: 'Something went wrong on the server.' });
  };
}
