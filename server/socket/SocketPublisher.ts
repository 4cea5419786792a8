/** Pushes room changes to Socket.IO clients: coalesced, and only what changed for each audience. */
import { guarded } from '../guard';
import type { Comment } from '../../shared/comments';
import { facilitatorView, groupRosters, groupSummaries, workshopHeader, type GroupSummary } from '../../shared/views';
import type { RegistryListener } from '../rooms/WorkshopRegistry';
import type { SeatMove, WorkshopRoom } from '../rooms/WorkshopRoom';
import { roomOf, type IO } from './types';

interface Sent {
  meta: string;
  /** The group list last sent, and the same without member counts (to tell a change of counts alone). */
  groupList: string;
  groupListShape: string;
  groupListAt: number;
  /** A publish waiting for the member-count interval. */
  deferred: NodeJS.Timeout | null;
  /** Each group's roster last sent. */
  groups: Map<string, string>;
}

const shapeOf = (groups: GroupSummary[]): string => JSON.stringify(groups.map((g) => [g.id, g.name]));

export class SocketPublisher implements RegistryListener {
  private readonly pending = new Map<string, WorkshopRoom>();
  private readonly sent = new Map<string, Sent>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: IO,
    private readonly intervalMs: number,
    /** A change of member counts alone is sent at most this often (see Config). */
    private readonly countsIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  onDirty(room: WorkshopRoom): void {
    this.pending.set(room.id, room);
    this.timer ??= setTimeout(guarded('sending live views', () => this.flush()), this.intervalMs);
  }

  onSeatsMoved(room: WorkshopRoom, moved: SeatMove[]): void {
    for (const { participant, from } of moved) {
      const sockets = this.io.in(roomOf.participant(room.id, participant.id));
      if (from !== null) sockets.socketsLeave(roomOf.group(room.id, from));
      if (participant.groupId !== null) sockets.socketsJoin(roomOf.group(room.id, participant.groupId));
      sockets.emit('seat:updated', { participantId: participant.id, name: participant.name, groupId: participant.groupId });
    }
  }

  onSeatsRemoved(room: WorkshopRoom, participantIds: string[]): void {
    for (const id of participantIds) {
      const sockets = this.io.in(roomOf.participant(room.id, id));
      sockets.emit('seat:removed');
      sockets.disconnectSockets(true);
    }
  }

  onComments(room: WorkshopRoom, comments: Comment[]): void {
    for (const c of comments) {
      const rooms = [roomOf.group(room.id, c.groupId), roomOf.facilitators(room.id)];
      if (c.kind === 'peer' && c.authorGroupId) rooms.push(roomOf.group(room.id, c.authorGroupId));
      this.io.to(rooms).emit('comment:upsert', c);
    }
  }

  onUnloaded(room: WorkshopRoom): void {
    this.forget(room);
  }

  /**
   * Another node serves the workshop now: each connection's transport is closed, which the stock
   * Socket.IO client takes for a lost connection and reconnects on its own (through HAProxy, to
   * the new holder); a server-side disconnect would tell it to stay away.
   */
  onMoved(room: WorkshopRoom): void {
    this.forget(room);
    const ids = this.io.of('/').adapter.rooms.get(roomOf.workshop(room.id)) ?? new Set<string>();
    for (const id of [...ids]) this.io.of('/').sockets.get(id)?.conn.close();
  }

  onDeleted(room: WorkshopRoom): void {
    this.forget(room);
    const sockets = this.io.in(roomOf.workshop(room.id));
    sockets.emit('workshop:deleted');
    sockets.disconnectSockets(true);
  }

  /** Sends the views of every changed room now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rooms = [...this.pending.values()];
    this.pending.clear();
    // One room's failure (logged) does not hold back the others' views.
    for (const room of rooms) guarded('sending live views', () => this.publish(room), undefined, { workshopId: room.id })();
  }

  private forget(room: WorkshopRoom): void {
    this.pending.delete(room.id);
    const deferred = this.sent.get(room.id)?.deferred;
    if (deferred) clearTimeout(deferred);
    this.sent.delete(room.id);
  }

  private publish(room: WorkshopRoom): void {
    const { state } = room;
    let sent = this.sent.get(room.id);
    if (!sent) {
      sent = { meta: '', groupList: '', groupListShape: '', groupListAt: -Infinity, deferred: null, groups: new Map() };
      this.sent.set(room.id, sent);
    }
    this.publishMeta(room, sent);
    this.publishGroupList(room, sent);
    const rosters = groupRosters(state, room.isOnline);
    for (const [groupId, members] of rosters) {
      const json = JSON.stringify(members);
      if (sent.groups.get(groupId) === json) continue;
      sent.groups.set(groupId, json);
      this.io.to(roomOf.group(room.id, groupId)).emit('group:members', members);
    }
    for (const id of sent.groups.keys()) if (!rosters.has(id)) sent.groups.delete(id);
    this.io.to(roomOf.facilitators(room.id)).emit('facilitator:state', facilitatorView(state, room.isOnline));
  }

  private publishMeta(room: WorkshopRoom, sent: Sent): void {
    const meta = workshopHeader(room.state);
    const json = JSON.stringify(meta);
    if (json === sent.meta) return;
    sent.meta = json;
    this.io.to(roomOf.workshop(room.id)).emit('workshop:meta', meta);
  }

  private publishGroupList(room: WorkshopRoom, sent: Sent): void {
    const groups = groupSummaries(room.state);
    const json = JSON.stringify(groups);
    if (json === sent.groupList) return;
    const shape = shapeOf(groups);
    const wait = sent.groupListAt + this.countsIntervalMs - this.now();
    if (shape === sent.groupListShape && wait > 0) {
      sent.deferred ??= setTimeout(
        guarded(
          'sending group counts',
          () => {
            sent.deferred = null;
            this.onDirty(room);
          },
          undefined,
          { workshopId: room.id },
        ),
        wait,
      );
      return;
    }
    sent.groupList = json;
    sent.groupListShape = shape;
    sent.groupListAt = this.now();
    this.io.to(roomOf.workshop(room.id)).emit('workshop:groups', groups);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const sent of this.sent.values()) if (sent.deferred) clearTimeout(sent.deferred);
  }
}
