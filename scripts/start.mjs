// `npm start`: the server in a child Node process given serverNodeFlags() (V8 flags must be set at
// start), signals passed on so that it shuts down cleanly, its exit code passed back.
//
// A last line of defence, not a substitute for handling errors: if the server ever dies on its
// own, it is started again (the store brings every workshop back; clients reconnect), with a log
// line saying why. Quick repeated deaths back off up to RESTART_MAX_DELAY_MS.
import { spawn } from 'node:child_process';
import { serverNodeFlags } from './nodeFlags.mjs';

const RESTART_MIN_DELAY_MS = 500;
const RESTART_MAX_DELAY_MS = 30_000;
/** A server up this long is considered healthy again: the next restart starts from the shortest delay. */
const HEALTHY_AFTER_MS = 60_000;

/** The wrapper's own lines, in the shape of the server's JSON logs (server/log.ts). */
function log(level, msg, fields = {}) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), nodeId: process.env.NODE_ID || undefined, component: 'supervisor', ...fields, msg });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

let child = null;
let stopping = false;
let delay = RESTART_MIN_DELAY_MS;

function start() {
  const startedAt = Date.now();
  child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', 'server/index.ts'], { stdio: 'inherit' });
  log('info', `server started (pid ${child.pid})`, { pid: child.pid });
  child.on('exit', (code, signal) => {
    if (stopping) process.exit(code ?? (signal ? 1 : 0));
    if (Date.now() - startedAt > HEALTHY_AFTER_MS) delay = RESTART_MIN_DELAY_MS;
    const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    log('error', `the server ${why}; restarting in ${delay} ms`, { code, signal, delayMs: delay });
    setTimeout(start, delay);
    delay = Math.min(delay * 2, RESTART_MAX_DELAY_MS);
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(0);
  });
}
start();
