/**
 * The group commits of Yjs updates, and WAL checkpoints, on a worker thread with its own
 * connection: the event loop never waits for the disk while people type. On this project's shared
 * virtual machine a commit's write to the WAL now and then waited 100–300 ms for the disk, and
 * every edit in flight waited with it (docs/performance-notes.md).
 *
 * The worker writes each batch of rows in one transaction, in the order the batches were sent, and
 * answers with their sequence numbers. Every CHECKPOINT_INTERVAL_MS it runs a PASSIVE checkpoint
 * (it never waits for a commit and never holds one up): left to SQLite, a checkpoint runs inside
 * whichever commit takes the log past 1,000 pages.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { UpdateRow } from './pendingUpdates';

export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * A row is written only while its workshop exists (one deleted meanwhile takes its rows along,
 * ON DELETE CASCADE, and no later row may outlive it).
 */
export const APPEND_ROW_SQL =
  'INSERT INTO doc_updates (workshop_id, group_id, data, at, parts) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM workshops WHERE id = ?)';

// Plain JavaScript evaluated in the worker: no loader or build step is needed for it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: workerData.busyTimeoutMs });
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const append = db.prepare(workerData.appendSql);
const write = db.transaction((rows) =>
  rows.map((r) => {
    const info = append.run(r.workshopId, r.groupId, r.data, r.at, r.parts, r.workshopId);
    return info.changes === 1 ? Number(info.lastInsertRowid) : null;
  }),
);
// The main thread's transactions are short; a busy database past the timeout is tried again
// (this thread may block: nothing else waits on it). Any other error ends the worker, and the
// main thread takes over what it had not confirmed.
const pause = new Int32Array(new SharedArrayBuffer(4));
function writeWithRetry(rows) {
  for (let attempt = 1; ; attempt++) {
    try {
      return write.immediate(rows);
    } catch (error) {
      if (!String(error && error.code).startsWith('SQLITE_BUSY') || attempt >= 5) throw error;
      Atomics.wait(pause, 0, 0, 100 * attempt);
    }
  }
}
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint is only housekeeping: the next one catches up.
  }
}, workerData.checkpointMs);
parentPort.on('message', (message) => {
  if (message.type === 'rows') {
    parentPort.postMessage({ type: 'stored', batch: message.batch, seqs: writeWithRetry(message.rows) });
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

type Reply = { type: 'stored'; batch: number; seqs: Array<number | null> };

/** Rows sent together, and what to call with their sequence numbers (null: workshop gone). */
export interface Batch {
  rows: UpdateRow[];
  done: (seqs: Array<number | null>) => void;
}

export class StoreWriter {
  private readonly worker: Worker;
  private stopped = false;
  private nextBatch = 1;
  /** Batches sent and not yet answered, in order. */
  private readonly unanswered = new Map<number, Batch>();
  /** Resolves once the worker thread has exited (its connection closed: the files may be removed). */
  private readonly exited: Promise<void>;

  /**
   * `onFailure`: the worker is gone (an error, or it exited early) with these batches unanswered
   * (some may have been committed); the caller writes them and checkpoints itself from then on.
   */
  constructor(file: string, busyTimeoutMs: number, onFailure: (unanswered: Batch[], error: unknown) => void) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, appendSql: APPEND_ROW_SQL, checkpointMs: CHECKPOINT_INTERVAL_MS, busyTimeoutMs },
    });
    this.worker.on('message', (reply: Reply) => {
      const batch = this.unanswered.get(reply.batch);
      this.unanswered.delete(reply.batch);
      batch?.done(reply.seqs);
    });
    const failed = (error: unknown) => {
      // Once stopped, the worker exits after answering all it was sent: only what it left unanswered is news.
      if (this.stopped && this.unanswered.size === 0) return;
      this.stopped = true;
      const left = [...this.unanswered.values()];
      this.unanswered.clear();
      onFailure(left, error);
    };
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('error', failed);
    this.worker.on('exit', (code) => failed(new Error(`the writer thread exited (code ${code})`)));
    // Idle, the worker does not keep the process alive; close() waits for it.
    this.worker.unref();
  }

  /** False once the worker is gone or stopping: the caller writes rows itself. */
  get running(): boolean {
    return !this.stopped;
  }

  /** Sends rows to be committed in one transaction; `done` gets each row's sequence number (null: workshop gone). */
  write(rows: UpdateRow[], done: Batch['done']): void {
    const batch = this.nextBatch++;
    this.unanswered.set(batch, { rows, done });
    this.worker.postMessage({ type: 'rows', batch, rows });
  }

  /** Rows sent and not committed yet (a read must see them). */
  *unansweredRows(): Iterable<UpdateRow> {
    for (const batch of this.unanswered.values()) yield* batch.rows;
  }

  /** Lets the worker commit what it was sent, then closes it; resolves when it has exited. */
  stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.worker.ref();
      this.worker.postMessage({ type: 'stop' });
    }
    return this.exited;
  }
}
