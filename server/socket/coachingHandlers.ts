/** The teaching board and the coaching report over Socket.IO (issue #23): showing the board is workshop state, through the reducer. */
import type { BoardView, CoachingReport } from '../../shared/coaching';
import { ok } from '../../shared/result';
import type { WorkshopRoom } from '../rooms/WorkshopRoom';
import { unit, type Handlers } from './handle';

export interface CoachingHandlerDeps {
  coaching: {
    report(room: WorkshopRoom): CoachingReport;
    /** The board as everyone sees it while it is shown (a newcomer is sent it), else null. */
    board(room: WorkshopRoom): BoardView | null;
  };
}

/** Handlers of the board and coaching requests; their payload, role and reply types come from the request table. */
export function coachingHandlers(deps: CoachingHandlerDeps) {
  return {
    'board:set': (p, { room, now }) => unit(room.dispatch({ type: 'setBoard', board: p.shown ? { names: p.names } : null }, now)),
    'coaching:report': (_p, { room }) => ok(deps.coaching.report(room)),
    'report:notes': (p, { room, now }) => unit(room.dispatch({ type: 'setNotes', notes: p.notes }, now)),
  } satisfies Partial<Handlers>;
}
