/**
 * A TCP proxy in front of a real server (PostgreSQL, Redis) that a test can cut and restore: the
 * way to take a service away from one node without stopping the machine's shared server.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import { onCleanup } from './helpers';

export interface FaultProxy {
  port: number;
  /** Drops every connection and refuses new ones (they are closed at once) until restore(). */
  cut(): void;
  restore(): void;
}

export async function faultProxy(targetHost: string, targetPort: number): Promise<FaultProxy> {
  let down = false;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = createConnection(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      down = true;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      down = false;
    },
  };
}
