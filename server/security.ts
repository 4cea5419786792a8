/** Request guards: Origin allow-list (Socket.IO handshake and /yjs upgrade) and per-IP rate limits. */
import type { IncomingMessage } from 'node:http';
import { rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { sendError } from './http/api';

/**
 * Browsers always send Origin on WebSocket and cross-site requests: it must be this server's own
 * origin or one on the allow-list. Non-browser clients (bots, load tests) send none and are allowed;
 * they still need a capability token.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * At most `limit` requests per minute per IP; past it, 429 with Retry-After and the usual JSON error.
 * `store` counts elsewhere than in this process (Redis, shared by every node: see SharedCounts).
 */
export function perMinute(limit: number, what: string, store?: Store): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    ...(store ? { store } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => sendError(res, { code: 'rate_limited', message: `Too many ${what} from this address; try again in a minute.` }),
  });
}

/** A token bucket: `rate` per second, bursts up to `burst`. Time comes in, so it is easy to test. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; false when empty (the caller refuses the message). */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
