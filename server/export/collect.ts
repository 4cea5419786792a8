/** Gathers what an export needs from the server's own copies, at this moment. */
import type { Hint } from '../../shared/coach';
import type { ExportGroup } from '../../shared/exportRows';
import type { Coach } from '../radar/RadarService';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import type { YjsGateway } from '../yjs/YjsGateway';

/** The groups `include` accepts, with members, draft, last edit and coach hints per item. */
export function collectGroups(room: WorkshopRoom, yjs: YjsGateway, coach: Coach, include: (groupId: string) => boolean): ExportGroup[] {
  return room.state.groups
    .filter((g) => include(g.id))
    .map((g) => {
      const draft = yjs.draft(room, g.id);
      const hints = new Map<string, Hint[]>();
      for (const h of coach(draft, room.state.rules)) {
        hints.set(h.itemId, [...(hints.get(h.itemId) ?? []), h]);
      }
      return {
        id: g.id,
        name: g.name,
        members: room.state.participants.filter((p) => p.groupId === g.id).map((p) => p.name),
        draft,
        lastEditAt: yjs.lastEdit(room, g.id),
        hints,
      };
    });
}
