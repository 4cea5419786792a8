/** GET /metrics: what an operator watches, in the Prometheus format, with no id, token or key in it. */
import { expect, it } from 'vitest';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import { connectClient, createWorkshop, joinWorkshop, startServer, waitFor } from './helpers';
import { docBarrier, syncedClient } from './yjsHelpers';

/** The value of a sample line `name value` (no labels), or null. */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : null;
}

it('counts people online, workshops and documents, edits and their handling time, store commits and event-loop lag', async () => {
  const { url } = await startServer();
  const w = await createWorkshop(url, { groupCount: 2 });
  const ana = await joinWorkshop(url, w.workshopId, 'Ana');
  await connectClient(url, { workshopId: w.workshopId, seatToken: ana.seatToken });
  await connectClient(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
  const doc = await syncedClient(url, w.workshopId, ana.groupId!, ana.seatToken);
  const text = textOf(addKeyResult(addObjective(doc.doc, 'o1'), 'k1'), 'text');
  for (const ch of 'abc') {
    text.insert(text.length, ch);
    await docBarrier(doc);
  }
  const scrape = async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  // Group commits run at most every second: wait for one.
  const body = await waitFor(async () => {
    const t = await scrape();
    return (sample(t, 'draftroom_store_commit_seconds_count') ?? 0) >= 1 ? t : null;
  }, 'a store commit');
  expect(sample(body, 'draftroom_participants_online')).toBe(1);
  expect(sample(body, 'draftroom_facilitators_online')).toBe(1);
  expect(sample(body, 'draftroom_workshops_loaded')).toBe(1);
  expect(sample(body, 'draftroom_documents_loaded')).toBe(1);
  // One node on the embedded store: it owns everything, so no lease is counted.
  expect(sample(body, 'draftroom_workshops_owned')).toBe(1);
  expect(sample(body, 'draftroom_lease_takeovers_total')).toBe(0);
  expect(sample(body, 'draftroom_lease_refusals_total')).toBe(0);
  // Adding the objective and key result is one edit, then one per character.
  expect(sample(body, 'draftroom_edits_total')).toBeGreaterThanOrEqual(4);
  expect(sample(body, 'draftroom_edit_relay_seconds_count')).toBe(sample(body, 'draftroom_edits_total'));
  expect(body).toContain('draftroom_nodejs_eventloop_lag_seconds');
  // Nothing that identifies a workshop or opens it.
  for (const secret of [w.workshopId, w.facilitatorKey, ana.seatToken, ana.participantId, ana.groupId!]) expect(body).not.toContain(secret);
});
