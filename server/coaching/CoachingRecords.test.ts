import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { emptyCoaching, parseCoaching } from '../../shared/coaching';
import { draftWith, look } from '../../shared/coaching/testDrafts';
import { CoachingRecords, SAVE_LATER_MS, SAVE_SOON_MS } from './CoachingRecords';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A store that keeps rows in a map and counts its writes. */
function memoryStore() {
  const rows = new Map<string, string>();
  let writes = 0;
  return {
    rows,
    writes: () => writes,
    coaching: (id: string) => rows.get(id) ?? null,
    saveCoaching: async (id: string, data: string) => {
      writes++;
      rows.set(id, data);
    },
  };
}

it('writes a change of history within SAVE_SOON_MS, texts brought up to date within SAVE_LATER_MS, everything at the close', () => {
  const store = memoryStore();
  const records = new CoachingRecords(store, store.coaching, () => {}, () => Date.now());
  const OK = 'Cut churn from 9% to 6%';
  // The first key result is history: written within SAVE_SOON_MS.
  records.update('w', (r) => look(r, 'g1', draftWith({ k1: 'Run 5 workshops', k2: OK }), 0));
  vi.advanceTimersByTime(SAVE_SOON_MS);
  expect(store.writes()).toBe(1);
  // The hint's text as people type is not.
  records.update('w', (r) => look(r, 'g1', draftWith({ k1: 'Run 5 workshops now', k2: OK }), 10));
  vi.advanceTimersByTime(SAVE_SOON_MS);
  expect(store.writes()).toBe(1);
  // The hint is fixed: written within SAVE_SOON_MS (with the text before it), once.
  records.update('w', (r) => look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 35', k2: OK }), 20));
  vi.advanceTimersByTime(SAVE_SOON_MS);
  expect(store.writes()).toBe(2);
  expect(parseCoaching(store.rows.get('w')!).groups.g1!.tracks[0]!.end).toBe('fixed');
  // Typing goes on: written within SAVE_LATER_MS.
  records.update('w', (r) => look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 40', k2: OK }), 30));
  vi.advanceTimersByTime(SAVE_LATER_MS - 1);
  expect(store.writes()).toBe(2);
  vi.advanceTimersByTime(1);
  expect(store.writes()).toBe(3);
  records.update('w', (r) => look(r, 'g1', draftWith({ k1: 'Raise NPS from 20 to 45', k2: OK }), 40));
  records.close();
  expect(store.writes()).toBe(4);
  expect(parseCoaching(store.rows.get('w')!).groups.g1!.tracks[0]!.text).toBe('Raise NPS from 20 to 45');
  // A workshop deleted is not written again; one unloaded is.
  records.update('gone', (r) => look(r, 'g1', draftWith({ k1: 'Run 5 workshops' }), 0));
  records.forget('gone', false);
  records.update('left', (r) => look(r, 'g1', draftWith({ k1: 'Run 5 workshops' }), 0));
  records.forget('left', true);
  vi.advanceTimersByTime(SAVE_LATER_MS);
  expect([...store.rows.keys()]).toEqual(['w', 'left']);
  expect(records.get('left')).toEqual(parseCoaching(store.rows.get('left')!));
  expect(records.get('new')).toEqual(emptyCoaching());
});
