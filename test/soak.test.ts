/**
 * A workshop as it really runs for a while: three people, each alone in a group, typing for two
 * minutes through the stock y-websocket client with its default timeouts (it reconnects when it has
 * heard nothing for 30 s), against a real server process on an on-disk store. Before the server's
 * keepalive, each lone client reconnected every ~33 s, and each time its document was unloaded and
 * compacted while the writer thread committed: SQLITE_BUSY ended the process within 35–100 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addObjective, objectivesOf, readDraft, textOf } from '../shared/okrDoc';
import { createWorkshop, joinWorkshop, onCleanup, waitFor } from './helpers';
import { freePort, startProcess } from './serverProcess';
import { sameState, syncedClient } from './yjsHelpers';

const TYPING_MS = Number(process.env.SOAK_TYPING_MS ?? 125_000);
const KEYSTROKE_MS = 300;

it(`keeps three lone typists connected for ${Math.round(TYPING_MS / 1000)} s and stores every edit`, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-soak-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const errors: string[] = [];
  let server = await startProcess(port, dataDir, errors);

  const w = await createWorkshop(url, { groupCount: 3 });
  const people = await Promise.all(['Ana', 'Ben', 'Cy'].map((name) => joinWorkshop(url, w.workshopId, name)));
  // Auto assignment puts each newcomer in the emptiest group: everyone is alone.
  expect(new Set(people.map((p) => p.groupId)).size).toBe(3);

  const typists = people.map((p) => {
    const doc = new Y.Doc();
    // The stock provider with its own timeouts and backoff; only the WebSocket class is Node's.
    const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, `${w.workshopId}/${p.groupId}`, doc, {
      params: { token: p.seatToken },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    let connects = 0;
    provider.on('status', ({ status }) => {
      if (status === 'connected') connects++;
    });
    onCleanup(() => {
      provider.destroy();
      doc.destroy();
    });
    return { p, doc, provider, connects: () => connects, typed: '' };
  });
  await waitFor(() => typists.every((t) => t.provider.synced), 'synced', 10_000);
  for (const t of typists) textOf(addObjective(t.doc, 'o1'), 'title');

  const start = Date.now();
  while (Date.now() - start < TYPING_MS) {
    for (const t of typists) {
      const ch = String.fromCharCode(97 + (t.typed.length % 26));
      textOf(objectivesOf(t.doc).get(0), 'title').insert(t.typed.length, ch);
      t.typed += ch;
    }
    await new Promise((r) => setTimeout(r, KEYSTROKE_MS));
  }

  expect(server.exitCode).toBeNull();
  // One connection each for the whole session: nobody was dropped for silence.
  expect(typists.map((t) => t.connects())).toEqual([1, 1, 1]);
  // Everything typed reached the server: a fresh client of each group sees it.
  for (const t of typists) {
    const check = await syncedClient(url, w.workshopId, t.p.groupId!, t.p.seatToken);
    await waitFor(() => sameState(check.doc, t.doc), `${t.p.name}'s edits on the server`, 10_000);
    check.provider.destroy();
  }
  for (const t of typists) t.provider.destroy();

  // And they are stored: after a restart, each draft is exactly what its typist typed.
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  server = await startProcess(port, dataDir, errors);
  for (const t of typists) {
    const fresh = await syncedClient(url, w.workshopId, t.p.groupId!, t.p.seatToken);
    expect(readDraft(fresh.doc).objectives[0]?.title).toBe(t.typed);
  }
  expect(typists[0]!.typed.length).toBeGreaterThan(TYPING_MS / KEYSTROKE_MS / 2);
  expect(errors.join('')).not.toMatch(/error|uncaught|unhandled/i);
}, TYPING_MS + 90_000);
