/** Entry point: read the environment, start the server, print the URL. */
import { createApp } from './app';
import { configFromEnv } from './config';

const config = configFromEnv(process.env);
const app = createApp(config);
const url = await app.listen();
console.log(`Draftroom is running at ${config.publicUrl ?? url}`);

// Once: Ctrl-C reaches both `npm start`'s wrapper and this process, and the wrapper passes it on.
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void app.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
