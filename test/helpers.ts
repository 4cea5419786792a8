/** Integration-test helpers: a real server on port 0 and real socket.io clients. */
import type Database from 'better-sqlite3';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, vi } from 'vitest';
import { pollUntil } from '../bench/deadline';
import { createApp, type App } from '../server/app';
import { defaultConfig, type Config } from '../server/config';
import type { SqliteStore } from '../server/store/SqliteStore';
import type { StoredDoc } from '../server/store/types';
import type { WorkshopRoom } from '../server/rooms/WorkshopRoom';
import { PROTOCOL_VERSION, socketQuery, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol';
import type { Result } from '../shared/result';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: App;
  url: string;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Runs (now) every cleanup registered since `mark` (from `cleanupMark()`), so a long test can drop its clients. */
export async function flushCleanupsSince(mark: number): Promise<void> {
  while (cleanups.length > mark) await cleanups.pop()!();
}

export const cleanupMark = (): number => cleanups.length;

/** Runs `fn` after the current test. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/**
 * What the servers of this test process log as warnings and errors (JSON lines on stderr, see
 * server/log.ts), kept instead of printed, until the test ends.
 */
export function captureServerLog(): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write);
  onCleanup(() => spy.mockRestore());
  return lines;
}

/** The JSON log lines among captured output (written in chunks; other lines skipped). */
export function parseLog<T = Record<string, unknown>>(chunks: readonly string[]): T[] {
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as T);
}

/** The store's own SQLite connection, to look at its tables. */
export const storeDb = (store: SqliteStore | App['store']) => (store as unknown as { db: Database.Database }).db;

export async function startServer(overrides: Partial<Config> = {}): Promise<TestServer> {
  const app = createApp(defaultConfig({ broadcastIntervalMs: 10, ...overrides }));
  const url = await app.listen();
  onCleanup(() => app.close());
  return { app, url };
}

export interface Created {
  workshopId: string;
  joinUrl: string;
  facilitatorUrl: string;
  facilitatorKey: string;
}

export async function post<T>(url: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function createWorkshop(url: string, body: Record<string, unknown> = {}): Promise<Created> {
  const res = await post<Created>(`${url}/api/workshops`, { title: 'Q3 planning', groupCount: 3, ...body });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Joined {
  participantId: string;
  name: string;
  seatToken: string;
  seatUrl: string;
  groupId: string | null;
}

export async function joinWorkshop(url: string, workshopId: string, name: string): Promise<Joined> {
  const res = await post<Joined>(`${url}/api/workshops/${workshopId}/join`, { name });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A connected socket.io client; rejects with the server's refusal code. */
export function connectClient(
  url: string,
  auth: { workshopId: string; seatToken?: string; facilitatorKey?: string; protocolVersion?: number },
): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    // As the client does; a test of the query itself passes `workshopId` unset or another one here.
    query: typeof auth.workshopId === 'string' ? socketQuery(auth.workshopId) : {},
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
  });
  onCleanup(() => {
    socket.disconnect();
  });
  // Record every event from the start: initial views arrive together with the connection.
  const seen = new Map<string, unknown>();
  latestValues.set(socket, seen);
  socket.onAny((event: string, value: unknown) => seen.set(event, value));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      reject(Object.assign(new Error(err.message), { code: err.data?.code })),
    );
  });
}

/** Emits with an acknowledgement and resolves with the Result. */
export function request<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Result<T>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: Result<T>) => void) => void)(event, payload, resolve);
  });
}

const latestValues = new WeakMap<ClientSocket, Map<string, unknown>>();

/** The latest value the socket received for an event, since it connected. */
export function latest<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
): { readonly value: Parameters<ServerToClientEvents[E]>[0] | undefined } {
  const seen = latestValues.get(socket)!;
  return {
    get value() {
      return seen.get(event) as Parameters<ServerToClientEvents[E]>[0] | undefined;
    },
  };
}

/** Polls until `check` returns a truthy value (or throws on timeout): the benchmark's pollUntil. */
export function waitFor<T>(check: () => T | Promise<T>, what = 'condition', timeoutMs = 5000): Promise<NonNullable<T>> {
  return pollUntil(check, what, timeoutMs);
}

/**
 * A round trip on one Socket.IO connection: `clock:now`, answered after the server has handled
 * everything this socket sent before it (Socket.IO keeps a socket's packets in order, and the
 * handlers are synchronous). What the server emitted to this socket before answering has arrived
 * by then too: use it before asserting that something was *not* received or done.
 */
export async function socketBarrier(socket: ClientSocket): Promise<void> {
  const answer = await request<{ now: number }>(socket, 'clock:now', {});
  if (!answer.ok) throw new Error(`clock:now refused: ${JSON.stringify(answer.error)}`);
}

/** Ids of every workshop row in the store (every one was last active before the end of time). */
export async function storedWorkshopIds(app: App): Promise<string[]> {
  return (await app.store.expiredWorkshops(Number.MAX_SAFE_INTEGER)).sort();
}

/** A workshop's room in memory (a test that connected to it has loaded it). */
export function roomIn(app: App, workshopId: string): WorkshopRoom {
  const room = app.registry.inMemory(workshopId);
  if (!room) throw new Error(`workshop ${workshopId} is not in memory`);
  return room;
}

/** What the store holds of a group document (its updates, and when it last changed). */
export async function storedDoc(app: App, workshopId: string, groupId: string): Promise<StoredDoc> {
  return (await app.store.loadWorkshop(workshopId))?.docs.get(groupId) ?? { rows: [], lastEdit: null };
}
