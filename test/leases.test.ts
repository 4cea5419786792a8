/**
 * One owner per workshop on PostgreSQL: a node serves a workshop only while it holds its lease;
 * another node answers with the documented retryable refusals; a node that asks gets the workshop
 * by an orderly handover; a paused owner loses the lease, and nothing it writes after waking lands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addKeyResult, addObjective, readDraft, textOf } from '../shared/okrDoc';
import { LEASE_TTL_MS } from '../server/cluster/PgLeases';
import { PG_IDLE_IN_TRANSACTION_MS } from '../server/store/PgStore';
import { connectClient, createWorkshop, joinWorkshop, onCleanup, request, startServer, waitFor } from './helpers';
import { PG_TEST_URL, pgQuery, testSchema } from './pgHelpers';
import { freePort, startProcess } from './serverProcess';
import { docBarrier, docClient, syncedClient } from './yjsHelpers';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';

/** One sample of a node's /metrics. */
async function metric(url: string, name: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

const node = (schema: string, nodeId: string, extra = {}) => startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema, nodeId, ...extra });

/** The connect_error a Socket.IO handshake gets (null: it connected). */
function handshakeRefusal(url: string, auth: Record<string, unknown>): Promise<{ code?: string; retryAfterMs?: number } | null> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, query: socketQuery(String(auth.workshopId)), auth: { protocolVersion: PROTOCOL_VERSION, ...auth } });
  onCleanup(() => void socket.disconnect());
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => resolve(err.data ?? {}));
  });
}

/** The close code a raw /yjs connection gets. */
function yjsClose(url: string, path: string): Promise<number> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
  onCleanup(() => ws.terminate());
  return new Promise((resolve) => {
    ws.once('close', (code) => resolve(code));
    ws.once('error', () => resolve(-1));
  });
}

it('a node that does not hold a workshop refuses it with the retryable answers: REST 503, Socket.IO unavailable, /yjs 4503', async () => {
  const schema = testSchema();
  const a = await node(schema, 'node-a');
  const b = await node(schema, 'node-b');
  const w = await createWorkshop(a.url, { groupCount: 1 });
  const ana = await joinWorkshop(a.url, w.workshopId, 'Ana');

  const rest = await fetch(`${b.url}/api/workshops/${w.workshopId}`);
  expect(rest.status).toBe(503);
  expect(rest.headers.get('retry-after')).toBe('1');
  expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('unavailable');
  const join = await fetch(`${b.url}/api/workshops/${w.workshopId}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ben"}' });
  expect(join.status).toBe(503);
  expect(await handshakeRefusal(b.url, { workshopId: w.workshopId, seatToken: ana.seatToken })).toEqual({ code: 'unavailable', retryAfterMs: 1000 });
  expect(await yjsClose(b.url, `/yjs/${w.workshopId}/${ana.groupId}?token=${ana.seatToken}`)).toBe(4503);
  // Unknown workshops are still unknown (no lease row is made for them).
  expect((await fetch(`${b.url}/api/workshops/nope-nope-nope`)).status).toBe(404);
  expect(await pgQuery(schema, 'SELECT workshop_id, node_id FROM leases')).toEqual([{ workshop_id: w.workshopId, node_id: 'node-a' }]);
  // Node A goes on serving it.
  expect((await joinWorkshop(a.url, w.workshopId, 'Cy')).name).toBe('Cy');
  // Counted for the operator: B refused (four times), A holds one workshop.
  expect(await metric(b.url, 'draftroom_lease_refusals_total')).toBe(4);
  expect(await metric(a.url, 'draftroom_workshops_owned')).toBe(1);
});

it('hands a workshop over to the node that asks for it, once held long enough: commit, release, retry codes; nothing lost', async () => {
  const schema = testSchema();
  const a = await node(schema, 'node-a', { handoverMinHoldMs: 1500 });
  const b = await node(schema, 'node-b', { handoverMinHoldMs: 1500 });
  const w = await createWorkshop(a.url, { groupCount: 1 });
  const ana = await joinWorkshop(a.url, w.workshopId, 'Ana');
  const fac = await connectClient(a.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  expect((await request(fac, 'comment:add', { groupId: ana.groupId, itemId: null, text: 'Acknowledged on A' })).ok).toBe(true);
  const onA = await syncedClient(a.url, w.workshopId, ana.groupId!, ana.seatToken);
  const kr = addKeyResult(addObjective(onA.doc, 'o1'), 'k1');
  textOf(kr, 'text').insert(0, 'Typed on A');
  await docBarrier(onA);
  const facClosed = new Promise<string>((resolve) => fac.once('disconnect', (reason) => resolve(reason)));

  // B is asked (HAProxy would now send the workshop's clients there): refused, and A is asked to hand over.
  expect((await fetch(`${b.url}/api/workshops/${w.workshopId}`)).status).toBe(503);
  // A hands over after holding it 1.5 s: its connections close with the codes the clients retry.
  expect(await facClosed).toBe('transport close');
  await waitFor(() => onA.closes.includes(4503), 'the /yjs connection closed with 4503', 10_000);
  onA.provider.disconnect();
  // B takes it, with everything A acknowledged and accepted.
  const info = await waitFor(async () => {
    const res = await fetch(`${b.url}/api/workshops/${w.workshopId}`);
    return res.status === 200 ? ((await res.json()) as { title: string }) : null;
  }, 'B serves it', 10_000);
  expect(info.title).toBeTruthy();
  const onB = await syncedClient(b.url, w.workshopId, ana.groupId!, ana.seatToken);
  expect(readDraft(onB.doc).objectives[0]!.keyResults[0]!.text).toBe('Typed on A');
  const facB = await connectClient(b.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const comments = await request<Array<{ text: string }>>(facB, 'comments:list', { groupId: ana.groupId });
  expect(comments.ok && comments.data.map((c) => c.text)).toEqual(['Acknowledged on A']);
  const [lease] = await pgQuery<{ node_id: string; epoch: string }>(schema, 'SELECT node_id, epoch FROM leases');
  // Epochs: 1 while creating (the creating node lets it go at once), 2 on A's first request, 3 on B.
  expect(lease).toEqual({ node_id: 'node-b', epoch: '3' });
});

it('a paused owner (SIGSTOP) loses the lease to another node; after SIGCONT nothing it writes lands, and it lets the workshop go', async () => {
  const schema = testSchema();
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-paused-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const env = { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema, NODE_ID: 'paused' };
  const child = await startProcess(port, dir, [], env);
  onCleanup(() => void child.kill('SIGCONT'));
  const a = `http://127.0.0.1:${port}`;
  const b = await node(schema, 'survivor');
  const w = await createWorkshop(a, { groupCount: 1 });
  const ana = await joinWorkshop(a, w.workshopId, 'Ana');
  const fac = await connectClient(a, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const facGone = new Promise<void>((resolve) => fac.once('disconnect', () => resolve()));

  // An edit that only the paused node holds (its author vanishes with it, so nobody resends it):
  // accepted, relayed, and waiting for the group commit when the process stops.
  const lone = docClient(a, w.workshopId, ana.groupId!, ana.seatToken);
  await waitFor(() => lone.provider.synced, 'sync');
  textOf(addKeyResult(addObjective(lone.doc, 'o1'), 'k1'), 'text').insert(0, 'Only the paused node has this');
  await docBarrier(lone);
  child.kill('SIGSTOP');
  const stoppedAt = Date.now();
  lone.provider.destroy();

  // Another node takes the workshop within 5 s (sampled every 100 ms); the lease table names one holder at a time.
  let takenAt = 0;
  const holders = new Set<string>();
  while (Date.now() - stoppedAt < 8000) {
    const rows = await pgQuery<{ node_id: string; live: boolean }>(schema, 'SELECT node_id, expires_at > clock_timestamp() AS live FROM leases');
    expect(rows.filter((r) => r.live).length).toBeLessThanOrEqual(1);
    for (const r of rows) if (r.live) holders.add(r.node_id);
    if ((await fetch(`${b.url}/api/workshops/${w.workshopId}`)).status === 200) {
      takenAt = Date.now();
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(takenAt).toBeGreaterThan(0);
  expect(takenAt - stoppedAt).toBeLessThanOrEqual(LEASE_TTL_MS + 1000);
  // B accepts writes meanwhile.
  expect((await joinWorkshop(b.url, w.workshopId, 'Ben')).name).toBe('Ben');
  const stoppedFor = 6000 - (Date.now() - stoppedAt);
  if (stoppedFor > 0) await new Promise((r) => setTimeout(r, stoppedFor));

  child.kill('SIGCONT');
  // It wakes, finds its lease gone, closes its sockets and lets the workshop go.
  await facGone;
  await waitFor(async () => ((await (await fetch(`${a}/healthz`)).json()) as { workshopsLoaded: number }).workshopsLoaded === 0, 'the paused node let it go');
  // Woken, it accepts no write for the workshop: a join sent to it directly is refused (retry elsewhere).
  const refused = await fetch(`${a}/api/workshops/${w.workshopId}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Late"}' });
  expect(refused.status).toBe(503);
  // Its pending group commit never landed: the text it alone held is in no stored row.
  await new Promise((r) => setTimeout(r, 2500));
  const rows = await pgQuery<{ data: Buffer }>(schema, 'SELECT data FROM doc_updates');
  const stored = new Y.Doc();
  for (const r of rows) Y.applyUpdate(stored, new Uint8Array(r.data));
  expect(JSON.stringify(readDraft(stored))).not.toContain('Only the paused node has this');
  // And the survivor still holds it, with Ben's join.
  expect(holders).not.toContain(undefined);
  const [lease] = await pgQuery<{ node_id: string }>(schema, 'SELECT node_id FROM leases');
  expect(lease!.node_id).toBe('survivor');
  expect(b.app.registry.inMemory(w.workshopId)!.state.participants.map((p) => p.name)).toEqual(['Ana', 'Ben']);
  expect(await metric(b.url, 'draftroom_lease_takeovers_total')).toBe(1);
  expect(await metric(a, 'draftroom_leases_lost_total')).toBe(1);
}, 40_000);

it("a node frozen in the middle of a write does not hold its workshop's lease row forever: PostgreSQL ends the idle transaction", async () => {
  const schema = testSchema();
  const a = await node(schema, 'frozen-mid-write');
  const w = await createWorkshop(a.url, { groupCount: 1 });
  await joinWorkshop(a.url, w.workshopId, 'Ana');
  // A write that stops between its statements, as a process frozen there would: its transaction
  // holds the lease row's lock (FOR SHARE) and sends nothing more.
  const store = a.app.store as unknown as { putParticipants: (client: { once(e: 'error', f: (e: Error) => void): void }) => Promise<void> };
  store.putParticipants = (client) => new Promise<void>((_resolve, reject) => client.once('error', reject));
  const stuck = joinWorkshop(a.url, w.workshopId, 'Ben').then(
    () => 'joined',
    () => 'failed',
  );
  await new Promise((r) => setTimeout(r, 300));
  // Another node's takeover has to update that row: it waits for the lock, and gets it once
  // PostgreSQL has ended the frozen session (PG_IDLE_IN_TRANSACTION_MS), not never.
  const started = Date.now();
  await pgQuery(schema, 'UPDATE leases SET expires_at = clock_timestamp() WHERE workshop_id = $1', [w.workshopId]);
  const waited = Date.now() - started;
  expect(waited).toBeLessThan(PG_IDLE_IN_TRANSACTION_MS + 5000);
  // The frozen write never landed (it is answered as failed: nothing changed).
  expect(await stuck).toBe('failed');
}, 30_000);
