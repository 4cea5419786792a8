/** One live workshop: its state, the reducer that changes it, persistence, and who is online. */
import { logError } from '../guard';
import type { Viewer } from '../../shared/access';
import { reduceWorkshop, type WorkshopAction } from '../../shared/reducer';
import type { Comment } from '../../shared/comments';
import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/result';
import { nextDue } from '../../shared/session';
import type { Participant, WorkshopState } from '../../shared/workshop';
import type { SeatChange, StoredDoc, StoredWorkshop, WorkshopStore } from '../store/types';

/** What a room tells the transport layer; implemented by the Socket.IO publisher. */
export interface RoomListener {
  /** Something visible changed; views should be re-sent (the listener coalesces). */
  onDirty(room: WorkshopRoom): void;
  /** These participants now sit in another group (or the lobby); `from` is where they sat before. */
  onSeatsMoved(room: WorkshopRoom, moved: SeatMove[]): void;
  /** These participants were removed from the workshop. */
  onSeatsRemoved(room: WorkshopRoom, participantIds: string[]): void;
  /** Comments were added or changed. */
  onComments(room: WorkshopRoom, comments: Comment[]): void;
}

export interface SeatMove {
  participant: Participant;
  from: string | null;
}

/** How often an otherwise idle but connected workshop records that it is still in use. */
const TOUCH_PERSIST_MS = 60_000;

/** After a tick the store failed to save, the next try waits this long. */
const TICK_RETRY_MS = 1000;

export class WorkshopRoom {
  private online = new Map<string, number>();
  private connections = 0;
  /** Group documents open on this node (a room is not unloaded while any is). */
  private docsOpen = 0;
  private lastPersistedActivity: number;
  private tickTimer: NodeJS.Timeout | null = null;
  /** The room's writes, one after another: each sees the state the one before committed. */
  private writes: Promise<unknown> = Promise.resolve();
  state: WorkshopState;
  readonly facilitatorKeyHash: string;
  /** Every comment and reply, oldest first (loaded with the room). */
  readonly comments: Comment[];
  /** The coaching record as loaded with the workshop (server/coaching keeps it from then on). */
  readonly storedCoaching: string | null;
  /** Stored documents of the groups whose document is not open (an open one is its DocRoom's). */
  private readonly closedDocs: Map<string, StoredDoc>;

  constructor(
    stored: StoredWorkshop,
    private readonly store: WorkshopStore,
    private readonly listener: RoomListener,
    private readonly clock: () => number,
  ) {
    this.state = stored.state;
    this.facilitatorKeyHash = stored.facilitatorKeyHash;
    this.comments = stored.comments;
    this.closedDocs = stored.docs;
    this.storedCoaching = stored.coaching;
    this.lastPersistedActivity = this.state.lastActiveAt;
    // Apply what fell due while the room was not loaded (a timer that ended, a scheduled close).
    this.scheduleTick();
  }

  get id(): string {
    return this.state.id;
  }

  /**
   * Runs `write` after the room's earlier writes: a change is decided on the state the one before
   * committed, so two requests never both pass a check only one of them may pass.
   */
  private serially<T>(write: () => Promise<T>): Promise<T> {
    const result = this.writes.then(write);
    this.writes = result.catch(() => undefined);
    return result;
  }

  /**
   * Applies an action: committed to the store (with `seats`) before the state changes and anyone
   * is told; a refused action, or one the store could not commit (the promise rejects), changes nothing.
   */
  dispatch(action: WorkshopAction, now: number, seats?: SeatChange): Promise<Result<WorkshopState>> {
    return this.serially(async () => {
      const before = this.state;
      const result = reduceWorkshop(before, action, now);
      if (!result.ok) return result;
      await this.store.saveWorkshop(before, result.data, seats);
      // Activity recorded meanwhile (touch) is kept.
      this.state = this.state.lastActiveAt > result.data.lastActiveAt ? { ...result.data, lastActiveAt: this.state.lastActiveAt } : result.data;
      this.lastPersistedActivity = Math.max(this.lastPersistedActivity, now);
      if (before.session !== this.state.session) this.scheduleTick();
      this.notify(before);
      return result;
    });
  }

  /** Adds comments after checking the workshop's limit; committed before anyone is told. */
  addComments(comments: Comment[]): Promise<Result<Comment[]>> {
    return this.serially(async () => {
      if (this.comments.length + comments.length > LIMITS.maxComments) {
        return fail('limit_exceeded', `A workshop keeps at most ${LIMITS.maxComments} comments.`);
      }
      await this.store.putComments(this.id, comments);
      this.comments.push(...comments);
      this.listener.onComments(this, comments);
      return ok(comments);
    });
  }

  /** Marks a comment thread resolved or open again. */
  setResolved(commentId: string, resolved: boolean): Promise<Result<Comment>> {
    return this.serially(async () => {
      const index = this.comments.findIndex((c) => c.id === commentId);
      if (index < 0) return fail('not_found', 'No such comment.', 'commentId');
      const updated = { ...this.comments[index]!, resolved };
      await this.store.putComments(this.id, [updated]);
      this.comments[index] = updated;
      this.listener.onComments(this, [updated]);
      return ok(updated);
    });
  }

  /** The stored document of a group whose document is not open, handed over to open it. */
  takeClosedDoc(groupId: string): StoredDoc {
    const doc = this.closedDocs.get(groupId) ?? { rows: [], lastEdit: null };
    this.closedDocs.delete(groupId);
    this.docsOpen++;
    return doc;
  }

  /** A group document was closed: what it holds now (one snapshot), kept until it opens again. */
  returnClosedDoc(groupId: string, doc: StoredDoc): void {
    this.closedDocs.set(groupId, doc);
    this.docsOpen = Math.max(0, this.docsOpen - 1);
  }

  /** The stored document of a group whose document is not open (empty when never edited). */
  closedDoc(groupId: string): StoredDoc {
    return this.closedDocs.get(groupId) ?? { rows: [], lastEdit: null };
  }

  /** True while nobody is connected and no group document is open: the room may leave memory. */
  get idle(): boolean {
    return this.connections === 0 && this.docsOpen === 0;
  }

  /** Stops timers (the room is unloaded or deleted). */
  dispose(): void {
    this.disposed = true;
    this.stopTimer();
  }

  /** Set once the room left memory: no timer may start again. */
  private disposed = false;

  private stopTimer(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
  }

  /** Wakes up when the timer ends or a scheduled close is due (not sooner than `minDelayMs`). */
  private scheduleTick(minDelayMs = 0): void {
    this.stopTimer();
    const due = nextDue(this.state.session);
    if (due === null) return;
    this.tickTimer = setTimeout(() => {
      this.tickTimer = null;
      this.dispatch({ type: 'tick' }, this.clock()).then(
        // A timeout can fire a little before `due` by this clock (libuv measures from the start of
        // its loop iteration, which lags under load): then nothing was due yet, so try again.
        () => this.tickTimer === null && !this.disposed && this.scheduleTick(),
        (error: unknown) => {
          // The store failed: logged, and the tick (still due) is tried again a second later.
          logError(`workshop ${this.state.id}: timer tick`, error);
          if (!this.disposed) this.scheduleTick(TICK_RETRY_MS);
        },
      );
    }, Math.max(minDelayMs, due - this.clock()));
    this.tickTimer.unref();
  }

  participant(id: string): Participant | undefined {
    return this.state.participants.find((p) => p.id === id);
  }

  /** Who is asking, for groupAccess (`participantId` null: the facilitator); null when the seat is gone. */
  viewer(participantId: string | null): Viewer | null {
    if (participantId === null) return { role: 'facilitator' };
    const seat = this.participant(participantId);
    return seat ? { role: 'participant', groupId: seat.groupId } : null;
  }

  isOnline = (participantId: string): boolean => (this.online.get(participantId) ?? 0) > 0;

  /** Number of live connections (facilitators included). */
  get connectionCount(): number {
    return this.connections;
  }

  /** A socket connected; `participantId` null for facilitators. */
  connect(participantId: string | null, now: number): void {
    this.connections++;
    if (participantId !== null) this.online.set(participantId, (this.online.get(participantId) ?? 0) + 1);
    this.touch(now);
    this.listener.onDirty(this);
  }

  disconnect(participantId: string | null, now: number): void {
    this.connections = Math.max(0, this.connections - 1);
    if (participantId !== null) {
      const n = (this.online.get(participantId) ?? 1) - 1;
      if (n > 0) this.online.set(participantId, n);
      else this.online.delete(participantId);
    }
    this.touch(now);
    this.listener.onDirty(this);
  }

  /** Records activity without an action; written to the store at most once a minute. */
  touch(now: number): void {
    this.state = { ...this.state, lastActiveAt: now };
    if (now - this.lastPersistedActivity >= TOUCH_PERSIST_MS) {
      this.lastPersistedActivity = now;
      // Only bookkeeping for expiry: a failure is logged, and the next touch tries again.
      this.store.saveActivity(this.id, now).catch((error: unknown) => {
        this.lastPersistedActivity = 0;
        logError(`workshop ${this.id}: recording activity`, error);
      });
    }
  }

  private notify(before: WorkshopState): void {
    const after = new Map(this.state.participants.map((p) => [p.id, p]));
    const moved: SeatMove[] = [];
    const removed: string[] = [];
    for (const p of before.participants) {
      const now = after.get(p.id);
      if (!now) removed.push(p.id);
      else if (now.groupId !== p.groupId) moved.push({ participant: now, from: p.groupId });
    }
    if (removed.length > 0) this.listener.onSeatsRemoved(this, removed);
    if (moved.length > 0) this.listener.onSeatsMoved(this, moved);
    this.listener.onDirty(this);
  }
}
