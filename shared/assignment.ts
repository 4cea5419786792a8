/** Pure group-assignment logic: who goes where on join, balance and shuffle. */
import type { Group, Participant } from './workshop';

/** Member count of every group, in group order. */
export function groupSizes(groups: readonly Group[], participants: readonly Participant[]): Map<string, number> {
  const sizes = new Map(groups.map((g) => [g.id, 0]));
  for (const p of participants) {
    if (p.groupId !== null && sizes.has(p.groupId)) sizes.set(p.groupId, (sizes.get(p.groupId) ?? 0) + 1);
  }
  return sizes;
}

/** The emptiest group (first on ties) with room under `capacity`, or null when all are full. */
export function pickEmptiestGroup(
  groups: readonly Group[],
  participants: readonly Participant[],
  capacity: number | null,
): string | null {
  let best: string | null = null;
  let bestSize = Infinity;
  for (const [id, size] of groupSizes(groups, participants)) {
    if (size < bestSize) {
      best = id;
      bestSize = size;
    }
  }
  if (best === null || (capacity !== null && bestSize >= capacity)) return null;
  return best;
}

/** True when the group can take one more member under `capacity`. */
export function hasRoom(
  groupId: string,
  groups: readonly Group[],
  participants: readonly Participant[],
  capacity: number | null,
): boolean {
  const size = groupSizes(groups, participants).get(groupId);
  return size !== undefined && (capacity === null || size < capacity);
}

/**
 * Moves as few people as possible so that every participant (lobby included) is in a group and
 * group sizes differ by at most one. Returns only the changed seats: participantId → groupId.
 */
export function balance(groups: readonly Group[], participants: readonly Participant[]): Map<string, string> {
  const moves = new Map<string, string>();
  if (groups.length === 0) return moves;
  const base = Math.floor(participants.length / groups.length);
  const extra = participants.length % groups.length;
  const members = new Map(groups.map((g) => [g.id, [] as Participant[]]));
  const movers: Participant[] = [];
  for (const p of participants) {
    const list = p.groupId === null ? undefined : members.get(p.groupId);
    if (list) list.push(p);
    else movers.push(p);
  }
  // The currently largest groups keep the extra seats, so fewer people move.
  const bySizeDesc = [...groups].sort((a, b) => members.get(b.id)!.length - members.get(a.id)!.length);
  const target = new Map(bySizeDesc.map((g, i) => [g.id, base + (i < extra ? 1 : 0)]));
  for (const g of groups) {
    const list = members.get(g.id)!;
    // Latest joiners move first: earlier members have likely started working together.
    while (list.length > target.get(g.id)!) movers.push(list.pop()!);
  }
  for (const g of groups) {
    const list = members.get(g.id)!;
    while (list.length < target.get(g.id)! && movers.length > 0) {
      const p = movers.shift()!;
      list.push(p);
      moves.set(p.id, g.id);
    }
  }
  return moves;
}

/** Random, balanced assignment of everyone (lobby included): participantId → groupId. */
export function shuffle(
  groups: readonly Group[],
  participants: readonly Participant[],
  random: () => number,
): Map<string, string> {
  const order = participants.map((p) => p.id);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const result = new Map<string, string>();
  if (groups.length === 0) return result;
  order.forEach((id, i) => result.set(id, groups[i % groups.length]!.id));
  return result;
}
