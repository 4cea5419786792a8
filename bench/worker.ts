/** One load-generator process: joins its share of participants, types, measures, and reports. */
import { withDeadline } from './deadline';
import { fingerprint } from './fingerprint';
import { join, now, sleep, typeFor, type Meter, type Participant } from './participants';
import { recordGcPauses, type Flight, type Pause } from './pauses';
import type { WorkerPlan, WorkerReport } from './protocol';

/** Resolves once the report has been handed to the IPC channel (a large one takes a while). */
const report = (r: WorkerReport) => new Promise<void>((resolve) => process.send!(r, undefined, {}, () => resolve()));

const flights: Flight[] = [];
const pauseLog = recordGcPauses();
let typingPauses: Pause[] = [];
let updatesSent = 0;
let messagesReceived = 0;
let bytesReceived = 0;
const meter: Meter = {
  message(bytes) {
    messagesReceived++;
    bytesReceived += bytes;
  },
  edit(_peer, typedAt, receivedAt) {
    flights.push([typedAt, receivedAt]);
  },
};

/** A participant not synced this long after it started joining is counted as failed, so a run never hangs. */
const JOIN_TIMEOUT_MS = 30_000;
let failedJoins = 0;

// Every provider adds an exit listener: hundreds per process are expected here.
process.setMaxListeners(0);
// Orphaned (the orchestrator died or gave up): leave too.
process.on('disconnect', () => process.exit(0));

process.on('message', async (msg: { type: 'plan'; plan: WorkerPlan } | { type: 'type' } | { type: 'finish' }) => {
  if (msg.type === 'plan') {
    const { plan } = msg;
    // Participant i belongs to workshop i % workshops, as its participant ⌊i / workshops⌋.
    const workshops = Math.max(1, plan.workshopIds.length);
    const groups = Math.ceil(plan.totalParticipants / workshops / plan.groupSize);
    const participants: Participant[] = [];
    const joinTimes: number[] = [];
    const start = plan.joinStartsAt;
    const mine = Array.from({ length: plan.totalParticipants }, (_, index) => index).filter((index) => index % plan.workers === plan.worker);
    await Promise.all(
      mine.map(async (index) => {
        // Spread the join storm evenly over the join window.
        await sleep(start + (index / plan.totalParticipants) * plan.joinWindowMs - now());
        const workshopId = plan.workshopIds[index % workshops] ?? null;
        const joined = await withDeadline(join(plan, workshopId, Math.floor(index / workshops), groups, meter).catch(() => null), JOIN_TIMEOUT_MS);
        if (!joined) return void failedJoins++;
        participants.push(joined.participant);
        joinTimes.push(joined.joinMs);
      }),
    );
    void report({ type: 'joined', joinToSyncedMs: joinTimes, failedJoins });
    (globalThis as { participants?: Participant[] }).participants = participants;
    await new Promise<void>((resolve) => process.once('message', (m: { type: string }) => m.type === 'type' && resolve()));
    const until = now() + plan.typingMs;
    const cpu = process.cpuUsage();
    pauseLog.take();
    // Measured over the whole typing phase: receiving the others' edits is load too.
    await Promise.all([sleep(plan.typingMs), ...participants.filter((p) => p.typist).map((p) => typeFor(p, plan, until, () => updatesSent++))]);
    const used = process.cpuUsage(cpu);
    typingPauses = pauseLog.take();
    void report({ type: 'typed', cpuMicros: used.user + used.system });
  } else if (msg.type === 'finish') {
    const participants = (globalThis as { participants?: Participant[] }).participants ?? [];
    const docs: Record<string, string> = {};
    for (const p of participants) docs[`${p.room}#${p.doc.clientID}`] = fingerprint(p.doc);
    await report({ type: 'done', flights, gcPauses: typingPauses, updatesSent, messagesReceived, bytesReceived, docs });
    for (const p of participants) {
      p.provider.destroy();
      p.socket?.disconnect();
    }
    // Exiting at once would cut the closing frames short.
    setTimeout(() => process.exit(0), 200);
  }
});
void report({ type: 'ready' });
