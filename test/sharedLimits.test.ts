/**
 * Per-IP limits counted across nodes through a real Redis (REDIS_URL), and what happens without it:
 * per node, with one warning, and nothing else breaks. Each test has its own key prefix.
 */
import { nanoid } from 'nanoid';
import { createClient } from 'redis';
import { afterAll, expect, it } from 'vitest';
import { captureServerLog, createWorkshop, post, startServer } from './helpers';

const REDIS_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';
const redis = createClient({ url: REDIS_URL });
const ready = redis.connect();
afterAll(() => redis.destroy());

/** Two nodes sharing one Redis (or none), a join limit of 4 a minute, and a workshop to join. */
async function twoNodes(redisUrl: string | null) {
  const redisPrefix = `test:${nanoid(8)}:`;
  const options = { joinPerMinute: 4, redisUrl, redisPrefix };
  const a = await startServer(options);
  const b = await startServer(options);
  // Each node holds its own workshop (placing a workshop on one node is issue #20's next part).
  const workshops = new Map([
    [a, (await createWorkshop(a.url)).workshopId],
    [b, (await createWorkshop(b.url)).workshopId],
  ]);
  const join = (node: typeof a, name: string) => post(`${node.url}/api/workshops/${workshops.get(node)}/join`, { name });
  return { a, b, join, redisPrefix };
}

/** Waits until the node's limiter counts in Redis (its scripts loaded). */
async function countsInRedis(prefix: string): Promise<void> {
  await ready;
  for (let i = 0; i < 200 && (await redis.keys(`${prefix}*`)).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
}

it('counts joins across two nodes through Redis: the fifth join from one address is refused, on either node', async () => {
  const { a, b, join, redisPrefix } = await twoNodes(REDIS_URL);
  await ready;
  // The scripts load when each node's Redis connection is ready; until then a node counts alone.
  await expect.poll(() => redis.clientList().then((list) => list.filter((c) => c.name.startsWith('draftroom-limits-')).length), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  const statuses = [];
  for (const [i, node] of [a, b, a, b].entries()) statuses.push((await join(node, `P${i}`)).status);
  await countsInRedis(redisPrefix);
  expect(statuses).toEqual([201, 201, 201, 201]);
  expect((await join(b, 'P4')).status).toBe(429);
  expect((await join(a, 'P5')).status).toBe(429);
  const keys = await redis.keys(`${redisPrefix}*`);
  expect(keys.some((k) => k.startsWith(`${redisPrefix}join:`))).toBe(true);
  await redis.del(keys);
});

it('without Redis each node counts on its own', async () => {
  const { a, b, join } = await twoNodes(null);
  const statuses = [];
  for (const [i, node] of [a, a, a, a, b, b, b, b].entries()) statuses.push((await join(node, `P${i}`)).status);
  expect(statuses).toEqual(Array(8).fill(201));
  expect((await join(a, 'P8')).status).toBe(429);
  expect((await join(b, 'P9')).status).toBe(429);
});

it('an unreachable Redis: one warning, limits counted per node, everything else works', async () => {
  const logged = captureServerLog();
  const { a, join } = await twoNodes('redis://127.0.0.1:1');
  await expect.poll(() => logged.filter((l) => l.includes('Redis unreachable')).length).toBeGreaterThan(0);
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await join(a, `P${i}`)).status);
  expect(statuses).toEqual([201, 201, 201, 201, 429]);
  // One warning per node and outage, not one per retry or request.
  expect(logged.filter((l) => l.includes('Redis unreachable')).length).toBeLessThanOrEqual(2);
});

it('Redis lost mid-way: requests go on, counted per node, and counting goes back to Redis when it returns', async () => {
  const logged = captureServerLog();
  const { a, join, redisPrefix } = await twoNodes(REDIS_URL);
  await ready;
  const ours = async () => (await redis.clientList()).filter((c) => c.name === `draftroom-limits-${process.pid}`);
  await expect.poll(async () => (await ours()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  expect((await join(a, 'P0')).status).toBe(201);
  await countsInRedis(redisPrefix);
  // Cut the nodes' connections (only theirs: the name is this process's).
  for (const c of await ours()) await redis.sendCommand(['CLIENT', 'KILL', 'ID', String(c.id)]);
  expect((await join(a, 'P1')).status).toBe(201);
  await expect.poll(() => logged.some((l) => l.includes('Redis unreachable'))).toBe(true);
  // They reconnect on their own, and say so.
  await expect.poll(() => logged.some((l) => l.includes('Redis is back')), { timeout: 10_000 }).toBe(true);
  await redis.del(await redis.keys(`${redisPrefix}*`));
});
