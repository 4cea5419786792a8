/**
 * HTTP fuzz over raw TCP: thousands of hand-built, odd requests (request targets, methods, versions,
 * header sets with and without Upgrade, framing, bodies) against a real server. Every request must
 * be answered with a status line or closed, never left hanging; no 5xx; nothing logged as
 * unhandled; and the server keeps serving everyone else.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { addObjective, readDraft, textOf } from '../shared/okrDoc';
import { seededRandom } from '../shared/random';
import { captureServerLog, connectClient, createWorkshop, joinWorkshop, onCleanup, socketBarrier, startServer, waitFor, type Created, type Joined } from './helpers';
import { docBarrier, sameState, syncedClient } from './yjsHelpers';

const REQUESTS = 3000;
const CONCURRENCY = 20;
/** The server's health is checked after every batch. */
const BATCH = 100;
const REQUEST_TIMEOUT_MS = 5000;

type Rng = () => number;

interface Ids {
  port: number;
  w: Created;
  groups: string[];
  seat: Joined;
}

/** One fuzz request: its bytes, and whether to half-close after writing (its framing is incomplete on purpose). */
interface FuzzRequest {
  bytes: Buffer;
  halfClose: boolean;
  /** Written in this many pieces, a turn of the event loop apart. */
  pieces: number;
  /** 'abandon': reset the connection (RST) right after writing, without waiting for an answer. */
  ending: 'read' | 'abandon';
  /** After the status line, reset the connection instead of closing it. */
  resetAfterStatus: boolean;
  label: string;
}

type Outcome = { kind: 'status'; status: number } | { kind: 'close' } | { kind: 'abandoned' } | { kind: 'timeout' } | { kind: 'garbage'; head: string };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;
const randomBuffer = (rng: Rng, length: number) => Buffer.from(Array.from({ length }, () => Math.floor(rng() * 256)));
const wsKey = (rng: Rng) => randomBuffer(rng, 16).toString('base64');

/** A request method: mostly real ones, sometimes made up, lower-case, very long or broken. */
function method(rng: Rng, sane: boolean): string {
  if (chance(rng, sane ? 0.9 : 0.45)) return 'GET';
  if (chance(rng, 0.3)) return 'POST';
  return pick(rng, ['PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'CONNECT', 'TRACE', 'PROPFIND', 'M-SEARCH', 'PURGE', 'FOO', 'get', 'pOsT', 'G ET', 'GET\0', '', 'X'.repeat(300), 'BREW']);
}

/** A request target crossing odd shapes with unknown and real ids. */
function target(rng: Rng, ids: Ids, sane: boolean): string {
  if (sane && chance(rng, 0.9)) return saneTarget(rng, ids);
  const real = chance(rng, 0.6);
  const w = real ? ids.w.workshopId : pick(rng, ['nope', 'A'.repeat(64), 'A'.repeat(65), '%41', '..', 'w_-1']);
  const g = real ? pick(rng, ids.groups) : pick(rng, ['g', 'nope', 'B'.repeat(65), '%2F', '']);
  const token = pick(rng, [ids.seat.seatToken, ids.w.facilitatorKey, 'bogus', '', '%E0%A4%A', '%', '\u00e9', 'x'.repeat(5000)]);
  const shapes: Array<() => string> = [
    () => '/',
    () => '//',
    () => '//x:99999',
    () => '///yjs/a/b',
    () => '*',
    () => 'http://evil/yjs/a/b',
    () => `http://localhost:${ids.port}/yjs/${w}/${g}?token=${token}`,
    () => `http://localhost:${ids.port}/healthz`,
    () => '/yjs/%zz/%',
    () => '/yjs/../..',
    () => '/%00',
    () => `/yjs/${w}\0/${g}`,
    () => '/\0',
    () => `/yjs/${w}/${g}?token=%E0%A4%A`,
    () => `/yjs/${w}/${g}?token=a&token=${token}&token=`,
    () => `/yjs/${w}/${g}?token=${token}`,
    () => `/yjs/${w}/${g}?token=${ids.seat.seatToken}`,
    () => `/yjs/${w}/${g}`,
    () => `/yjs/${w}/${g}/extra?token=${token}`,
    () => `/yjs/${w}?token=${token}`,
    () => '/yjs/',
    () => '/yjs',
    () => `/yjs/${w}/${g}#frag?token=${token}`,
    () => `/yjs\\${w}\\${g}?token=${token}`,
    () => '/\\yjs\\a\\b',
    () => `/${'a'.repeat(10 * 1024)}`,
    () => `/yjs/${'a'.repeat(10 * 1024)}/${g}`,
    () => `/?${'&'.repeat(5000)}`,
    () => `/?${'token=x&'.repeat(800)}`,
    () => '/socket.io/?EIO=999&transport=websocket',
    () => '/socket.io/?EIO=4&transport=polling&sid=bogus',
    () => '/socket.io/?EIO=4&transport=polling',
    () => '/socket.io/?EIO=4&transport=websocket',
    () => '/socket.io/?EIO=3&transport=polling&b64=1',
    () => '/socket.io/?EIO=4&transport=bogus',
    () => '/socket.io/?EIO=%zz',
    () => '/socket.io/',
    () => '/socket.io',
    () => '//socket.io/?EIO=4&transport=websocket',
    () => `/api/workshops/${w}/export.xlsx`,
    () => `/api/workshops/${w}/export.csv`,
    () => `/api/workshops/${w}/join`,
    () => `/api/workshops/${w}`,
    () => '/api/workshops',
    () => '/api/workshops/import?format=xlsx&title=Fuzz',
    () => '/api/workshops/import?format=csv&title=Fuzz',
    () => '/api/workshops/import?format=%zz',
    () => '/api/workshops/%zz/export.csv',
    () => '/api/workshops/%E0%A4%A/join',
    () => '/api/template.xlsx',
    () => '/api/template.csv',
    () => '/api/',
    () => '/api/%',
    () => `/w/${w}`,
    () => `/w/${w}/facilitate`,
    () => '/w/%E2%82%AC',
    () => '/w/€🌱',
    () => '/w/%',
    () => '/index.html',
    () => '/assets/app.js',
    () => '/assets/../../package.json',
    () => '/assets/%2e%2e/%2e%2e/package.json',
    () => '/%2e%2e/%2e%2e/etc/passwd',
    () => '/healthz',
    () => '/healthz?x=%',
    () => '/ /',
    () => '/\t',
    () => '',
    () => ' /',
    () => '/%',
    () => randomBuffer(rng, 1 + Math.floor(rng() * 60)).toString('latin1'),
  ];
  let t = pick(rng, shapes)();
  if (chance(rng, 0.05)) t = t + randomBuffer(rng, 1 + Math.floor(rng() * 8)).toString('latin1');
  if (chance(rng, 0.03)) t = '/' + t;
  return t;
}

/** A real endpoint, as a client of it would ask. */
function saneTarget(rng: Rng, ids: Ids): string {
  const w = ids.w.workshopId;
  const g = pick(rng, ids.groups);
  return pick(rng, [
    `/yjs/${w}/${ids.seat.groupId}?token=${ids.seat.seatToken}`,
    `/yjs/${w}/${g}?token=${ids.seat.seatToken}`,
    `/yjs/${w}/${g}?token=${ids.w.facilitatorKey}`,
    '/socket.io/?EIO=4&transport=websocket',
    '/socket.io/?EIO=4&transport=polling',
    `/api/workshops/${w}`,
    `/api/workshops/${w}/join`,
    `/api/workshops/${w}/export.csv`,
    `/api/workshops/${w}/export.xlsx`,
    `/w/${w}`,
    '/healthz',
  ]);
}

function version(rng: Rng, sane: boolean): string {
  if (chance(rng, sane ? 0.95 : 0.7)) return 'HTTP/1.1';
  if (chance(rng, 0.5)) return 'HTTP/1.0';
  return pick(rng, ['HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 extra', 'HTTP/1', 'http/1.1', '', 'HTTP/1.1\0', 'HTTP/0.9', 'HTTP/1.10', 'HTTPS/1.1']);
}

/** Headers (as raw lines), a body, and whether the framing leaves the server waiting for more. */
function headersAndBody(rng: Rng, ids: Ids, verb: string, sane: boolean): { lines: string[]; body: Buffer; incomplete: boolean; tags: string[] } {
  const lines: string[] = [];
  const tags: string[] = [];
  const host = `localhost:${ids.port}`;
  // Host: usually right; sometimes missing, duplicated, empty, foreign, huge.
  const hostKind = chance(rng, sane ? 0.95 : 0.8) ? 'ok' : pick(rng, ['missing', 'duplicate', 'empty', 'evil', 'huge', 'unicode']);
  if (hostKind !== 'ok') tags.push(`host:${hostKind}`);
  if (hostKind === 'ok') lines.push(`Host: ${host}`);
  else if (hostKind === 'duplicate') lines.push(`Host: ${host}`, 'Host: evil.example');
  else if (hostKind === 'empty') lines.push('Host:');
  else if (hostKind === 'evil') lines.push('Host: evil.example:80');
  else if (hostKind === 'huge') lines.push(`Host: ${'h'.repeat(8000)}`);
  else if (hostKind === 'unicode') lines.push('Host: \u00e9\u00ff');

  // The WebSocket upgrade handshake, valid or broken piece by piece.
  if (chance(rng, sane ? 0.6 : 0.4)) {
    tags.push('upgrade');
    // In a sane request each piece is valid unless one goes wrong.
    const odd = <T>(valid: T, others: readonly T[]): T => (chance(rng, sane ? 0.05 : 0.5) ? pick(rng, others) : valid);
    const connection = odd('Upgrade', ['upgrade', 'keep-alive, Upgrade', null, 'close']);
    if (connection !== null) lines.push(`Connection: ${connection}`);
    const upgrade = odd('websocket', ['WebSocket', 'h2c', 'websocket, foo', '', null]);
    if (upgrade !== null) lines.push(`Upgrade: ${upgrade}`);
    const key = odd(wsKey(rng), ['x', '', 'a'.repeat(100), null, `${wsKey(rng)}, ${wsKey(rng)}`]);
    if (key !== null) lines.push(`Sec-WebSocket-Key: ${key}`);
    const wsVersion = odd('13', ['8', 'abc', '', null, '13, 13']);
    if (wsVersion !== null) lines.push(`Sec-WebSocket-Version: ${wsVersion}`);
    if (chance(rng, 0.1)) lines.push(`Sec-WebSocket-Version: ${pick(rng, ['13', '99'])}`);
    if (chance(rng, 0.15)) lines.push(`Sec-WebSocket-Extensions: ${pick(rng, ['permessage-deflate; client_max_window_bits=99', ';;;', 'permessage-deflate; server_no_context_takeover=1', 'x'.repeat(2000)])}`);
    if (chance(rng, 0.1)) lines.push(`Sec-WebSocket-Protocol: ${pick(rng, ['', ',,,', 'a b', 'y-websocket'])}`);
  } else if (chance(rng, 0.5)) {
    lines.push(`Connection: ${pick(rng, ['keep-alive', 'close', 'Keep-Alive, TE', ''])}`);
  }
  if (chance(rng, 0.25)) {
    const origin = pick(rng, [`http://${host}`, 'http://evil.example', 'null', '%%%', 'http://[::1', `http://${host}${'/x'.repeat(2000)}`, '']);
    tags.push(`origin:${origin.slice(0, 20)}`);
    lines.push(`Origin: ${origin}`);
  }
  if (chance(rng, 0.25)) {
    const auth = pick(rng, [`Bearer ${ids.w.facilitatorKey}`, `Bearer ${ids.seat.seatToken}`, 'Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer a b', `Bearer ${'x'.repeat(8000)}`, 'Bearer \u00e9\u00e8', `bearer\t${ids.w.facilitatorKey}`]);
    tags.push('auth');
    lines.push(`Authorization: ${auth}`);
  }
  if (chance(rng, 0.05)) {
    tags.push('huge-header');
    lines.push(`X-Huge: ${'v'.repeat(64 * 1024)}`);
  }
  if (chance(rng, 0.05)) {
    const n = pick(rng, [50, 200, 1000, 2500]);
    tags.push(`headers:${n}`);
    for (let i = 0; i < n; i++) lines.push(`X-H${i}: ${i}`);
  }
  if (chance(rng, 0.05)) {
    tags.push('obs-fold');
    lines.push('X-Fold: a', pick(rng, [' b', '\tc']));
  }
  if (chance(rng, 0.05)) {
    const bad = pick(rng, ['NoColon', 'Bad Name: x', ': empty-name', 'X-Nul: a\0b', 'X-Bin: \u00ff\u00fe', 'X-Cr: a\rb', '\u00e9: x', 'Expect: 100-continue', 'Expect: bogus']);
    tags.push(`bad:${bad.slice(0, 12)}`);
    lines.push(bad);
  }
  if (chance(rng, 0.1)) lines.push(`Accept-Encoding: ${pick(rng, ['gzip', '*', 'br;q=0', 'x'.repeat(3000)])}`);
  if (chance(rng, 0.05)) lines.push(`Range: ${pick(rng, ['bytes=0-1', 'bytes=-', 'bytes=9-1', 'bytes=0-0,0-0,0-0'])}`);
  if (chance(rng, 0.05)) lines.push(`If-None-Match: ${pick(rng, ['*', '"x"', 'W/'])}`);

  // The body and its framing.
  const wantsBody = verb !== 'GET' && verb !== 'HEAD' ? chance(rng, 0.8) : chance(rng, 0.1);
  let body: Buffer = Buffer.alloc(0);
  let incomplete = false;
  if (!wantsBody) return { lines, body, incomplete, tags };
  if (chance(rng, 0.6)) {
    lines.push(`Content-Type: ${pick(rng, ['application/json', 'application/json', 'application/json; charset=bogus', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data; boundary=', 'application/octet-stream', ';;;', 'application/json; charset=utf-8; x'])}`);
  }
  if (chance(rng, 0.1)) {
    const encoding = pick(rng, ['gzip', 'deflate', 'bogus', 'br', 'identity', 'gzip, gzip']);
    tags.push(`ce:${encoding}`);
    lines.push(`Content-Encoding: ${encoding}`);
  }
  const kind = Math.floor(rng() * 5);
  if (kind === 0) body = Buffer.from(JSON.stringify(pick(rng, [{ name: 'Fuzz' }, { title: 'Fuzz', groupCount: 2 }, { name: 'x'.repeat(500) }, { groupCount: -1 }, [], null, 'str'])));
  else if (kind === 1) body = Buffer.from(`{"name":"${'\\u0000'.repeat(50)}"`);
  else if (kind === 2 && chance(rng, 0.2)) body = randomBuffer(rng, 20_000 + Math.floor(rng() * 20_000));
  else body = randomBuffer(rng, Math.floor(rng() * 2000));

  const framing = chance(rng, 0.2) ? 'chunked' : sane && chance(rng, 0.8) ? 'length' : pick(rng, ['length', 'length', 'length', 'length', 'shorter', 'longer', 'none', 'invalid', 'duplicate', 'both']);
  tags.push(`framing:${framing}`);
  if (framing === 'chunked') {
    lines.push(`Transfer-Encoding: ${pick(rng, ['chunked', 'chunked', 'chunked', 'Chunked', 'gzip, chunked', 'chunked, gzip', 'chunked\0'])}`);
    const chunkKind = pick(rng, ['ok', 'ok', 'bad-size', 'negative', 'overflow', 'extension', 'unterminated', 'size-mismatch']);
    tags.push(`chunk:${chunkKind}`);
    const half = Math.floor(body.length / 2);
    const chunk = (b: Buffer) => Buffer.concat([Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from('\r\n')]);
    if (chunkKind === 'ok') body = Buffer.concat([chunk(body.subarray(0, half)), chunk(body.subarray(half)), Buffer.from('0\r\n\r\n')]);
    else if (chunkKind === 'bad-size') body = Buffer.concat([Buffer.from('zz\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]);
    else if (chunkKind === 'negative') body = Buffer.concat([Buffer.from('-1\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]);
    else if (chunkKind === 'overflow') body = Buffer.concat([Buffer.from('ffffffffffffffffffff\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]);
    else if (chunkKind === 'extension') body = Buffer.concat([Buffer.from(`${body.length.toString(16)};${'e'.repeat(pick(rng, [5, 20_000]))}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    else if (chunkKind === 'size-mismatch') body = Buffer.concat([Buffer.from(`${(body.length + 10).toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
    else {
      body = chunk(body);
      incomplete = true;
    }
    // A size larger than the data sent leaves the server waiting for the rest.
    if (chunkKind === 'size-mismatch' || chunkKind === 'overflow') incomplete = true;
  } else if (framing === 'length') lines.push(`Content-Length: ${body.length}`);
  else if (framing === 'shorter') lines.push(`Content-Length: ${Math.floor(body.length / 2)}`);
  else if (framing === 'longer') {
    lines.push(`Content-Length: ${body.length + 1 + Math.floor(rng() * 1000)}`);
    incomplete = true;
  } else if (framing === 'invalid') lines.push(`Content-Length: ${pick(rng, ['-1', 'abc', '1e3', ' ', '99999999999999999999999', '0x10', '+5'])}`);
  else if (framing === 'duplicate') lines.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 1}`);
  else if (framing === 'both') lines.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
  // 'none': the body bytes follow as if they were the next request.
  if (framing === 'both' || framing === 'invalid') incomplete = true;
  return { lines, body, incomplete, tags };
}

/** One request: all of it from the seeded generator, so a failure can be replayed. */
function fuzzRequest(rng: Rng, ids: Ids, index: number): FuzzRequest {
  if (chance(rng, 0.01)) {
    // An HTTP/2 prior-knowledge preface and a few frames of junk.
    const bytes = Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), randomBuffer(rng, 64)]);
    return { ...ending(rng), bytes, halfClose: chance(rng, 0.5), label: `#${index} h2-preface` };
  }
  if (chance(rng, 0.01)) return { ...ending(rng), bytes: randomBuffer(rng, 1 + Math.floor(rng() * 500)), halfClose: true, label: `#${index} random-bytes` };
  // A quarter of the requests are nearly valid (real endpoints, one thing wrong at most), so the
  // handlers behind the parser, the upgrade checks and the WebSocket handshakes are reached too.
  const sane = chance(rng, 0.25);
  const verb = method(rng, sane);
  const path = target(rng, ids, sane);
  const ver = version(rng, sane);
  const eol = sane || chance(rng, 0.95) ? '\r\n' : pick(rng, ['\n', '\r', '\r\r\n']);
  const { lines, body, incomplete, tags } = headersAndBody(rng, ids, verb, sane);
  const head = `${verb} ${path} ${ver}${eol}${lines.join(eol)}${lines.length ? eol : ''}`;
  const endOfHeaders = sane || chance(rng, 0.97);
  let bytes = Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(endOfHeaders ? eol : ''), body]);
  // Sometimes a second (pipelined) request follows.
  if (chance(rng, 0.05)) bytes = Buffer.concat([bytes, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: localhost:${ids.port}\r\n\r\n`)]);
  // A request whose framing leaves the server waiting (or a bare LF/CR end of line the parser may
  // still be reading) is half-closed after writing; others sometimes are too.
  const halfClose = incomplete || !endOfHeaders || eol !== '\r\n' || chance(rng, 0.1);
  const end = ending(rng);
  const how = [halfClose ? 'half-closed' : '', end.pieces > 1 ? `${end.pieces} pieces` : '', end.ending === 'abandon' ? 'abandoned' : end.resetAfterStatus ? 'reset after status' : ''].filter(Boolean).join(', ');
  const label = `#${index}${sane ? ' sane' : ''} ${JSON.stringify(verb.slice(0, 12))} ${JSON.stringify(path.slice(0, 80))} ${JSON.stringify(ver)} [${tags.join(' ')}] ${how}`;
  return { ...end, bytes, halfClose, label };
}

/** How the client writes and leaves: in pieces sometimes; sometimes it resets the connection (RST). */
function ending(rng: Rng): Pick<FuzzRequest, 'pieces' | 'ending' | 'resetAfterStatus'> {
  return {
    pieces: chance(rng, 0.1) ? 2 + Math.floor(rng() * 4) : 1,
    ending: chance(rng, 0.05) ? 'abandon' : 'read',
    resetAfterStatus: chance(rng, 0.3),
  };
}

/** Writes the bytes on a fresh connection and reads until a final status line, a close, or the timeout. */
function send(port: number, request: FuzzRequest, onLocalPort: (port: number) => void = () => {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ port, host: '127.0.0.1' });
    let received = Buffer.alloc(0);
    let settled = false;
    const done = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (outcome.kind === 'status' && request.resetAfterStatus) socket.resetAndDestroy();
      else socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), REQUEST_TIMEOUT_MS);
    socket.on('error', () => done({ kind: 'close' }));
    socket.on('close', () => done({ kind: 'close' }));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      // Skip interim 100 Continue responses: the final status line is what answers the request.
      for (;;) {
        const end = received.indexOf('\r\n');
        if (end === -1) {
          if (received.length > 64 && !received.subarray(0, 5).equals(Buffer.from('HTTP/'))) done({ kind: 'garbage', head: received.subarray(0, 40).toString('latin1') });
          return;
        }
        const line = received.subarray(0, end).toString('latin1');
        const match = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(line);
        if (!match) return done({ kind: 'garbage', head: line.slice(0, 40) });
        const status = Number(match[1]);
        if (status !== 100) return done({ kind: 'status', status });
        const blank = received.indexOf('\r\n\r\n');
        if (blank === -1) return;
        received = received.subarray(blank + 4);
      }
    });
    socket.on('connect', async () => {
      onLocalPort(socket.localPort!);
      const size = Math.ceil(request.bytes.length / request.pieces);
      for (let at = 0; at < request.bytes.length && !socket.destroyed; at += size) {
        socket.write(request.bytes.subarray(at, at + size));
        if (at + size < request.bytes.length) await new Promise((r) => setImmediate(r));
      }
      if (settled || socket.destroyed) return;
      if (request.ending === 'abandon') {
        // Nothing to wait for: what counts is that the server survives it (checked after the batch).
        settled = true;
        clearTimeout(timer);
        socket.resetAndDestroy();
        return resolve({ kind: 'abandoned' });
      }
      if (request.halfClose) socket.end();
    });
  });
}

/** A request on a raw socket, answered or closed (for the regression test). */
function rawUpgrade(port: number, path: string): Promise<Outcome> {
  const lines = [`GET ${path} HTTP/1.1`, `Host: localhost:${port}`, 'Connection: Upgrade', 'Upgrade: websocket', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13'];
  return send(port, { bytes: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), halfClose: false, pieces: 1, ending: 'read', resetAfterStatus: false, label: path });
}

/** Server-side sockets still open, by client port, with the first request line each carried. */
function trackServerSockets(http: Server): Map<Socket, { port: number; what: string }> {
  const open = new Map<Socket, { port: number; what: string }>();
  http.on('connection', (socket: Socket) => {
    open.set(socket, { port: socket.remotePort!, what: 'no request parsed' });
    socket.on('close', () => open.delete(socket));
  });
  for (const event of ['request', 'upgrade', 'connect'] as const) {
    http.on(event, (req: IncomingMessage) => {
      const entry = open.get(req.socket);
      if (entry && entry.what === 'no request parsed') entry.what = `${event}: ${req.method} ${req.url?.slice(0, 80)} ${JSON.stringify(req.headers).slice(0, 200)}`;
    });
  }
  return open;
}

/** A built-client folder, so the pages answer 200 (without one they answer 503 on purpose). */
function clientDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-httpfuzz-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Draftroom</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startFuzzTarget() {
  // Rate limits far above the fuzz's volume, so the handlers behind them are reached too.
  const server = await startServer({ clientDir: clientDir(), createPerMinute: 100_000, joinPerMinute: 100_000 });
  const w = await createWorkshop(server.url, { groupCount: 3 });
  const seat = await joinWorkshop(server.url, w.workshopId, 'Ana');
  const groups = (await server.app.registry.get(w.workshopId, Date.now()))!.state.groups.map((g) => g.id);
  const ids: Ids = { port: Number(new URL(server.url).port), w, groups, seat };
  return { ...server, ids };
}

it(`answers or closes each of ${REQUESTS} odd raw HTTP requests, never a 5xx, and keeps serving`, async () => {
  const logged = captureServerLog();
  const { url, app, ids } = await startFuzzTarget();
  expect(ids.groups.length).toBe(3);
  // Clients connected through the whole fuzz: they must be untouched by it.
  const ana = await connectClient(url, { workshopId: ids.w.workshopId, seatToken: ids.seat.seatToken });
  const anaDoc = await syncedClient(url, ids.w.workshopId, ids.seat.groupId!, ids.seat.seatToken);
  textOf(addObjective(anaDoc.doc, 'before'), 'title').insert(0, 'Written before the fuzz');

  const serverSide = trackServerSockets(app.http);
  const fuzzPorts = new Set<number>();
  const rng = seededRandom(20260719);
  const requests = Array.from({ length: REQUESTS }, (_, i) => fuzzRequest(rng, ids, i));
  const started = Date.now();
  const outcomes: Outcome[] = new Array(REQUESTS);
  for (let batch = 0; batch < REQUESTS; batch += BATCH) {
    let next = batch;
    const end = Math.min(batch + BATCH, REQUESTS);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < end) {
          const i = next++;
          outcomes[i] = await send(ids.port, requests[i]!, (p) => fuzzPorts.add(p));
        }
      }),
    );
    const health = await fetch(`${url}/healthz`);
    expect(health.status, `healthz after requests ${batch}..${end - 1}`).toBe(200);
  }
  const elapsed = Date.now() - started;

  const byStatus = new Map<string, number>();
  const byClass = new Map<string, number>();
  for (const o of outcomes) {
    const key = o.kind === 'status' ? String(o.status) : o.kind;
    byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
    const cls = o.kind === 'status' ? `${String(o.status)[0]}xx` : o.kind;
    byClass.set(cls, (byClass.get(cls) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)));
  console.log(`http fuzz: ${REQUESTS} requests in ${elapsed} ms (${CONCURRENCY} at a time); by class ${JSON.stringify(sorted(byClass))}; by status ${JSON.stringify(sorted(byStatus))}; server log lines ${logged.length}`);

  // A 'close' is Node's answer to a client that half-closes before the response (it aborts the
  // request: the server does not allow half-open HTTP connections); 'abandoned' requests were reset
  // by the client and need no answer, only a server that survives them.
  const failures = outcomes.flatMap((o, i) => (o.kind === 'timeout' || o.kind === 'garbage' || (o.kind === 'status' && o.status >= 500) ? [`${requests[i]!.label} → ${JSON.stringify(o)}`] : []));
  expect(failures.slice(0, 20), `${failures.length} request(s) hung, got garbage or a 5xx`).toEqual([]);
  expect(logged.filter((line) => /uncaught|unhandled/i.test(line)).slice(0, 5)).toEqual([]);
  // Every fuzz connection is closed on the server's side too, once the client has gone: none is
  // left open (and holding a file descriptor) by a handler that answered and forgot it.
  const leftOpen = () => [...serverSide].filter(([, s]) => fuzzPorts.has(s.port)).map(([, s]) => s.what);
  await waitFor(() => leftOpen().length === 0, 'fuzz connections closed on the server', 10_000).catch(() => {
    throw new Error(`${leftOpen().length} connection(s) left open by the server: ${leftOpen().slice(0, 5).join(' | ')}`);
  });
  // Something was exercised on each side of the server: refusals, pages and upgrades.
  expect(byClass.get('4xx') ?? 0).toBeGreaterThan(REQUESTS / 10);
  expect(byClass.get('2xx') ?? 0).toBeGreaterThan(0);
  expect(byStatus.get('101') ?? 0).toBeGreaterThan(0);

  // Everyone else is still served: the clients that were connected all along, and new ones.
  await socketBarrier(ana);
  await docBarrier(anaDoc);
  const ben = await joinWorkshop(url, ids.w.workshopId, 'Ben');
  const benSocket = await connectClient(url, { workshopId: ids.w.workshopId, seatToken: ben.seatToken });
  await socketBarrier(benSocket);
  const facilitatorDoc = await syncedClient(url, ids.w.workshopId, ids.seat.groupId!, ids.w.facilitatorKey);
  expect(readDraft(facilitatorDoc.doc).objectives.find((o) => o.id === 'before')?.title).toBe('Written before the fuzz');
  textOf(addObjective(facilitatorDoc.doc, 'after'), 'title').insert(0, 'Still editable');
  await waitFor(() => sameState(anaDoc.doc, facilitatorDoc.doc) && readDraft(anaDoc.doc).objectives.some((o) => o.id === 'after'), 'converge after the fuzz');
  expect(readDraft(app.yjs.loadedDoc(ids.w.workshopId, ids.seat.groupId!)!.doc).objectives.map((o) => o.id)).toEqual(['before', 'after']);
}, 120_000);

it('answers an upgrade of GET // and GET //x:99999 (no crash) and keeps serving', async () => {
  const logged = captureServerLog();
  const { url, ids } = await startFuzzTarget();
  for (const path of ['//x:99999', '//', '//x:99999/yjs/a/b', '//yjs/a/b']) {
    const outcome = await rawUpgrade(ids.port, path);
    expect(outcome, path).toEqual({ kind: 'status', status: 404 });
  }
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  const doc = await syncedClient(url, ids.w.workshopId, ids.seat.groupId!, ids.seat.seatToken);
  await docBarrier(doc);
  const socket = await connectClient(url, { workshopId: ids.w.workshopId, seatToken: ids.seat.seatToken });
  await socketBarrier(socket);
  expect(logged.filter((line) => /uncaught|unhandled/i.test(line))).toEqual([]);
});

it('survives clients that reset refused upgrades and CONNECTs at once, and leaves no refused socket open', async () => {
  const logged = captureServerLog();
  const { url, app, ids } = await startFuzzTarget();
  const serverSide = trackServerSockets(app.http);
  const ports = new Set<number>();
  const handshake = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13`;
  const heads = [
    `GET /nope HTTP/1.1\r\nHost: localhost\r\n${handshake}\r\n\r\n`,
    `GET /yjs/a/b HTTP/1.1\r\nHost: localhost\r\n${handshake}\r\n\r\n`,
    `GET /yjs/${ids.w.workshopId}/${ids.groups[0]}?token=bogus HTTP/1.1\r\nHost: localhost\r\n${handshake}\r\n\r\n`,
    `GET /yjs/${ids.w.workshopId}/${ids.groups[0]}?token=${ids.seat.seatToken} HTTP/1.1\r\nHost: localhost\r\nOrigin: http://evil.example\r\n${handshake}\r\n\r\n`,
    'CONNECT localhost:1 HTTP/1.1\r\nHost: localhost:1\r\n\r\n',
  ];
  const outcomes: Outcome[] = [];
  for (const head of heads) {
    for (let i = 0; i < 40; i++) {
      // Bytes after the head sit unread in front of the client's FIN on a refused socket.
      const bytes = Buffer.concat([Buffer.from(head), Buffer.alloc(i % 2 ? 300 : 0, 'x')]);
      const ending = i % 4 < 2 ? 'abandon' : 'read';
      outcomes.push(await send(ids.port, { bytes, halfClose: false, pieces: 1, ending, resetAfterStatus: i % 4 === 3, label: head }, (p) => ports.add(p)));
    }
  }
  expect(outcomes.filter((o) => o.kind !== 'abandoned' && o.kind !== 'status')).toEqual([]);
  expect(new Set(outcomes.flatMap((o) => (o.kind === 'status' ? [o.status] : [])))).toEqual(new Set([401, 403, 404, 405]));
  const leftOpen = () => [...serverSide].filter(([, s]) => ports.has(s.port)).map(([, s]) => s.what);
  await waitFor(() => leftOpen().length === 0, 'refused sockets closed').catch(() => {
    throw new Error(`${leftOpen().length} refused socket(s) left open: ${leftOpen().slice(0, 3).join(' | ')}`);
  });
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  await docBarrier(await syncedClient(url, ids.w.workshopId, ids.seat.groupId!, ids.seat.seatToken));
  expect(logged).toEqual([]);
});

it("answers a request middleware refuses (415 charset or encoding, 416 range) with that status, not a logged 500", async () => {
  const logged = captureServerLog();
  const { url, ids } = await startFuzzTarget();
  const json = (headers: Record<string, string>) => fetch(`${url}/api/workshops/${ids.w.workshopId}/join`, { method: 'POST', headers, body: '{"name":"Cleo"}' });
  expect((await json({ 'content-type': 'application/json; charset=bogus' })).status).toBe(415);
  expect((await json({ 'content-type': 'application/json', 'content-encoding': 'bogus' })).status).toBe(415);
  expect((await fetch(`${url}/w/${ids.w.workshopId}`, { headers: { range: 'bytes=9999-99999' } })).status).toBe(416);
  expect(logged).toEqual([]);
});
