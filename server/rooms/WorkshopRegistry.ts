/** All workshops: creation, lookup (loading from the store), joining, authentication, expiry. */
import { fail, ok, type Result } from '../../shared/result';
import type { CreateWorkshopBody } from '../../shared/schemas';
import { DEFAULT_OKR_RULES } from '../../shared/okrRules';
import { initialSession } from '../../shared/session';
import { defaultGroupName, defaultQuickComments } from '../../shared/defaults';
import type { WorkshopState } from '../../shared/workshop';
import type { Role } from '../../shared/protocol';
import type { StoredWorkshop, WorkshopStore } from '../store/types';
import { OwnedElsewhere, type Ownership } from '../cluster/ownership';
import { logError } from '../guard';
import { hashToken, newFacilitatorKey, newId, newSeatToken, sameHash } from '../tokens';
import { WorkshopRoom, type RoomListener } from './WorkshopRoom';

export interface RegistryListener extends RoomListener {
  /** The workshop was deleted or expired: tell its members and drop their connections. */
  onDeleted(room: WorkshopRoom): void;
  /** The room left memory (nobody connected); caches about it can go. */
  onUnloaded(room: WorkshopRoom): void;
  /**
   * Another node serves the workshop from now on (this node lost or handed over its lease): its
   * connections close with the retry codes, and nothing more is written for it here.
   */
  onMoved(room: WorkshopRoom): void;
}

/** How long a client refused because another node holds the workshop waits before it tries again. */
export const OWNED_ELSEWHERE_RETRY_MS = 1000;

export interface Session {
  room: WorkshopRoom;
  role: Role;
  participantId: string | null;
}

export class WorkshopRegistry {
  private readonly rooms = new Map<string, WorkshopRoom>();
  /** Rooms being loaded from the store: two requests for one workshop load it once. */
  private readonly loading = new Map<string, Promise<WorkshopRoom | null>>();

  constructor(
    private readonly store: WorkshopStore,
    private readonly ownership: Ownership,
    private readonly listener: RegistryListener,
    private readonly ttlMs: number,
    private readonly clock: () => number,
  ) {}

  /**
   * A new workshop. `seeded` (an import) names its groups and holds their documents (built by
   * seedDocument), stored with the workshop in one transaction; else the groups are numbered.
   */
  async create(
    body: CreateWorkshopBody,
    now: number,
    seeded?: ReadonlyArray<{ name: string; update: Uint8Array }>,
  ): Promise<{ state: WorkshopState; facilitatorKey: string }> {
    const facilitatorKey = newFacilitatorKey();
    const state: WorkshopState = {
      id: newId(),
      title: body.title,
      createdAt: now,
      lastActiveAt: now,
      phase: 'lobby',
      assignment: body.assignment,
      maxGroupSize: body.maxGroupSize,
      groups: Array.from({ length: seeded?.length ?? body.groupCount }, (_, i) => ({ id: newId(), name: seeded?.[i]?.name ?? defaultGroupName(i + 1, body.language) })),
      participants: [],
      session: initialSession(defaultQuickComments(body.language)),
      rules: { ...DEFAULT_OKR_RULES, ...body.rules },
      language: body.language,
    };
    const keyHash = hashToken(facilitatorKey);
    const docs = seeded?.map((s, i) => ({ groupId: state.groups[i]!.id, update: s.update })) ?? [];
    if ((await this.ownership.acquire(state.id, true)) !== 'ok') throw new Error(`workshop ${state.id}: a new id is already taken`);
    await this.store.createWorkshop(state, keyHash, docs);
    if (this.ownership.shared) {
      // Several nodes: the workshop is served by the node HAProxy sends its id to, which takes it
      // from the store on its first request; this node (any node can create) lets it go at once.
      await this.ownership.release(state.id);
      return { state, facilitatorKey };
    }
    const stored: StoredWorkshop = {
      state,
      facilitatorKeyHash: keyHash,
      comments: [],
      docs: new Map(docs.map((d) => [d.groupId, { rows: [{ seq: 0, data: d.update }], lastEdit: state.createdAt }])),
      coaching: null,
    };
    this.load(stored);
    return { state, facilitatorKey };
  }

  /**
   * The live room, loaded from the store if needed; null when unknown or expired. Only looks:
   * an expired workshop is left for purgeExpired, and never loaded or served meanwhile.
   */
  async get(id: string, now: number): Promise<WorkshopRoom | null> {
    const room = this.rooms.get(id);
    if (room) {
      if (this.ownership.holds(id)) return this.loaded(id, now);
      // The lease lapsed (this process was paused, or PostgreSQL was out of reach): let it go, then take it again.
      this.lost(id);
    }
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.take(id, now).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    return loading;
  }

  /**
   * Takes the workshop's lease, then loads it (after the lease: what the previous holder committed
   * is all there). Throws OwnedElsewhere while another node holds it.
   */
  private async take(id: string, now: number): Promise<WorkshopRoom | null> {
    const acquired = await this.ownership.acquire(id);
    if (acquired === 'missing') return null;
    if (acquired === 'elsewhere') throw new OwnedElsewhere(id, OWNED_ELSEWHERE_RETRY_MS);
    const stored = await this.store.loadWorkshop(id).catch(async (error: unknown) => {
      await this.ownership.release(id).catch(() => undefined);
      throw error;
    });
    // Loaded meanwhile (created, or by another path): that room is the one.
    const loaded = this.rooms.get(id);
    if (loaded) return loaded;
    if (!stored || this.expired(stored.state, now)) {
      await this.ownership.release(id);
      return null;
    }
    return this.load(stored);
  }

  /** True while this node may serve the workshop (checked on every message: a paused node finds out here). */
  holds(id: string): boolean {
    return this.ownership.holds(id);
  }

  /**
   * The lease is gone: the room leaves at once, without writing anything more (a write would be
   * refused anyway), and its clients reconnect to whichever node holds it now.
   */
  lost(id: string): void {
    const room = this.rooms.get(id);
    this.store.forget(id);
    this.ownership.forget(id);
    if (!room) return;
    room.dispose();
    this.rooms.delete(id);
    this.listener.onMoved(room);
    this.listener.onUnloaded(room);
  }

  /**
   * Another node asks for a workshop this node holds (it came back, or was added, and HAProxy now
   * sends the workshop's clients there): the connections close with the retry codes, what was
   * accepted is committed, then the lease is released for the other node to take.
   */
  async handOver(id: string): Promise<void> {
    const room = this.rooms.get(id);
    if (!room) return;
    room.dispose();
    this.rooms.delete(id);
    this.listener.onMoved(room);
    this.listener.onUnloaded(room);
    await this.store.commitPending();
    await this.ownership.release(id);
  }

  /** The room if it is in memory, expired or not (its documents hand their state back to it). */
  inMemory(id: string): WorkshopRoom | undefined {
    return this.rooms.get(id);
  }

  /** The room if it is in memory (null otherwise, or when expired): for paths that cannot wait. */
  loaded(id: string, now: number): WorkshopRoom | null {
    const room = this.rooms.get(id);
    if (!room) return null;
    return room.connectionCount === 0 && this.expired(room.state, now) ? null : room;
  }

  /** Gives a newcomer a seat; the seat token is returned once and only its hash is kept. */
  async join(room: WorkshopRoom, name: string, now: number): Promise<Result<{ participantId: string; seatToken: string }>> {
    const participantId = newId();
    const seatToken = newSeatToken();
    const result = await room.dispatch({ type: 'join', participantId, name, newGroupId: newId() }, now, {
      add: { tokenHash: hashToken(seatToken), participantId },
    });
    return result.ok ? ok({ participantId, seatToken }) : result;
  }

  /** Maps a capability to a role from the server's own records. */
  async authenticate(
    workshopId: string,
    credential: { seatToken: string } | { facilitatorKey: string },
    now: number,
  ): Promise<Result<Session>> {
    const room = await this.get(workshopId, now);
    if (!room) return fail('not_found', 'This workshop no longer exists.');
    if ('facilitatorKey' in credential) {
      return sameHash(hashToken(credential.facilitatorKey), room.facilitatorKeyHash)
        ? ok({ room, role: 'facilitator', participantId: null })
        : fail('unauthorized', 'This facilitator link is not valid.');
    }
    const seat = await this.store.findSeat(hashToken(credential.seatToken));
    if (!seat || seat.workshopId !== room.id || !room.participant(seat.participantId)) {
      return fail('unauthorized', 'This seat is not valid for this workshop.');
    }
    return ok({ room, role: 'participant', participantId: seat.participantId });
  }

  /** Maps a bare token (seat token or facilitator key, as the /yjs endpoint receives it) to a role. */
  async authenticateToken(workshopId: string, token: string, now: number): Promise<Result<Session>> {
    const asFacilitator = await this.authenticate(workshopId, { facilitatorKey: token }, now);
    return asFacilitator.ok || asFacilitator.error.code === 'not_found'
      ? asFacilitator
      : this.authenticate(workshopId, { seatToken: token }, now);
  }

  /** Removes a participant and revokes their seat token. */
  removeParticipant(room: WorkshopRoom, participantId: string, now: number): Promise<Result<WorkshopState>> {
    return room.dispatch({ type: 'removeParticipant', participantId }, now, { revoke: participantId });
  }

  /** Deletes the workshop and all of its data now. */
  async delete(room: WorkshopRoom): Promise<void> {
    await this.store.deleteWorkshop(room.id);
    await this.ownership.release(room.id).catch((error: unknown) => logError(`workshop ${room.id}: releasing its lease`, error));
    room.dispose();
    this.rooms.delete(room.id);
    this.listener.onDeleted(room);
  }

  /** Stops every room's timer (the server is closing: nothing may tick into a closed store). */
  close(): void {
    for (const room of this.rooms.values()) room.dispose();
  }

  /** Unloads rooms nobody is connected to, then purges expired workshops (the periodic sweep). */
  async sweep(now: number): Promise<void> {
    for (const room of this.rooms.values()) {
      if (room.connectionCount > 0) room.touch(now);
      else if (room.idle) {
        room.dispose();
        this.rooms.delete(room.id);
        this.listener.onUnloaded(room);
        // Nobody is here any more: what it accepted is committed, and another node may take it.
        await this.store.commitPending();
        await this.ownership.release(room.id).catch((error: unknown) => logError(`workshop ${room.id}: releasing its lease`, error));
      }
    }
    await this.purgeExpired(now);
  }

  /** Deletes every workshop past its retention window that nobody is connected to. */
  async purgeExpired(now: number): Promise<void> {
    for (const room of [...this.rooms.values()]) if (room.connectionCount === 0 && this.expired(room.state, now)) await this.delete(room);
    for (const id of await this.store.expiredWorkshops(now - this.ttlMs)) {
      if (this.rooms.has(id) || this.loading.has(id)) continue; // in use, whatever the store last recorded
      // Another node serving it (in use there) keeps it.
      if ((await this.ownership.acquire(id)) !== 'ok') continue;
      const stored = await this.store.loadWorkshop(id);
      // Loaded so that its listeners hear of the deletion as for any other room.
      if (stored && !this.rooms.has(id)) await this.delete(this.load(stored));
      else await this.ownership.release(id);
    }
  }

  private expired(state: WorkshopState, now: number): boolean {
    return now - state.lastActiveAt > this.ttlMs;
  }

  private load(stored: StoredWorkshop): WorkshopRoom {
    const room = new WorkshopRoom(stored, this.store, this.listener, this.clock);
    this.rooms.set(room.id, room);
    return room;
  }

  /** Rooms currently in memory (for health and tests). */
  get loadedCount(): number {
    return this.rooms.size;
  }
}
