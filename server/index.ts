/** Entry point: read the environment, start the server, print the URL. */
import { createApp } from './app';
import { configFromEnv } from './config';

const config = configFromEnv(process.env);
const app = createApp(config);
let url: string;
try {
  url = await app.listen();
} catch (error) {
  // A store that cannot be reached or migrated (DATABASE_URL): say so and exit, never hang.
  console.error(`Draftroom could not start: ${(error as Error).message}`);
  process.exit(1);
}
// The one line that is not JSON: `npm start`, scripts and tests wait for it.
console.log(`Draftroom is running at ${config.publicUrl ?? url}`);
app.logger.info({ url: config.publicUrl ?? url, pid: process.pid }, 'listening');

// What nobody foresaw still leaves a JSON line saying what it was before the process ends (as Node
// would: exit code 1; `npm start`'s wrapper starts the server again).
process.on('uncaughtException', (error) => {
  app.logger.fatal({ err: error }, 'uncaught exception: exiting');
  process.exit(1);
});

// Once: Ctrl-C reaches both `npm start`'s wrapper and this process, and the wrapper passes it on.
// Draining first: /readyz fails and new workshops are refused for DRAIN_DELAY_MS (a load balancer's
// health check sees it), then everything is committed and closed.
let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  app.logger.info({ signal, drainDelayMs: config.drainDelayMs }, 'draining');
  app.drain();
  setTimeout(
    () =>
      void app.close().then(() => {
        app.logger.info('closed');
        process.exit(0);
      }),
    config.drainDelayMs,
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
