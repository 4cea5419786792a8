/**
 * The console's radar with many groups (issue #22 part 1): how long from the radar's list arriving
 * to every cell painted, read from the console's own user-timing entries (client/src/console/renderTiming.ts).
 *
 *   npm run build && npx tsx bench/radar.ts            200 and 50 groups, both views, 7 page loads each
 *   npx tsx bench/radar.ts --groups 200 --runs 11      one size, more loads
 *
 * An in-process server serves dist/client (a production build); each workshop gets 5 participants
 * per group, drafts with coach flags in up to 60 groups and 10 help requests; each page load is a
 * fresh browser context at 1440×900 with the view chosen through localStorage.
 */
import { chromium } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createApp } from '../server/app';
import { defaultConfig } from '../server/config';
import { addKeyResult, addObjective, textOf } from '../shared/okrDoc';
import { PROTOCOL_VERSION, socketQuery } from '../shared/protocol';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Each y-websocket provider adds a process exit listener: 60 drafts are not a leak.
process.setMaxListeners(0);
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const RUNS = arg('--runs', 7);
const SIZES = args.includes('--groups') ? [arg('--groups', 200)] : [200, 50];
const MEASURES = ['radar:first-paint', 'radar:first-render', 'radar:first-commit'] as const;

async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function connect(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, query: socketQuery(auth.workshopId!), auth: { protocolVersion: PROTOCOL_VERSION, ...auth } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const emit = (socket: Socket, event: string, payload: unknown) => new Promise((resolve) => socket.emit(event, payload, resolve));

/** One group's draft, written through a real y-websocket provider; resolves once the server has it. */
async function draft(url: string, workshopId: string, groupId: string, token: string, i: number): Promise<() => void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url.replace(/^http/, 'ws') + '/yjs', `${workshopId}/${groupId}`, doc, { params: { token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const o = addObjective(doc, `o${i}`);
  textOf(o, 'title').insert(0, 'Customers love onboarding');
  textOf(addKeyResult(o, `k${i}`), 'text').insert(0, i % 2 ? 'Raise NPS by 20%' : 'Launch a campaign');
  return () => {
    provider.destroy();
    doc.destroy();
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const span = (xs: number[]) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

const app = createApp(defaultConfig({ clientDir: 'dist/client', radarIntervalMs: 500, joinPerMinute: 1_000_000 }));
const url = await app.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const cleanups: Array<() => void> = [];
try {
  for (const n of SIZES) {
    const w = await post<{ workshopId: string; facilitatorUrl: string; facilitatorKey: string }>(`${url}/api/workshops`, { title: `Radar ${n}`, groupCount: n });
    const seats: Array<{ groupId: string; seatToken: string }> = [];
    for (let i = 0; i < n * 5; i++) seats.push(await post(`${url}/api/workshops/${w.workshopId}/join`, { name: `Person ${i + 1}` }));
    for (let i = 0; i < Math.min(n, 60); i++) cleanups.push(await draft(url, w.workshopId, seats[i]!.groupId, seats[i]!.seatToken, i));
    const fac = await connect(url, { workshopId: w.workshopId, facilitatorKey: w.facilitatorKey });
    cleanups.push(() => fac.disconnect());
    await emit(fac, 'phase:set', { phase: 'breakouts' });
    for (let i = 0; i < 10; i++) {
      const s = await connect(url, { workshopId: w.workshopId, seatToken: seats[i * 3]!.seatToken });
      cleanups.push(() => s.disconnect());
      await emit(s, 'help:request', { message: 'help' });
    }
    // Let the radar coach every draft before the console opens.
    await new Promise((r) => setTimeout(r, 2500));
    for (const view of ['compact', 'cards']) {
      const got: Record<string, number[]> = Object.fromEntries(MEASURES.map((m) => [m, []]));
      for (let r = 0; r < RUNS; r++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        await context.addInitScript((v) => localStorage.setItem('draftroom:radar-view', v), view);
        const page = await context.newPage();
        await page.goto(w.facilitatorUrl);
        await page.waitForFunction(() => performance.getEntriesByName('radar:first-paint').length > 0, null, { timeout: 30_000 });
        const values = await page.evaluate((names) => names.map((m) => performance.getEntriesByName(m)[0]!.duration), [...MEASURES]);
        MEASURES.forEach((m, i) => got[m]!.push(values[i]!));
        await context.close();
      }
      console.log(`${n} groups, ${view}: list → painted ${span(got['radar:first-paint']!)}; render → painted ${span(got['radar:first-render']!)}; React render + commit ${span(got['radar:first-commit']!)}`);
    }
  }
} finally {
  cleanups.forEach((c) => c());
  await browser.close();
  await app.close();
}
