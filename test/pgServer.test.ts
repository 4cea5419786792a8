/**
 * The whole server on PostgreSQL (DATABASE_URL): a workshop runs, survives a restart, and a
 * PostgreSQL that goes away mid-workshop costs nothing acknowledged; one that cannot be reached at
 * start is a clear error and a non-zero exit.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { addKeyResult, addObjective, readDraft, textOf } from '../shared/okrDoc';
import { faultProxy } from './faultProxy';
import { captureServerLog, connectClient, latest, createWorkshop, joinWorkshop, post, request, startServer, waitFor } from './helpers';
import { PG_TEST_URL, pgQuery, testSchema } from './pgHelpers';
import { docBarrier, syncedClient } from './yjsHelpers';

const pgUrlVia = (port: number) => {
  const u = new URL(PG_TEST_URL);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  return u.toString();
};

it('runs a workshop on PostgreSQL, and a restarted server serves all of it from there', async () => {
  const schema = testSchema();
  const first = await startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema });
  const w = await createWorkshop(first.url, { title: 'On Postgres', groupCount: 2 });
  const ana = await joinWorkshop(first.url, w.workshopId, 'Ana');
  const fac = await connectClient(first.url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  expect((await request(fac, 'comment:add', { groupId: ana.groupId, itemId: null, text: 'Nice start' })).ok).toBe(true);
  expect((await request(fac, 'phase:set', { phase: 'breakouts' })).ok).toBe(true);
  const a = await syncedClient(first.url, w.workshopId, ana.groupId!, ana.seatToken);
  textOf(addKeyResult(addObjective(a.doc, 'o1'), 'k1'), 'text').insert(0, 'Raise NPS from 20 to 35');
  await docBarrier(a);
  // In PostgreSQL's tables, by the store's own contract.
  expect(await pgQuery(schema, 'SELECT count(*)::int AS n FROM seats')).toEqual([{ n: 1 }]);
  a.provider.destroy();
  fac.disconnect();
  await first.app.close();

  const second = await startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema });
  const again = await connectClient(second.url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const comments = await request<Array<{ text: string }>>(again, 'comments:list', { groupId: ana.groupId });
  expect(comments.ok && comments.data.map((c) => c.text)).toEqual(['Nice start']);
  const b = await syncedClient(second.url, w.workshopId, ana.groupId!, ana.seatToken);
  expect(readDraft(b.doc).objectives[0]!.keyResults[0]!.text).toBe('Raise NPS from 20 to 35');
  const info = (await (await fetch(`${second.url}/api/workshops/${w.workshopId}`)).json()) as { phase: string };
  expect(info.phase).toBe('breakouts');
  b.provider.destroy();
});

it('PostgreSQL lost mid-workshop: writes answer internal with a retry hint and change nothing; typing goes on; all is saved once it is back', async () => {
  const schema = testSchema();
  const pgPort = Number(new URL(PG_TEST_URL).port || 5432);
  const proxy = await faultProxy(new URL(PG_TEST_URL).hostname, pgPort);
  const { url, app } = await startServer({ databaseUrl: pgUrlVia(proxy.port), databaseSchema: schema });
  const w = await createWorkshop(url, { title: 'Outage', groupCount: 1 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const saving: boolean[] = [];
  fac.on('server:saving', ({ paused }) => saving.push(paused));
  const a = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const kr = addKeyResult(addObjective(a.doc, 'o1'), 'k1');
  textOf(kr, 'text').insert(0, 'Before the outage');
  await docBarrier(a);
  await app.store.commitPending();

  const logged = captureServerLog();
  {
    proxy.cut();
    // A join and a comment are refused as retryable, and change nothing.
    const join = await post<{ error: { code: string } }>(`${url}/api/workshops/${w.workshopId}/join`, { name: 'Ben' });
    expect(join.status).toBe(500);
    expect(join.body.error.code).toBe('internal');
    const refused = await fetch(`${url}/api/workshops/${w.workshopId}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Cy"}' });
    expect(refused.headers.get('retry-after')).toBe('2');
    const comment = await request(fac, 'comment:add', { groupId: ana.groupId, itemId: null, text: 'During the outage' });
    expect(!comment.ok && comment.error.code).toBe('internal');
    const state = await waitFor(() => app.registry.inMemory(w.workshopId), 'room');
    expect(state.state.participants.map((p) => p.name)).toEqual(['Ana']);
    expect(state.comments).toEqual([]);
    // Typing goes on: the document's updates wait for the store.
    textOf(kr, 'text').insert(textOf(kr, 'text').length, ', and during it');
    await docBarrier(a);
    await app.store.commitPending();
    expect(logged.some((l) => l.includes('could not commit document updates'))).toBe(true);
    // Every screen is told: saving paused.
    await waitFor(() => saving.at(-1) === true, 'server:saving paused');
    // One that connects meanwhile hears it at once (a facilitator: checked in memory; a seat needs the store).
    const late = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
    expect(await waitFor(() => latest(late, 'server:saving').value, 'told on connect')).toEqual({ paused: true });
  }

  proxy.restore();
  await waitFor(() => saving.at(-1) === false, 'server:saving resumed', 10_000);
  // Back: requests succeed again, and the updates kept meanwhile are committed.
  expect((await joinWorkshop(url, w.workshopId, 'Ben')).name).toBe('Ben');
  expect((await request(fac, 'comment:add', { groupId: ana.groupId, itemId: null, text: 'After the outage' })).ok).toBe(true);
  await app.store.commitPending();
  const rows = await pgQuery<{ data: Buffer }>(schema, 'SELECT data, parts FROM doc_updates ORDER BY seq');
  expect(rows.length).toBeGreaterThan(0);
  await app.close();
  a.provider.destroy();
  const restarted = await startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema });
  const b = await syncedClient(restarted.url, w.workshopId, ana.groupId!, ana.seatToken);
  expect(readDraft(b.doc).objectives[0]!.keyResults[0]!.text).toBe('Before the outage, and during it');
  const room = restarted.app.registry.inMemory(w.workshopId)!;
  expect(room.state.participants.map((p) => p.name)).toEqual(['Ana', 'Ben']);
  expect(room.comments.map((c) => c.text)).toEqual(['After the outage']);
  b.provider.destroy();
});

it('DATABASE_URL that cannot be reached: a clear error and a non-zero exit, not a hang', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none', CLIENT_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
  child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).not.toBe(0);
  expect(stderr).toContain('Draftroom could not start: cannot reach PostgreSQL at postgres://nobody:***@127.0.0.1:1/none');
  expect(stderr).not.toContain('secret');
  expect(stdout).not.toContain('running at');
}, 30_000);

it('applies its migrations once, records the version, and refuses a schema from a newer build', async () => {
  const schema = testSchema();
  const first = await startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema });
  await first.app.close();
  const second = await startServer({ databaseUrl: PG_TEST_URL, databaseSchema: schema });
  await second.app.close();
  const versions = await pgQuery<{ version: number }>(schema, 'SELECT version FROM schema_migrations ORDER BY version');
  expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
  await pgQuery(schema, 'INSERT INTO schema_migrations (version) VALUES (999)');
  const { createApp } = await import('../server/app');
  const { defaultConfig } = await import('../server/config');
  const newer = createApp(defaultConfig({ databaseUrl: PG_TEST_URL, databaseSchema: schema }));
  await expect(newer.listen()).rejects.toThrow(/newer Draftroom \(schema version 999/);
  await newer.close();
});
