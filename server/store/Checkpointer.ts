/**
 * WAL checkpoints on a worker thread. Left to SQLite, a checkpoint runs inside whichever commit
 * takes the write-ahead log past 1,000 pages and copies the pages back into the database there and
 * then: at 1,000 participants that was half of the group commits' time on the main thread, in
 * 10–15 ms stalls every edit waited behind. The store's own connection turns automatic checkpoints
 * off; a second connection on a worker thread runs a PASSIVE checkpoint (it never waits for a
 * commit and never holds one up) every CHECKPOINT_INTERVAL_MS.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export const CHECKPOINT_INTERVAL_MS = 1000;

// Plain JavaScript evaluated in the worker: no loader or build step is needed for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  private readonly worker: Worker;
  private stopped = false;
  /** Resolves once the worker thread has exited (its connection closed: the files may be removed). */
  private readonly exited: Promise<void>;

  /** `onFailure`: the worker is gone (an error, or it exited); the caller checkpoints itself again. */
  constructor(file: string, onFailure: () => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs: CHECKPOINT_INTERVAL_MS } });
    const failed = () => {
      if (this.stopped) return;
      this.stopped = true;
      onFailure();
    };
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('error', failed);
    this.worker.on('exit', failed);
    // A checkpoint never needs to finish before the process may exit: the WAL is replayed on open.
    this.worker.unref();
  }

  /** Stops the checkpoints; resolves when the worker has closed its connection and exited. */
  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.worker.postMessage('stop');
    }
    return this.exited;
  }
}
