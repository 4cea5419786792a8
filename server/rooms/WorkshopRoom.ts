/** One live workshop: its state, the reducer that changes it, persistence, and who is online. */
import { logError } from '../guard';
import type { Viewer } from '../../shared/access';
import { reduceWorkshop, type WorkshopAction } from '../../shared/reducer';
import type { Comment } from '../../shared/comments';
import { LIMITS } from '../../shared/limits';
import { fail, ok, type Result } from '../../shared/result';
import { nextDue } from '../../shared/session';
import type { Participant, WorkshopState } from '../../shared/workshop';
import type { Store } from '../store/Store';

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
  private lastPersistedActivity: number;
  private tickTimer: NodeJS.Timeout | null = null;
  /** Every comment and reply, oldest first (loaded with the room). */
  readonly comments: Comment[];

  constructor(
    public state: WorkshopState,
    readonly facilitatorKeyHash: string,
    private readonly store: Store,
    private readonly listener: RoomListener,
    private readonly clock: () => number,
  ) {
    this.lastPersistedActivity = state.lastActiveAt;
    this.comments = store.comments(state.id);
    // Apply what fell due while the room was not loaded (a timer that ended, a scheduled close).
    const now = clock();
    const due = nextDue(state.session);
    if (due !== null && due <= now) this.dispatch({ type: 'tick' }, now);
    else this.scheduleTick();
  }

  get id(): string {
    return this.state.id;
  }

  /** Applies an action, persists it, then notifies; a refused action changes nothing. */
  dispatch(action: WorkshopAction, now: number, alsoPersist?: () => void): Result<WorkshopState> {
    const before = this.state;
    const result = reduceWorkshop(before, action, now);
    if (!result.ok) return result;
    this.store.transaction(() => {
      this.store.saveWorkshop(before, result.data);
      alsoPersist?.();
    });
    this.state = result.data;
    this.lastPersistedActivity = now;
    if (before.session !== this.state.session) this.scheduleTick();
    this.notify(before);
    return result;
  }

  /** Adds comments after checking the workshop's limit; persisted before anyone is told. */
  addComments(comments: Comment[]): Result<Comment[]> {
    if (this.comments.length + comments.length > LIMITS.maxComments) {
      return fail('limit_exceeded', `A workshop keeps at most ${LIMITS.maxComments} comments.`);
    }
    this.store.putComments(this.id, comments);
    this.comments.push(...comments);
    this.listener.onComments(this, comments);
    return ok(comments);
  }

  /** Marks a comment thread resolved or open again. */
  setResolved(commentId: string, resolved: boolean): Result<Comment> {
    const index = this.comments.findIndex((c) => c.id === commentId);
    if (index < 0) return fail('not_found', 'No such comment.', 'commentId');
    const updated = { ...this.comments[index]!, resolved };
    this.store.putComments(this.id, [updated]);
    this.comments[index] = updated;
    this.listener.onComments(this, [updated]);
    return ok(updated);
  }

  /** Stops timers (the room is unloaded or deleted). */
  dispose(): void {
    if (this.tickTimer) clearTimeout(this.tickTimer);
    this.tickTimer = null;
  }

  /** Wakes up when the timer ends or a scheduled close is due (not sooner than `minDelayMs`). */
  private scheduleTick(minDelayMs = 0): void {
    this.dispose();
    const due = nextDue(this.state.session);
    if (due === null) return;
    this.tickTimer = setTimeout(() => {
      try {
        this.dispatch({ type: 'tick' }, this.clock());
      } catch (error) {
        // The store failed: logged, and the tick (still due) is tried again a second later.
        logError(`workshop ${this.state.id}: timer tick`, error);
        return this.scheduleTick(TICK_RETRY_MS);
      }
      // A timeout can fire a little before `due` by this clock (libuv measures from the start of
      // its loop iteration, which lags under load): then nothing was due yet, so try again.
      this.scheduleTick();
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
      this.store.saveActivity(this.id, now);
      this.lastPersistedActivity = now;
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
