/** Capability tokens: random, ≥120 bits, stored only as hashes and compared in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { customAlphabet, nanoid } from 'nanoid';

/** 24 nanoid characters = 144 bits: seat tokens. */
export const newSeatToken = (): string => nanoid(24);
/** 32 nanoid characters = 192 bits: facilitator keys. */
export const newFacilitatorKey = (): string => nanoid(32);

const idAlphabet = customAlphabet('0123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', 12);
/** Public ids (workshops, groups, participants): unguessable enough not to enumerate, short enough for a link. */
export const newId = (): string => idAlphabet();

/** SHA-256 of a token; only hashes are stored, so a leaked database does not leak capabilities. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Constant-time comparison of two token hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
