/**
 * A few dozen participants in this process, for the failover runs: they join through HAProxy and
 * type (every one of them), and remember every peer's edit as it arrived (when it was typed, when
 * it arrived), when their document's connection dropped and synced again, and when their Socket.IO
 * connection did; so that after a node is killed or restarted we can tell when everyone had
 * everyone's edits again, the longest any participant waited, and whether anything was lost.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { pollUntil } from '../deadline';
import { fingerprint } from '../fingerprint';
import { join, now, typeFor, typedBy, type Meter, type Pace, type Participant } from '../participants';

/** An edit from a peer, as it arrived: [typed, arrived] (epoch ms). */
type Arrival = [number, number];

export interface Member {
  participant: Participant;
  workshopId: string;
  /** The peer's key in the `bench` map (its client id) → its edits as they arrived here. */
  arrivals: Map<string, Arrival[]>;
  /** Document connection: [dropped, synced again] (synced again NaN while it is not). */
  docOutages: Array<[number, number]>;
  /** Socket.IO: [disconnected, connected again]. */
  socketOutages: Array<[number, number]>;
  /** Characters this member typed. */
  typed: number;
  /** Close codes the server sent on the document's connection, with their counts. */
  closeCodes: Map<string, number>;
}

export class Crowd {
  private constructor(
    readonly url: string,
    readonly members: Member[],
  ) {}

  /**
   * `perWorkshop` participants join each workshop (groups of `groupSize`), a few at a time, in
   * order (so the groups fill as the server assigns them).
   */
  static async join(url: string, workshopIds: string[], perWorkshop: number, groupSize: number): Promise<Crowd> {
    const members: Member[] = [];
    const groups = Math.ceil(perWorkshop / groupSize);
    for (let i = 0; i < perWorkshop; i++) {
      await Promise.all(
        workshopIds.map(async (workshopId) => {
          const member: Member = { participant: null as unknown as Participant, workshopId, arrivals: new Map(), docOutages: [], socketOutages: [], typed: 0, closeCodes: new Map() };
          const meter: Meter = {
            message: () => {},
            edit(peer, typedAt, receivedAt) {
              let list = member.arrivals.get(peer);
              if (!list) member.arrivals.set(peer, (list = []));
              list.push([typedAt, receivedAt]);
            },
            status(connected) {
              // A refused reconnection (another node holds the workshop: close code 4503) opens and
              // closes again: still the same outage, until the document syncs.
              const last = member.docOutages.at(-1);
              if (!connected && !(last && Number.isNaN(last[1]))) member.docOutages.push([now(), NaN]);
            },
            closed(code, reason) {
              const key = `${code} ${reason}`;
              member.closeCodes.set(key, (member.closeCodes.get(key) ?? 0) + 1);
            },
            synced() {
              const last = member.docOutages.at(-1);
              if (last && Number.isNaN(last[1])) last[1] = now();
            },
          };
          const { participant } = await join({ target: 'draftroom', url }, workshopId, i, groups, meter);
          member.participant = participant;
          participant.socket?.on('disconnect', () => member.socketOutages.push([now(), NaN]));
          participant.socket?.on('connect', () => {
            const last = member.socketOutages.at(-1);
            if (last && Number.isNaN(last[1])) last[1] = now();
          });
          members.push(member);
        }),
      );
    }
    return new Crowd(url, members);
  }

  /** Everyone types until `until` (epoch ms; or while it returns true); resolves when all have stopped. */
  async type(pace: Pace, until: number | (() => boolean)): Promise<void> {
    await Promise.all(this.members.map((m) => typeFor(m.participant, pace, until, () => m.typed++)));
  }

  /** The members of each room (group document); with `healthy`, those not stuck (see stuck()). */
  rooms(healthy = false): Map<string, Member[]> {
    const rooms = new Map<string, Member[]>();
    for (const m of this.members) {
      if (healthy && stuck(m)) continue;
      rooms.set(m.participant.room, [...(rooms.get(m.participant.room) ?? []), m]);
    }
    return rooms;
  }

  /**
   * Every member that is not stuck synced, every room's copies identical among them, each holding
   * every character the others typed (nothing lost). The failures, if any, in words.
   */
  check(): string[] {
    const problems: string[] = [];
    for (const [room, members] of this.rooms(true)) {
      const prints = new Set(members.map((m) => fingerprint(m.participant.doc)));
      if (prints.size > 1) problems.push(`${room}: ${prints.size} different copies`);
      for (const m of members) {
        if (!m.participant.provider.synced()) problems.push(`${room}: a member is not synced (closed with ${closeCodes([m]) || 'nothing'})`);
        for (const author of members) {
          const text = typedBy(m.participant.doc, author.participant.doc.clientID);
          if (text.length !== author.typed) problems.push(`${room}: ${text.length} of ${author.typed} characters of a member`);
        }
      }
    }
    return problems;
  }

  /**
   * Waits until check() passes: how long it took (NaN if it did not within `msLimit`), and what
   * was still wrong then.
   */
  async settle(msLimit = 30_000): Promise<{ settledMs: number; problems: string[] }> {
    const started = now();
    let problems: string[] = [];
    const ok = await pollUntil(() => (problems = this.check()).length === 0, 'the crowd to converge', msLimit).then(
      () => true,
      () => false,
    );
    return { settledMs: ok ? now() - started : NaN, problems };
  }

  /** Members that stopped reconnecting (a close code in 4400–4499) and are not synced. */
  stuck(): Member[] {
    return this.members.filter(stuck);
  }

  /** The others. */
  healthy(): Member[] {
    return this.members.filter((m) => !stuck(m));
  }

  /**
   * Characters the stuck members typed that never reached their room (as a member that is not
   * stuck has the room); all they typed when their whole room is stuck.
   */
  undelivered(): number {
    let missing = 0;
    const healthy = this.rooms(true);
    for (const m of this.stuck()) {
      const witness = healthy.get(m.participant.room)?.[0];
      missing += m.typed - (witness ? typedBy(witness.participant.doc, m.participant.doc.clientID).length : 0);
    }
    return missing;
  }

  /**
   * Each room's document as the server has it now, read by a fresh client (the facilitator's key
   * of its workshop), compared with the copies of its members that are not stuck. The rooms whose
   * copy differs.
   */
  async serverAgrees(keys: Record<string, string>): Promise<string[]> {
    const differing: string[] = [];
    for (const [room, members] of this.rooms(true)) {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`${this.url.replace(/^http/, 'ws')}/yjs`, room, doc, {
        params: { token: keys[members[0]!.workshopId]! },
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      try {
        await pollUntil(() => provider.synced, `a fresh reader of ${room}`, 15_000);
        if (fingerprint(doc) !== fingerprint(members[0]!.participant.doc)) differing.push(room);
      } finally {
        provider.destroy();
        doc.destroy();
      }
    }
    return differing;
  }

  /** Waits until every member's Socket.IO connection is up (false if not within `msLimit`). */
  socketsUp(msLimit = 30_000): Promise<boolean> {
    return pollUntil(() => this.members.every((m) => m.participant.socket?.connected), 'every Socket.IO connection back', msLimit).then(
      () => true,
      () => false,
    );
  }

  leave(): void {
    for (const m of this.members) {
      m.participant.provider.destroy();
      m.participant.socket?.disconnect();
    }
  }
}

/** Closed by the server for good (4400–4499: y-websocket does not reconnect) and not synced. */
function stuck(m: Member): boolean {
  return !m.participant.provider.synced() && [...m.closeCodes.keys()].some((c) => /^44\d\d /.test(c));
}

/** The close codes the server sent these members, with counts: "4503 served by another node ×40, …". */
export function closeCodes(members: Member[]): string {
  const all = new Map<string, number>();
  for (const m of members) for (const [code, n] of m.closeCodes) all.set(code, (all.get(code) ?? 0) + n);
  return [...all].map(([code, n]) => `${code.trim()} ×${n}`).join(', ');
}

/**
 * For every member and every typing peer of its room (members not stuck), when the first edit the peer typed after
 * `t` arrived there; the latest of them, less `t`: how long until everyone had everyone's edits
 * made after `t` (NaN if some pair never got one).
 */
export function everyoneHasEditsAfter(crowd: Crowd, t: number): number {
  let latest = t;
  for (const members of crowd.rooms(true).values())
    for (const m of members)
      for (const peer of members) {
        if (peer === m) continue;
        const first = m.arrivals.get(String(peer.participant.doc.clientID))?.find(([typed]) => typed > t);
        if (!first) return NaN;
        latest = Math.max(latest, first[1]);
      }
  return latest - t;
}

/**
 * The longest a member went without news from a typing peer within [from, to] (members not stuck): at each arrival,
 * the time since the edit it last had from that peer was typed (the peer types every 100–300 ms,
 * so ~0.3 s is normal). With when it ended.
 */
export function longestWait(crowd: Crowd, from: number, to: number): { ms: number; at: number } {
  let worst = { ms: 0, at: NaN };
  for (const members of crowd.rooms(true).values())
    for (const m of members)
      for (const list of m.arrivals.values()) {
        let previous = NaN;
        for (const [typed, arrived] of list) {
          if (arrived >= from && arrived <= to && Number.isFinite(previous) && arrived - previous > worst.ms) worst = { ms: arrived - previous, at: arrived };
          previous = Math.max(Number.isFinite(previous) ? previous : typed, typed);
        }
      }
  return worst;
}

/** The first outage of each member starting at or after `t`: the longest one, and the last one to end (both ms). */
export function outagesAfter(outages: Array<Array<[number, number]>>, t: number): { longest: number; allBackAfter: number; count: number } {
  let longest = 0;
  let end = t;
  let count = 0;
  for (const list of outages)
    for (const [down, up] of list) {
      if (down < t) continue;
      count++;
      longest = Math.max(longest, up - down);
      end = Math.max(end, up);
    }
  return { longest, allBackAfter: end - t, count };
}
