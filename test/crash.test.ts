/** kill -9 of a real server process mid-workshop: everything acknowledged is back after a restart. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Comment } from '../shared/comments';
import { addKeyResult, addObjective, objectivesOf, readDraft, textOf } from '../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, onCleanup, request, waitFor } from './helpers';
import { freePort, startProcess } from './serverProcess';
import { docClient, sameState } from './yjsHelpers';

it('loses nothing acknowledged when the server is killed with SIGKILL and restarted', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'draftroom-crash-'));
  onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server = await startProcess(port, dataDir);

  const w = await createWorkshop(url, { groupCount: 1 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const ben = await joinWorkshop(url, w.workshopId, 'Ben');
  const a = docClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const b = docClient(url, w.workshopId, ana.groupId!, ben.seatToken);
  await waitFor(() => a.provider.synced && b.provider.synced, 'synced');
  const o = addObjective(a.doc, 'o1');
  textOf(o, 'title').insert(0, 'Customers love onboarding');
  textOf(addKeyResult(o, 'k1'), 'text').insert(0, 'Raise NPS from 30 to 45');
  // Ben received it, so the server had accepted it (stored with the next group commit, or resent by
  // the clients after the restart: a kill -9 may drop the last second).
  await waitFor(() => sameState(a.doc, b.doc) && readDraft(b.doc).objectives[0]?.keyResults.length === 1, 'acknowledged');
  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const posted = await request<Comment>(fac, 'comment:add', { groupId: ana.groupId, itemId: 'k1', text: 'What is X?' });
  expect(posted.ok).toBe(true);
  expect(await request(fac, 'phase:set', { phase: 'breakouts' })).toMatchObject({ ok: true });
  expect(await request(fac, 'timer:control', { action: 'set', ms: 600_000 })).toMatchObject({ ok: true });
  fac.disconnect();

  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  // While the server is down, Ana keeps typing (offline edits).
  textOf(objectivesOf(a.doc).get(0), 'why').insert(0, 'Typed while the server was down');

  server = await startProcess(port, dataDir);
  // Providers reconnect on their own; the offline edit merges.
  await waitFor(() => sameState(a.doc, b.doc) && readDraft(b.doc).objectives[0]?.why === 'Typed while the server was down', 'reconnected and merged', 15_000);
  const c = docClient(url, w.workshopId, ana.groupId!, ben.seatToken);
  await waitFor(() => c.provider.synced && sameState(a.doc, c.doc), 'fresh client has everything', 10_000);
  expect(readDraft(c.doc).objectives[0]).toMatchObject({ title: 'Customers love onboarding', why: 'Typed while the server was down' });
  const fac2 = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const comments = await request<Comment[]>(fac2, 'comments:list', { groupId: ana.groupId });
  expect(comments.ok && comments.data.map((x) => x.text)).toEqual(['What is X?']);
  const seat = await connectClient(url, { workshopId: w.workshopId, seatToken: ben.seatToken });
  expect(seat.connected).toBe(true);
  const info = (await (await fetch(`${url}/api/workshops/${w.workshopId}`)).json()) as { phase: string };
  expect(info.phase).toBe('breakouts');
}, 90_000);
