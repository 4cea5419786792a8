/** The facilitator's session controls: timer, closing breakouts, broadcast, spotlight, peer review, quick comments. */
import { useState } from 'react';
import { LIMITS } from '../../../shared/limits';
import type { RequestEvent, RequestPayload, RequestReply } from '../../../shared/requests';
import type { Result } from '../../../shared/result';
import type { FacilitatorView } from '../../../shared/views';
import { RulesForm } from '../components/RulesForm';
import { TimerPill } from '../components/SessionWidgets';

/** Sends a facilitator command (typed from the request table) and shows a refusal. */
export type Act = <E extends RequestEvent>(event: E, payload: RequestPayload<E>) => Promise<Result<RequestReply<E>>>;

export function SessionControls({ view, act, offset }: { view: FacilitatorView; act: Act; offset: number }) {
  return (
    <section className="session-controls" aria-label="Session controls">
      <TimerControl view={view} act={act} offset={offset} />
      <BreakoutControl view={view} act={act} />
      <BroadcastControl view={view} act={act} />
      <ShareControl view={view} act={act} />
    </section>
  );
}

function TimerControl({ view, act, offset }: { view: FacilitatorView; act: Act; offset: number }) {
  const [minutes, setMinutes] = useState(10);
  const timer = view.session.timer;
  const running = timer?.endsAt != null;
  return (
    <div className="control" aria-label="Timer">
      <h2>Timer {timer && <TimerPill meta={view.meta} offset={offset} />}</h2>
      <div className="control-row">
        <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label="Minutes" className="minutes" />
        <span className="muted small">min</span>
        <button className="btn btn-secondary" onClick={() => act('timer:control', { action: 'set', ms: Math.round(minutes * 60_000) })} data-testid="timer-set">
          Set
        </button>
        {timer && !running && (
          <button className="btn btn-primary" onClick={() => act('timer:control', { action: 'start' })} data-testid="timer-start">
            Start
          </button>
        )}
        {running && (
          <button className="btn btn-secondary" onClick={() => act('timer:control', { action: 'pause' })}>
            Pause
          </button>
        )}
        {timer && (
          <>
            <button className="btn btn-secondary" onClick={() => act('timer:control', { action: 'add', ms: 60_000 })}>
              +1 min
            </button>
            <button className="btn btn-secondary" onClick={() => act('timer:control', { action: 'stop' })}>
              Stop
            </button>
          </>
        )}
      </div>
      {timer && (
        <label className="check">
          <input type="checkbox" checked={timer.closeOnEnd} onChange={(e) => act('timer:control', { action: 'closeOnEnd', on: e.target.checked })} />
          Close breakouts when the timer ends (60-second warning)
        </label>
      )}
    </div>
  );
}

function BreakoutControl({ view, act }: { view: FacilitatorView; act: Act }) {
  const [delay, setDelay] = useState(60);
  const { breakouts } = view.session;
  return (
    <div className="control" aria-label="Breakouts">
      <h2>Breakouts {breakouts.closed ? <span className="pill phase-ended">closed</span> : <span className="pill phase-breakouts">open</span>}</h2>
      <div className="control-row">
        {breakouts.closed || breakouts.closesAt !== null ? (
          <button className="btn btn-secondary" onClick={() => act('breakouts:reopen', {})} data-testid="reopen">
            {breakouts.closed ? 'Reopen breakouts' : 'Cancel closing'}
          </button>
        ) : (
          <>
            <select value={delay} onChange={(e) => setDelay(Number(e.target.value))} aria-label="Close after">
              <option value={0}>now</option>
              <option value={30}>in 30 s</option>
              <option value={60}>in 1 min</option>
              <option value={120}>in 2 min</option>
              <option value={300}>in 5 min</option>
            </select>
            <button className="btn btn-secondary" onClick={() => act('breakouts:close', { delaySeconds: delay })} data-testid="close-breakouts">
              Close breakouts
            </button>
          </>
        )}
      </div>
      <p className="muted small">Closed breakouts are read-only for participants; you can still fix typos.</p>
    </div>
  );
}

function BroadcastControl({ view, act }: { view: FacilitatorView; act: Act }) {
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  return (
    <form
      className="control"
      aria-label="Broadcast"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await act('broadcast:send', { text, groupId: target || null });
        if (r.ok) setText('');
      }}
    >
      <h2>Broadcast</h2>
      <div className="control-row">
        <input value={text} maxLength={LIMITS.broadcastMaxLength} onChange={(e) => setText(e.target.value)} placeholder="Message shown as a banner" aria-label="Broadcast message" className="grow" />
        <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label="Send to">
          <option value="">All groups</option>
          {view.meta.groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
        <button className="btn btn-primary" type="submit" disabled={!text.trim()} data-testid="broadcast-send">
          Send
        </button>
      </div>
    </form>
  );
}

function ShareControl({ view, act }: { view: FacilitatorView; act: Act }) {
  const { spotlight, peers } = view.session;
  const pairs = Object.keys(peers).length > 0;
  return (
    <div className="control" aria-label="Share back and peer review">
      <h2>Share back</h2>
      <div className="control-row">
        <select value={spotlight ?? ''} onChange={(e) => act('spotlight:set', { groupId: e.target.value || null })} aria-label="Spotlight group" data-testid="spotlight-select">
          <option value="">No spotlight</option>
          {view.meta.groups.map((g) => (
            <option key={g.id} value={g.id}>
              Spotlight: {g.name}
            </option>
          ))}
        </select>
        {spotlight && (
          <button className="btn btn-secondary" onClick={() => act('spotlight:set', { groupId: null })}>
            End spotlight
          </button>
        )}
      </div>
      <div className="control-row">
        {pairs ? (
          <>
            <span className="muted small">Peer review: {pairSummary(view)}</span>
            <button className="btn btn-secondary" onClick={() => act('peers:set', { pairs: [] })}>
              End peer review
            </button>
          </>
        ) : (
          <button className="btn btn-secondary" onClick={() => act('peers:auto', {})} disabled={view.meta.groups.length < 2} data-testid="peers-auto">
            Pair all groups automatically
          </button>
        )}
      </div>
      <ManualPair view={view} act={act} />
    </div>
  );
}

/** Pair two groups by hand (added to the current pairs). */
function ManualPair({ view, act }: { view: FacilitatorView; act: Act }) {
  const free = view.meta.groups.filter((g) => !view.session.peers[g.id]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  if (free.length < 2) return null;
  const options = (exclude: string) =>
    free
      .filter((g) => g.id !== exclude)
      .map((g) => (
        <option key={g.id} value={g.id}>
          {g.name}
        </option>
      ));
  return (
    <div className="control-row">
      <span className="muted small">Pair</span>
      <select value={a} onChange={(e) => setA(e.target.value)} aria-label="First group">
        <option value="">group…</option>
        {options(b)}
      </select>
      <span className="muted small">with</span>
      <select value={b} onChange={(e) => setB(e.target.value)} aria-label="Second group">
        <option value="">group…</option>
        {options(a)}
      </select>
      <button
        className="btn btn-secondary"
        disabled={!a || !b}
        onClick={async () => {
          const r = await act('peers:set', { pairs: [...currentPairs(view), [a, b]] });
          if (r.ok) {
            setA('');
            setB('');
          }
        }}
      >
        Pair
      </button>
    </div>
  );
}

/** The pairs (or trios) behind the partner lists. */
function currentPairs(view: FacilitatorView): string[][] {
  const seen = new Set<string>();
  const sets: string[][] = [];
  for (const [g, partners] of Object.entries(view.session.peers)) {
    if (seen.has(g)) continue;
    const set = [g, ...partners];
    set.forEach((x) => seen.add(x));
    sets.push(set);
  }
  return sets;
}

function pairSummary(view: FacilitatorView): string {
  const name = (id: string) => view.meta.groups.find((g) => g.id === id)?.name ?? '?';
  return currentPairs(view)
    .map((set) => set.map(name).join(' ↔ '))
    .join(', ');
}

/** Edit the canned coaching prompts, one per line. */
export function QuickCommentsEditor({ view, act }: { view: FacilitatorView; act: Act }) {
  const [text, setText] = useState(view.session.quickComments.join('\n'));
  const [saved, setSaved] = useState(false);
  return (
    <details className="control quick-editor">
      <summary>Quick comments ({view.session.quickComments.length})</summary>
      <textarea value={text} rows={6} onChange={(e) => setText(e.target.value)} aria-label="Quick comments, one per line" />
      <button
        className="btn btn-secondary"
        onClick={async () => {
          const items = text.split('\n').map((l) => l.trim()).filter(Boolean);
          const r = await act('quick:set', { items });
          setSaved(r.ok);
        }}
      >
        Save
      </button>
      {saved && <span className="muted small"> Saved.</span>}
    </details>
  );
}

/** Edit the workshop's OKR rules; everyone sees the new rules and the coach re-checks at once. */
export function RulesEditor({ view, act }: { view: FacilitatorView; act: Act }) {
  const [rules, setRules] = useState(view.meta.rules);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <details className="control quick-editor rules-editor">
      <summary>OKR rules</summary>
      <RulesForm value={rules} onChange={setRules} />
      <button
        className="btn btn-secondary"
        onClick={async () => {
          const r = await act('rules:set', { rules });
          setStatus(r.ok ? 'Saved: everyone sees the new rules.' : r.error.message);
        }}
      >
        Save rules
      </button>
      {status && <span className="muted small"> {status}</span>}
    </details>
  );
}
