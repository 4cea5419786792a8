// `npm start`: the server in a child Node process given serverNodeFlags() (V8 flags must be set at
// start), signals passed on so that it shuts down cleanly, its exit code passed back.
import { spawn } from 'node:child_process';
import { serverNodeFlags } from './nodeFlags.mjs';

const child = spawn(process.execPath, [...serverNodeFlags(), '--import', 'tsx', 'server/index.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
