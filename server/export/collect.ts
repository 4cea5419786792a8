/** Gathers what an export needs from the server's own copies, at this moment. */
import { RULE_IDS, type Hint } from '../../shared/coach';
import type { ExportGroup } from '../../shared/exportRows';
import type { Coach } from '../radar/RadarService';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { Store } from '../store/Store';
import type { YjsGateway } from '../yjs/YjsGateway';

type CoachHint = ReturnType<Coach>[number];

/**
 * Whether a hint is a whole coach Hint (a known rule, and the params its words are filled with).
 * The radar's `Coach` type only promises rule and item; the app's coach gives whole Hints.
 */
export function isHint(hint: CoachHint): hint is CoachHint & Hint {
  const h = hint as Partial<Hint>;
  return (RULE_IDS as readonly string[]).includes(hint.rule) && typeof h.params === 'object' && h.params !== null && typeof h.severity === 'string';
}

/** The groups `include` accepts, with members, draft, last edit and coach hints per item. */
export function collectGroups(room: WorkshopRoom, store: Store, yjs: YjsGateway, coach: Coach, include: (groupId: string) => boolean): ExportGroup[] {
  return room.state.groups
    .filter((g) => include(g.id))
    .map((g) => {
      const draft = yjs.draft(room.id, g.id);
      const hints = new Map<string, Hint[]>();
      for (const h of coach(draft, room.state.rules)) {
        if (isHint(h)) hints.set(h.itemId, [...(hints.get(h.itemId) ?? []), h]);
      }
      return {
        id: g.id,
        name: g.name,
        members: room.state.participants.filter((p) => p.groupId === g.id).map((p) => p.name),
        draft,
        lastEditAt: store.lastEdit(room.id, g.id),
        hints,
      };
    });
}
