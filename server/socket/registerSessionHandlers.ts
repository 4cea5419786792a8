/** Running the session over Socket.IO: clock, timer, closing breakouts, help, broadcasts, spotlight, peers, rules. */
import { mergeRules } from '../../shared/okrRules';
import { fail, ok } from '../../shared/result';
import {
  BroadcastPayload,
  CloseBreakoutsPayload,
  EmptyPayload,
  GroupRefPayload,
  HelpPayload,
  PeersPayload,
  QuickCommentsPayload,
  RulesPayload,
  SpotlightPayload,
  TimerPayload,
} from '../../shared/schemas';
import { autoPairs } from '../../shared/session';
import { newId } from '../tokens';
import { unit, type HandlerDeps, type Register } from './handle';

export function registerSessionHandlers(on: Register, _deps: HandlerDeps): void {
  on('clock:now', EmptyPayload, 'any', (_p, { now }) => ok({ now }));
  on('timer:control', TimerPayload, 'facilitator', (command, { room, now }) =>
    unit(room.dispatch({ type: 'timer', command }, now)),
  );
  on('breakouts:close', CloseBreakoutsPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'closeBreakouts', delayMs: p.delaySeconds * 1000 }, now)),
  );
  on('breakouts:reopen', EmptyPayload, 'facilitator', (_p, { room, now }) =>
    unit(room.dispatch({ type: 'reopenBreakouts' }, now)),
  );
  on('help:request', HelpPayload, 'participant', (p, { room, now, participantId }) =>
    unit(room.dispatch({ type: 'requestHelp', participantId: participantId!, message: p.message }, now)),
  );
  on('help:cancel', EmptyPayload, 'participant', (_p, { room, now, participantId }) =>
    unit(room.dispatch({ type: 'cancelHelp', participantId: participantId! }, now)),
  );
  on('help:clear', GroupRefPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'clearHelp', groupId: p.groupId }, now)),
  );
  on('broadcast:send', BroadcastPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'broadcast', id: newId(), text: p.text, groupId: p.groupId }, now)),
  );
  on('spotlight:set', SpotlightPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'spotlight', groupId: p.groupId }, now)),
  );
  on('peers:set', PeersPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'setPeers', pairs: p.pairs }, now)),
  );
  on('peers:auto', EmptyPayload, 'facilitator', (_p, { room, now }) => {
    const pairs = autoPairs(room.state.groups.map((g) => g.id));
    const r = room.dispatch({ type: 'setPeers', pairs }, now);
    return r.ok ? ok({ pairs }) : r;
  });
  on('quick:set', QuickCommentsPayload, 'facilitator', (p, { room, now }) =>
    unit(room.dispatch({ type: 'setQuickComments', items: p.items }, now)),
  );
  on('rules:set', RulesPayload, 'facilitator', (p, { room, now }) => {
    const rules = mergeRules(room.state.rules, p.rules);
    if (!rules) return fail('invalid_payload', 'minKeyResults: must not be above maxKeyResults', 'minKeyResults');
    return unit(room.dispatch({ type: 'setRules', rules }, now));
  });
}
