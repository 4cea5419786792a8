/** Running the session over Socket.IO: clock, timer, closing breakouts, help, broadcasts, spotlight, peers, rules, language. */
import { mergeRules } from '../../shared/okrRules';
import { fail, ok } from '../../shared/result';
import { autoPairs } from '../../shared/session';
import { newId } from '../tokens';
import { unit, type Handlers } from './handle';

/** Handlers of the session requests; their payload, role and reply types come from the request table. */
export function sessionHandlers() {
  return {
    'clock:now': (_p, { now }) => ok({ now }),
    'timer:control': (command, { room, now }) => unit(room.dispatch({ type: 'timer', command }, now)),
    'breakouts:close': (p, { room, now }) =>
      unit(room.dispatch({ type: 'closeBreakouts', delayMs: p.delaySeconds * 1000 }, now)),
    'breakouts:reopen': (_p, { room, now }) => unit(room.dispatch({ type: 'reopenBreakouts' }, now)),
    'help:request': (p, { room, now, participantId }) =>
      unit(room.dispatch({ type: 'requestHelp', participantId, message: p.message }, now)),
    'help:cancel': (_p, { room, now, participantId }) => unit(room.dispatch({ type: 'cancelHelp', participantId }, now)),
    'help:clear': (p, { room, now }) => unit(room.dispatch({ type: 'clearHelp', groupId: p.groupId }, now)),
    'broadcast:send': (p, { room, now }) =>
      unit(room.dispatch({ type: 'broadcast', id: newId(), text: p.text, groupId: p.groupId }, now)),
    'spotlight:set': (p, { room, now }) => unit(room.dispatch({ type: 'spotlight', groupId: p.groupId }, now)),
    'peers:set': (p, { room, now }) => unit(room.dispatch({ type: 'setPeers', pairs: p.pairs }, now)),
    'peers:auto': async (_p, { room, now }) => {
      const pairs = autoPairs(room.state.groups.map((g) => g.id));
      const r = await room.dispatch({ type: 'setPeers', pairs }, now);
      return r.ok ? ok({ pairs }) : r;
    },
    'quick:set': (p, { room, now }) => unit(room.dispatch({ type: 'setQuickComments', items: p.items }, now)),
    'rules:set': (p, { room, now }) => {
      const rules = mergeRules(room.state.rules, p.rules);
      if (!rules) return fail('invalid_payload', 'minKeyResults: must not be above maxKeyResults', 'minKeyResults');
      return unit(room.dispatch({ type: 'setRules', rules }, now));
    },
    'language:set': (p, { room, now }) => unit(room.dispatch({ type: 'setLanguage', language: p.language }, now)),
  } satisfies Partial<Handlers>;
}
