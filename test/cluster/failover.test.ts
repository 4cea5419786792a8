/**
 * Three real nodes on one PostgreSQL behind the real HAProxy (deploy/haproxy.cfg), stock clients
 * going through it: kill -9 of a workshop's owner while five participants type, and a rolling
 * restart of every node while they type, lose nothing — every client converges on one draft with
 * every edit, and joins and comments acknowledged before are there.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addKeyResult, addObjective, readDraft, textOf } from '../../shared/okrDoc';
import { connectClient, latest, post, request, waitFor, type Created, type Joined } from '../helpers';
import { PG_TEST_URL, testSchema } from '../pgHelpers';
import { docClient, sameState, type DocClient } from '../yjsHelpers';
import { startCluster, type Cluster } from './harness';
import { viaRest } from './probes';

const TYPISTS = 5;

async function cluster(): Promise<Cluster> {
  const schema = testSchema();
  return startCluster({
    env: { DATABASE_URL: PG_TEST_URL, DATABASE_SCHEMA: schema, RATE_CREATE_PER_MINUTE: '1000', DRAIN_DELAY_MS: '2500', HANDOVER_MIN_HOLD_MS: '3000' },
    haproxyEnv: { DRAFTROOM_SLOWSTART: '1s' },
  });
}

/** Five participants in one group, each with their own key result, connected through HAProxy. */
async function typists(c: Cluster, w: Created): Promise<Array<{ joined: Joined; client: DocClient; typed: string; text: Y.Text }>> {
  const people = [];
  for (let i = 0; i < TYPISTS; i++) {
    const joined = await post<Joined>(`${c.url}/api/workshops/${w.workshopId}/join`, { name: `Typist ${i}` });
    expect(joined.status).toBe(201);
    people.push(joined.body);
  }
  const group = people[0]!.groupId!;
  const out = [];
  for (const [i, joined] of people.entries()) {
    const client = docClient(c.url, w.workshopId, group, joined.seatToken);
    await waitFor(() => client.provider.synced, `typist ${i} synced`, 15_000);
    let text!: Y.Text;
    client.doc.transact(() => {
      text = textOf(addKeyResult(addObjective(client.doc, `o${i}`), `k${i}`), 'text');
    });
    out.push({ joined, client, typed: '', text });
  }
  return out;
}

/** Everyone types a character every 60 ms, whatever the connection is doing, until stopped. */
function keepTyping(people: Array<{ typed: string; text: Y.Text }>): () => void {
  let n = 0;
  const timer = setInterval(() => {
    for (const p of people) {
      const ch = String.fromCharCode(97 + (n % 26));
      p.text.insert(p.text.length, ch);
      p.typed += ch;
    }
    n++;
  }, 60);
  return () => clearInterval(timer);
}

/** Every client holds the same document, and it has every character anyone typed. */
async function converged(people: Array<{ client: DocClient; typed: string }>, what: string, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  await waitFor(
    () => people.every((p) => p.client.provider.synced && p.client.provider.wsconnected) && sameState(...people.map((p) => p.client.doc)),
    what,
    timeoutMs,
  ).catch((error: unknown) => {
    const clients = people.map((p) => ({ synced: p.client.provider.synced, connected: p.client.provider.wsconnected, closes: p.client.closes.slice(-6) }));
    throw new Error(`${String(error)}; clients: ${JSON.stringify(clients)}`);
  });
  const draft = readDraft(people[0]!.client.doc);
  const texts = draft.objectives.flatMap((o) => o.keyResults.map((k) => k.text)).sort();
  expect(texts).toEqual(people.map((p) => p.typed).sort());
  return Date.now() - started;
}

/** A workshop whose id hashes to a node other than `avoid` (so two workshops land on different nodes). */
async function createOn(c: Cluster, avoid?: string): Promise<{ w: Created; owner: string }> {
  for (let i = 0; i < 30; i++) {
    const created = await post<Created>(`${c.url}/api/workshops`, { title: 'Cluster', groupCount: 1 });
    expect(created.status).toBe(201);
    const owner = await viaRest(c, created.body.workshopId);
    if (owner !== avoid) return { w: created.body, owner };
  }
  throw new Error('no workshop landed on another node');
}

it('kill -9 of the owner while five type: clients reconnect through HAProxy, converge on every edit, and acknowledged joins and comments are kept', async () => {
  const c = await cluster();
  const { w, owner } = await createOn(c);
  const { w: other, owner: otherOwner } = await createOn(c, owner);
  expect(otherOwner).not.toBe(owner);
  const people = await typists(c, w);
  const fac = await connectClient(c.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  expect((await request(fac, 'comment:add', { groupId: people[0]!.joined.groupId, itemId: null, text: 'Said before the kill' })).ok).toBe(true);
  const late = await post<Joined>(`${c.url}/api/workshops/${w.workshopId}/join`, { name: 'Joined before the kill' });
  expect(late.status).toBe(201);
  const stop = keepTyping(people);
  await new Promise((r) => setTimeout(r, 1500));

  const victim = c.nodes.find((n) => n.name === owner)!;
  const killedAt = Date.now();
  await c.kill(victim);
  // They go on typing through the outage: what they type waits in their documents.
  await new Promise((r) => setTimeout(r, 2000));
  stop();
  const syncedIn = await converged(people, 'every client synced again after the kill', 30_000);
  const recovered = Date.now() - killedAt;
  console.log(`failover: owner ${owner} killed; every client synced again ${recovered} ms after the kill (${syncedIn} ms after typing stopped)`);
  const newOwner = await viaRest(c, w.workshopId);
  expect(newOwner).not.toBe(owner);

  // Acknowledged before the kill: both joins and the comment.
  fac.disconnect();
  const again = await waitFor(() => connectClient(c.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey }).catch(() => null), 'facilitator back', 15_000);
  const comments = await request<Array<{ text: string }>>(again, 'comments:list', { groupId: people[0]!.joined.groupId });
  expect(comments.ok && comments.data.map((x) => x.text)).toEqual(['Said before the kill']);
  const state = await waitFor(() => latest(again, 'facilitator:state').value, 'console state');
  expect(state.participants.map((p) => p.name).sort()).toEqual([...people.map((p) => p.joined.name), 'Joined before the kill'].sort());
  // The other workshop, on a survivor, never noticed.
  expect(await viaRest(c, other.workshopId)).toBe(otherOwner);
}, 120_000);

it('a rolling restart of all three nodes while five type loses nothing', async () => {
  const c = await cluster();
  const { w } = await createOn(c);
  const people = await typists(c, w);
  const fac = await connectClient(c.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  expect((await request(fac, 'comment:add', { groupId: people[0]!.joined.groupId, itemId: null, text: 'Before the deploy' })).ok).toBe(true);
  fac.disconnect();
  const stop = keepTyping(people);
  for (const node of c.nodes) {
    const code = await c.stop(node);
    expect(code).toBe(0);
    await c.waitFor(node, 'DOWN', 15_000);
    await c.restart(node);
    await c.waitFor(node, 'UP', 20_000);
  }
  await new Promise((r) => setTimeout(r, 1000));
  stop();
  await converged(people, 'every client synced after the rolling restart', 40_000);
  const facAgain = await waitFor(() => connectClient(c.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey }).catch(() => null), 'facilitator back', 20_000);
  const comments = await request<Array<{ text: string }>>(facAgain, 'comments:list', { groupId: people[0]!.joined.groupId });
  expect(comments.ok && comments.data.map((x) => x.text)).toEqual(['Before the deploy']);
}, 180_000);
