/**
 * Rate-limit counts shared by every node through Redis (`REDIS_URL`), so a client cannot multiply
 * its allowance by the number of nodes. Redis is a help, never a dependency: while it is unreachable
 * each limiter counts on its own node (express-rate-limit's MemoryStore), with one warning per
 * outage, and goes back to Redis when it is back. Nothing else waits for Redis. The Redis client
 * (~6 MB of heap) is loaded only when REDIS_URL is set.
 */
import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { RedisStore } from 'rate-limit-redis';
import type { createClient } from 'redis';
import type { Log } from '../guard';

type Client = ReturnType<typeof createClient>;

/** How long a connection attempt to Redis may take, and the longest wait between two attempts. */
const CONNECT_TIMEOUT_MS = 2000;
const MAX_RECONNECT_WAIT_MS = 5000;

/** One Redis connection for the node's limiters; `store(name)` makes a limiter's store. */
export class SharedCounts {
  /** Null until the client's module has loaded. */
  client: Client | null = null;
  redisStore: typeof RedisStore | null = null;
  private closed = false;
  private readonly stores = new Set<FallbackStore>();
  private down = false;
  /** The first connection, while it is being made: the first requests wait for it (at most CONNECT_TIMEOUT_MS). */
  private starting: Promise<void> | null;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: Log,
  ) {
    // connect() keeps retrying while Redis is away: the first requests wait for the first attempt only.
    const first = new Promise<void>((done) => setTimeout(done, CONNECT_TIMEOUT_MS).unref());
    this.starting = Promise.race([this.start(url), first]).then(
      () => {
        this.starting = null;
      },
      (error: unknown) => {
        this.starting = null;
        this.lost(error);
      },
    );
  }

  private async start(url: string): Promise<void> {
    const [{ createClient }, { RedisStore }] = await Promise.all([import('redis'), import('rate-limit-redis')]);
    if (this.closed) return;
    this.redisStore = RedisStore;
    const client = createClient({
      url,
      // Named, so an operator (or a test) can tell the node's connection apart in CLIENT LIST.
      name: `draftroom-limits-${process.pid}`,
      // Fail at once while disconnected: a request must never wait for Redis.
      disableOfflineQueue: true,
      socket: { connectTimeout: CONNECT_TIMEOUT_MS, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, MAX_RECONNECT_WAIT_MS) },
    });
    // The options above pin no modules or scripts: the plain client type fits.
    this.client = client as unknown as Client;
    // Without a listener an 'error' event would end the process.
    client.on('error', (error: unknown) => this.lost(error));
    client.on('ready', () => {
      if (this.down) this.log(`Redis is back: rate limits are counted across nodes again`);
      this.down = false;
      for (const store of this.stores) store.connect();
    });
    await client.connect();
  }

  /** A store for one limiter, its keys under `<prefix><name>:`. */
  store(name: string): Store {
    const store = new FallbackStore(this, `${this.prefix}${name}:`, (error) => this.lost(error), () => this.starting);
    this.stores.add(store);
    return store;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stores.clear();
    if (this.client?.isOpen) this.client.destroy();
  }

  private lost(error: unknown): void {
    this.starting = null;
    for (const store of this.stores) store.disconnect();
    if (this.down) return;
    this.down = true;
    this.log(`Redis unreachable: rate limits are counted per node until it is back`, error);
  }
}

/** Counts in Redis while it answers, else in this node's memory. */
class FallbackStore implements Store {
  readonly localKeys = false;
  private readonly memory = new MemoryStore();
  private options: Options | null = null;
  private redis: RedisStore | null = null;
  /** The Redis store's scripts, while they load. */
  private loading: Promise<void> | null = null;

  constructor(
    private readonly shared: SharedCounts,
    readonly prefix: string,
    private readonly failed: (error: unknown) => void,
    private readonly starting: () => Promise<void> | null,
  ) {}

  init(options: Options): void {
    this.options = options;
    this.memory.init(options);
    if (this.shared.client?.isReady) this.connect();
  }

  /** Redis is ready: load the store's scripts, then count there. */
  connect(): void {
    const { client, redisStore } = this.shared;
    if (!this.options || this.redis || !client || !redisStore) return;
    const store = new redisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix: this.prefix });
    this.loading = store.init(this.options).then(
      () => {
        this.loading = null;
        if (client.isReady) this.redis = store;
      },
      (error: unknown) => {
        this.loading = null;
        this.failed(error);
      },
    );
  }

  disconnect(): void {
    this.redis = null;
  }

  async increment(key: string): Promise<IncrementResponse> {
    // Just started: count in Redis from the first request, unless it cannot be reached.
    if (!this.redis) await this.starting();
    if (!this.redis && this.loading) await this.loading;
    if (this.redis) {
      try {
        return await this.redis.increment(key);
      } catch (error) {
        this.failed(error);
      }
    }
    return this.memory.increment(key);
  }

  async decrement(key: string): Promise<void> {
    if (this.redis) await this.redis.decrement(key).catch((error: unknown) => this.failed(error));
    else this.memory.decrement(key);
  }

  async resetKey(key: string): Promise<void> {
    if (this.redis) await this.redis.resetKey(key).catch((error: unknown) => this.failed(error));
    this.memory.resetKey(key);
  }

  shutdown(): void {
    this.memory.shutdown();
  }
}
