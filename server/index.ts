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
console.log(`Draftroom is running at ${config.publicUrl ?? url}`);

// Once: Ctrl-C reaches both `npm start`'s wrapper and this process, and the wrapper passes it on.
// Draining first: /readyz fails and new workshops are refused for DRAIN_DELAY_MS (a load balancer's
// health check sees it), then everything is committed and closed.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  app.drain();
  setTimeout(() => void app.close().then(() => process.exit(0)), config.drainDelayMs);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
