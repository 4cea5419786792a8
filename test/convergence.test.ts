/** Randomised convergence: 5 real clients edit every field with random disconnects; all must agree. */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addKeyResult,
  addObjective,
  KR_TEXT_FIELDS,
  keyResultsOf,
  moveItem,
  objectivesOf,
  OBJECTIVE_TEXT_FIELDS,
  removeItem,
  setDismissed,
  setKeyResultField,
  textOf,
  type ItemMap,
} from '../shared/okrDoc';
import { seededRandom } from '../shared/random';
import { createWorkshop, joinWorkshop, startServer, waitFor } from './helpers';
import { docClient, sameState, type DocClient } from './yjsHelpers';

/** Seeds that run on every test run; add any seed that once failed. */
const SEEDS = [1, 7, 42, 2026];
const CLIENTS = 5;
const STEPS = 120;
const WORDS = ['grow', 'NPS', 'from 70% to 85%', 'churn', '€1.2M', 'é', '👍', 'שלום', '\n', 'Q3'];

function randomEdit(doc: Y.Doc, random: () => number, counter: { n: number }): void {
  const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  const objectives = objectivesOf(doc).toArray();
  const krs = objectives.flatMap((o) => keyResultsOf(o).toArray());
  const id = () => `i${counter.n++}-${doc.clientID}`;
  const typeInto = (item: ItemMap, field: string) => {
    const text = textOf(item, field);
    if (random() < 0.25 && text.length > 0) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 4)));
    } else {
      text.insert(Math.floor(random() * (text.length + 1)), pick(WORDS)!);
    }
  };
  const r = random();
  if (r < 0.08 || objectives.length === 0) addObjective(doc, id());
  else if (r < 0.18) addKeyResult(pick(objectives)!, id());
  else if (r < 0.45 && krs.length > 0) typeInto(pick(krs)!, pick(KR_TEXT_FIELDS)!);
  else if (r < 0.6) typeInto(pick(objectives)!, pick(OBJECTIVE_TEXT_FIELDS)!);
  else if (r < 0.68 && krs.length > 0) setKeyResultField(pick(krs)!, 'confidence', Math.floor(random() * 11));
  else if (r < 0.72 && krs.length > 0) setKeyResultField(pick(krs)!, 'type', random() < 0.5 ? 'metric' : 'milestone');
  else if (r < 0.76 && krs.length > 0) setDismissed(pick(krs)!, 'kr-no-baseline', random() < 0.7);
  else if (r < 0.84) moveItem(doc, String(pick([...objectives, ...krs])!.get('id')), random() < 0.5 ? -1 : 1);
  else if (r < 0.88) removeItem(doc, String(pick([...objectives, ...krs])!.get('id')));
  else typeInto(pick(objectives)!, 'title');
}

describe('randomised convergence', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${CLIENTS} clients end with identical documents`, async () => {
      const random = seededRandom(seed);
      const { url, app } = await startServer();
      const { workshopId } = await createWorkshop(url, { groupCount: 1 });
      const clients: DocClient[] = [];
      let groupId = '';
      for (let i = 0; i < CLIENTS; i++) {
        const seat = await joinWorkshop(url, workshopId, `Client ${i}`);
        groupId = seat.groupId!;
        clients.push(docClient(url, workshopId, groupId, seat.seatToken));
      }
      await waitFor(() => clients.every((c) => c.provider.synced), 'all synced');
      const counter = { n: 0 };
      for (let step = 0; step < STEPS; step++) {
        const client = clients[Math.floor(random() * CLIENTS)]!;
        const roll = random();
        if (roll < 0.06) client.provider.disconnect();
        else if (roll < 0.14) client.provider.connect();
        randomEdit(client.doc, random, counter);
        // Let the network interleave with the edits now and then.
        if (random() < 0.2) await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
      }
      for (const c of clients) c.provider.connect();
      const server = () => app.yjs.loadedDoc(workshopId, groupId)!.doc;
      await waitFor(() => sameState(server(), ...clients.map((c) => c.doc)), 'convergence', 15_000);
      expect(objectivesOf(server()).length).toBeGreaterThan(0);
    });
  }
});
