/** Last-resort error handler: a clear JSON error, never a stack trace. */
import type { ErrorRequestHandler } from 'express';
import type { Log } from '../guard';
import { sendError } from './api';
import { OwnedElsewhere } from '../cluster/ownership';

/** Retry-After on a 500: a store that was out of reach is usually back within seconds. */
export const INTERNAL_RETRY_AFTER_SECONDS = 2;

/** The workshop an API path names (`/api/workshops/<id>/…`), for the log line. */
const WORKSHOP_PATH = /^\/api\/workshops\/(?!import(?:\/|$))([A-Za-z0-9_-]{1,64})(?:\/|$)/;

export function errorHandler(log: Log): ErrorRequestHandler {
  return (error: { type?: string; status?: number; statusCode?: number }, req, res, next) => {
    // Too late for a status: Express's own handler ends the connection.
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      return sendError(res, { code: 'limit_exceeded', message: 'Request body too large.' });
    }
    if (error.type === 'entity.parse.failed' || error.status === 400) {
      return sendError(res, { code: 'invalid_payload', message: 'Request body is not valid JSON.' });
    }
    // The request's own fault, as middleware judged it (an unsupported charset or encoding: 415,
    // a range past the file: 416): that status, not a 500, and nothing to log.
    const status = error.status ?? error.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'invalid_payload', message: 'The request cannot be served as sent.' } });
      return;
    }
    // Another node serves this workshop (a takeover or handover in progress): retry, through the load balancer.
    if (error instanceof OwnedElsewhere) {
      res.set('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      return sendError(res, { code: 'unavailable', message: 'This workshop is served by another server right now; try again in a moment.' });
    }
    // The path names the workshop, if any (ids, never secrets: those ride in headers and bodies).
    const path = req.path.slice(0, 200);
    log('unhandled HTTP error', error, { method: req.method, path, workshopId: WORKSHOP_PATH.exec(path)?.[1] });
    // Most often the store is out of reach for a moment (its write failed, so nothing changed): try again.
    res.set('Retry-After', String(INTERNAL_RETRY_AFTER_SECONDS));
    sendError(res, { code: 'internal', message: 'Something went wrong on the server; nothing was changed, please try again.' });
  };
}
