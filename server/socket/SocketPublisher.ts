/** Pushes room changes to Socket.IO clients: coalesced, and only what changed for each audience. */
import type { Comment } from '../../shared/comments';
import { facilitatorView, groupMembers, workshopMeta } from '../../shared/views';
import type { RegistryListener } from '../rooms/WorkshopRegistry';
import type { SeatMove, WorkshopRoom } from '../rooms/WorkshopRoom';
import { roomOf, type IO } from './types';

interface Sent {
  meta: string;
  groups: Map<string, string>;
}

export class SocketPublisher implements RegistryListener {
  private readonly pending = new Map<string, WorkshopRoom>();
  private readonly sent = new Map<string, Sent>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly io: IO,
    private readonly intervalMs: number,
  ) {}

  onDirty(room: WorkshopRoom): void {
    this.pending.set(room.id, room);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
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
    this.pending.delete(room.id);
    this.sent.delete(room.id);
  }

  onDeleted(room: WorkshopRoom): void {
    this.pending.delete(room.id);
    this.sent.delete(room.id);
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
    for (const room of rooms) this.publish(room);
  }

  private publish(room: WorkshopRoom): void {
    const { state } = room;
    let sent = this.sent.get(room.id);
    if (!sent) {
      sent = { meta: '', groups: new Map() };
      this.sent.set(room.id, sent);
    }
    const meta = workshopMeta(state);
    const metaJson = JSON.stringify(meta);
    if (metaJson !== sent.meta) {
      sent.meta = metaJson;
      this.io.to(roomOf.workshop(room.id)).emit('workshop:meta', meta);
    }
    const live = new Set<string>();
    for (const group of state.groups) {
      live.add(group.id);
      const members = groupMembers(state, group.id, room.isOnline);
      const json = JSON.stringify(members);
      if (sent.groups.get(group.id) === json) continue;
      sent.groups.set(group.id, json);
      this.io.to(roomOf.group(room.id, group.id)).emit('group:members', members);
    }
    for (const id of sent.groups.keys()) if (!live.has(id)) sent.groups.delete(id);
    this.io.to(roomOf.facilitators(room.id)).emit('facilitator:state', facilitatorView(state, room.isOnline));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
