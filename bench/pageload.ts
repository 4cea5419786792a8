/**
 * The join page on a slow phone (issue #22 part 5): bytes on the wire and time until the name
 * field can be typed into, cold cache, median of N runs.
 *
 *   npx tsx bench/pageload.ts                   both: precompressed (as served) and plain, runs interleaved
 *   npx tsx bench/pageload.ts --no-compression  plain only (the "before": the client as it shipped)
 *   npx tsx bench/pageload.ts --compressed      precompressed only
 *   --runs N (default 5)   --gzip: Chromium asks for gzip only (a browser or proxy without brotli)
 *
 * The client is built afresh (production `vite build`, precompressed by its plugin) into a scratch
 * folder, and a real server serves it in its own process. "Plain" serves a copy of that build
 * without its .br/.gz files: byte for byte what the server sent before #22.
 * Profile: 4× CPU slowdown, ~1.6 Mbps down / 750 kbps up / 150 ms RTT, 390×844 phone viewport, a
 * fresh browser profile each run.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PROFILE = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: 1.6e6 / 8, // ~1.6 Mbps
  uploadBytesPerSecond: 750e3 / 8, // ~750 kbps
  viewport: { width: 390, height: 844 },
};

const args = process.argv.slice(2);
const option = (name: string) => args.includes(name);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const modes: Mode[] = option('--no-compression') ? ['plain'] : option('--compressed') ? ['compressed'] : ['compressed', 'plain'];
const gzipOnly = option('--gzip');
type Mode = 'compressed' | 'plain';

interface Run {
  bytes: number;
  clientBytes: number;
  interactiveMs: number;
  encodings: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(clientDir: string, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, CLIENT_DIR: clientDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('running at') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function createWorkshop(url: string): Promise<string> {
  const res = await fetch(`${url}/api/workshops`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Q3 planning', groupCount: 3 }) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
  return ((await res.json()) as { workshopId: string }).workshopId;
}

async function loadOnce(joinUrl: string): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'draftroom-pageload-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: PROFILE.viewport,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PROFILE.cpuSlowdown });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PROFILE.latencyMs,
      downloadThroughput: PROFILE.downloadBytesPerSecond,
      uploadThroughput: PROFILE.uploadBytesPerSecond,
    });
    if (gzipOnly) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    const urls = new Map<string, string>();
    const encodings = new Map<string, string>();
    let bytes = 0;
    let clientBytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      urls.set(e.requestId, e.response.url);
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      encodings.set(e.requestId, String(headers['content-encoding'] ?? 'identity'));
    });
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      const path = new URL(urls.get(e.requestId) ?? 'http://x/').pathname;
      // The page and its build output, as against the API and Socket.IO's polling.
      if (path.startsWith('/assets/') || path.startsWith('/w/')) clientBytes += e.encodedDataLength;
    });
    await page.goto(joinUrl, { waitUntil: 'commit', timeout: 120_000 });
    // Milliseconds from the navigation's start until the name field is shown and enabled.
    const handle = await page.waitForFunction(
      () => {
        const input = document.querySelector<HTMLInputElement>('input[name="name"]');
        return input && !input.disabled && input.offsetParent !== null && input.getClientRects().length > 0 ? performance.now() : false;
      },
      undefined,
      { polling: 'raf', timeout: 120_000 },
    );
    const interactiveMs = (await handle.jsonValue()) as number;
    const seen = [...new Set([...encodings].filter(([id]) => /\/(assets|w)\//.test(urls.get(id) ?? '')).map(([, enc]) => enc))];
    return { bytes, clientBytes, interactiveMs, encodings: seen };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'draftroom-pageload-srv-'));
  const built = join(scratch, 'client');
  // Not dist/client: a test run may have left another build there.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', built, '--emptyOutDir'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  const children: ChildProcess[] = [];
  process.on('exit', () => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });
  const targets = new Map<Mode, string>();
  for (const mode of modes) {
    let clientDir = built;
    if (mode === 'plain') {
      clientDir = join(scratch, 'client-plain');
      cpSync(built, clientDir, { recursive: true, filter: (src) => !/\.(?:br|gz)$/.test(src) });
    }
    const { url, child } = await startServer(clientDir, join(scratch, `data-${mode}`));
    children.push(child);
    targets.set(mode, `${url}/w/${await createWorkshop(url)}`);
  }
  const results = new Map<Mode, Run[]>(modes.map((m) => [m, []]));
  await loadOnce(targets.get(modes[0]!)!); // Chromium's own first start, not counted.
  for (let i = 0; i < RUNS; i++) {
    for (const mode of i % 2 ? [...modes].reverse() : modes) {
      const run = await loadOnce(targets.get(mode)!);
      results.get(mode)!.push(run);
      console.log(`${mode.padEnd(10)} run ${i + 1}: ${(run.bytes / 1024).toFixed(1)} KB (page + assets ${(run.clientBytes / 1024).toFixed(1)} KB, ${run.encodings.join('/')}), interactive at ${Math.round(run.interactiveMs)} ms`);
    }
  }
  console.log(`\nJoin page, cold cache, ${PROFILE.cpuSlowdown}× CPU, 1.6 Mbps/750 kbps/${PROFILE.latencyMs} ms RTT, ${PROFILE.viewport.width}×${PROFILE.viewport.height}; median of ${RUNS}${gzipOnly ? ' (Chromium asked for gzip only)' : ''}:`);
  for (const [mode, runs] of results) {
    console.log(
      `  ${mode.padEnd(10)} transferred ${(median(runs.map((r) => r.bytes)) / 1024).toFixed(1)} KB (page + assets ${(median(runs.map((r) => r.clientBytes)) / 1024).toFixed(1)} KB, ${[...new Set(runs.flatMap((r) => r.encodings))].join('/')}); interactive ${Math.round(median(runs.map((r) => r.interactiveMs)))} ms (min ${Math.round(Math.min(...runs.map((r) => r.interactiveMs)))}, max ${Math.round(Math.max(...runs.map((r) => r.interactiveMs)))})`,
    );
  }
  process.exit(0);
}

await main();
