import { expect, it } from 'vitest';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import type { RadarSummary } from '../shared/views';
import { connectClient, createWorkshop, joinWorkshop, latest, post, request, startServer, waitFor } from './helpers';
import { syncedClient } from './yjsHelpers';

it('OKR rules are set at creation, edited later, seen by everyone, and drive the radar flags', async () => {
  const { url } = await startServer({ radarIntervalMs: 50 });
  const bad = await post<{ error: { field: string } }>(`${url}/api/workshops`, { title: 'x', rules: { minKeyResults: 6, maxKeyResults: 3 } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.field).toBe('rules.minKeyResults');
  const w = await createWorkshop(url, { groupCount: 1, rules: { maxObjectives: 2, cycle: 'Q3 2027', allowMilestones: true } });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  const socket = await connectClient(url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  const meta = latest(socket, 'workshop:meta');
  await waitFor(() => meta.value, 'meta');
  expect(meta.value!.rules).toMatchObject({ maxObjectives: 2, cycle: 'Q3 2027', allowMilestones: true, requireBaseline: true });

  const fac = await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const summaries: RadarSummary[] = [];
  fac.on('radar:summaries', (batch) => summaries.push(...batch));
  const doc = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const o = addObjective(doc.doc, 'o1');
  textOf(o, 'title').insert(0, 'Customers love onboarding');
  textOf(addKeyResult(o, 'k1'), 'text').insert(0, 'Launch a new onboarding email campaign');
  textOf(addKeyResult(o, 'k2'), 'text').insert(0, 'Increase activation by 20%');
  await waitFor(() => summaries.at(-1)?.flags['kr-output']?.includes('k1') && summaries.at(-1)?.flags['kr-no-baseline']?.includes('k2'), 'flags on the radar');
  expect(summaries.at(-1)!.flags['objective-no-why']).toEqual(['o1']);

  // Editing the rules re-coaches every group and reaches participants.
  expect(await request(fac, 'rules:set', { rules: { requireBaseline: false, minKeyResults: 5, maxKeyResults: 4 } })).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
  expect(await request(fac, 'rules:set', { rules: { requireBaseline: false } })).toMatchObject({ ok: true });
  await waitFor(() => meta.value?.rules.requireBaseline === false, 'participants see the new rules');
  await waitFor(() => summaries.at(-1) && !summaries.at(-1)!.flags['kr-no-baseline'], 're-coached');
  expect(await request(socket, 'rules:set', { rules: { requireBaseline: true } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
