/**
 * The facilitator's session controls, compact, for the console's sticky bar: timer, closing
 * breakouts, broadcast, and share back (spotlight, peer review) behind a disclosure; quick
 * comments and the OKR rules, for the workshop menu.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits';
import type { RequestEvent, RequestPayload, RequestReply } from '../../../shared/requests';
import type { Result } from '../../../shared/result';
import type { FacilitatorView } from '../../../shared/views';
import type { ConsoleCan } from '../../../shared/phaseMessage';
import { RulesForm } from '../components/RulesForm';
import { TimerPill } from '../components/SessionWidgets';
import { StateIcon } from './GroupState';

/** Sends a facilitator command (typed from the request table) and shows a refusal. */
export type Act = <E extends RequestEvent>(event: E, payload: RequestPayload<E>) => Promise<Result<RequestReply<E>>>;

/** Only the controls that make sense in this state (shared/phaseMessage.ts): none of breakouts outside them. */
export function SessionControls({ view, act, offset, controls }: { view: FacilitatorView; act: Act; offset: number; controls: ConsoleCan }) {
  const { t } = useTranslation('console');
  const breakouts = controls.closeBreakouts || controls.cancelClose || controls.reopenBreakouts;
  const share = controls.spotlight || controls.pairGroups || controls.endPairs;
  if (!controls.timer && !breakouts && !controls.broadcast && !share) return null;
  return (
    <div className="cockpit-controls" role="group" aria-label={t('controls.label')}>
      {controls.timer && <TimerControl view={view} act={act} offset={offset} />}
      {breakouts && <BreakoutControl act={act} controls={controls} />}
      {controls.broadcast && <BroadcastControl view={view} act={act} />}
      {share && <ShareControl view={view} act={act} controls={controls} />}
    </div>
  );
}

function TimerControl({ view, act, offset }: { view: FacilitatorView; act: Act; offset: number }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.timer' });
  const [minutes, setMinutes] = useState(10);
  const hint = useId();
  const timer = view.session.timer;
  const running = timer?.endsAt != null;
  return (
    <div className="cockpit-control" role="group" aria-label={t('title')}>
      <span className="cockpit-control-label" aria-hidden="true">
        {t('title')}
      </span>
      {timer && <TimerPill meta={view.meta} offset={offset} />}
      <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} aria-label={t('minutes')} className="minutes" />
      <span className="muted small">{t('min')}</span>
      <button className="btn btn-secondary btn-sm" onClick={() => act('timer:control', { action: 'set', ms: Math.round(minutes * 60_000) })} data-testid="timer-set">
        {t('set')}
      </button>
      {timer && !running && (
        <button className="btn btn-primary btn-sm" onClick={() => act('timer:control', { action: 'start' })} data-testid="timer-start">
          {t('start')}
        </button>
      )}
      {running && (
        <button className="btn btn-secondary btn-sm" onClick={() => act('timer:control', { action: 'pause' })}>
          {t('pause')}
        </button>
      )}
      {timer && (
        <>
          <button className="btn btn-secondary btn-sm" onClick={() => act('timer:control', { action: 'add', ms: 60_000 })}>
            {t('addMinute')}
          </button>
          <button className="btn btn-secondary btn-sm" onClick={() => act('timer:control', { action: 'stop' })}>
            {t('stop')}
          </button>
          <label className="check cockpit-check" title={t('closeOnEnd')}>
            <input type="checkbox" checked={timer.closeOnEnd} onChange={(e) => act('timer:control', { action: 'closeOnEnd', on: e.target.checked })} aria-describedby={hint} />
            {t('closeOnEndShort')}
            <span id={hint} hidden>
              {t('closeOnEnd')}
            </span>
          </label>
        </>
      )}
    </div>
  );
}

function BreakoutControl({ act, controls }: { act: Act; controls: ConsoleCan }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.breakouts' });
  const [delay, setDelay] = useState(60);
  const hint = useId();
  // The state itself is the console's status banner; this is what can be done about it.
  return (
    <div className="cockpit-control" role="group" aria-label={t('title')}>
      <span id={hint} hidden>
        {t('hint')}
      </span>
      {controls.reopenBreakouts || controls.cancelClose ? (
        <button className="btn btn-secondary btn-sm" onClick={() => act('breakouts:reopen', {})} data-testid="reopen">
          {controls.reopenBreakouts ? t('reopen') : t('cancel')}
        </button>
      ) : (
        <>
          <select value={delay} onChange={(e) => setDelay(Number(e.target.value))} aria-label={t('closeAfter')}>
            <option value={0}>{t('now')}</option>
            <option value={30}>{t('inSeconds', { n: 30 })}</option>
            <option value={60}>{t('inMinutes', { n: 1 })}</option>
            <option value={120}>{t('inMinutes', { n: 2 })}</option>
            <option value={300}>{t('inMinutes', { n: 5 })}</option>
          </select>
          <button className="btn btn-secondary btn-sm" onClick={() => act('breakouts:close', { delaySeconds: delay })} data-testid="close-breakouts" aria-describedby={hint}>
            {t('close')}
          </button>
        </>
      )}
    </div>
  );
}

function BroadcastControl({ view, act }: { view: FacilitatorView; act: Act }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.broadcast' });
  const [text, setText] = useState('');
  const [target, setTarget] = useState('');
  return (
    <form
      className="cockpit-control cockpit-broadcast"
      aria-label={t('title')}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await act('broadcast:send', { text, groupId: target || null });
        if (r.ok) setText('');
      }}
    >
      <input value={text} maxLength={LIMITS.broadcastMaxLength} onChange={(e) => setText(e.target.value)} placeholder={t('placeholder')} aria-label={t('message')} className="grow" />
      <select value={target} onChange={(e) => setTarget(e.target.value)} aria-label={t('to')} className="cockpit-target">
        <option value="">{t('all')}</option>
        {view.meta.groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
          </option>
        ))}
      </select>
      <button className="btn btn-primary btn-sm" type="submit" disabled={!text.trim()} data-testid="broadcast-send">
        {t('send')}
      </button>
    </form>
  );
}

/** Spotlight and peer review, behind a button: its panel opens below it, Escape or a click outside closes it. */
function ShareControl({ view, act, controls }: { view: FacilitatorView; act: Act; controls: ConsoleCan }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.share' });
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { spotlight } = view.session;
  const spotName = spotlight ? view.meta.groups.find((g) => g.id === spotlight)?.name : undefined;
  const pairs = Object.keys(view.session.peers).length > 0;
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  return (
    <div
      className="cockpit-control cockpit-popover-root"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button ref={button} type="button" className={`btn btn-secondary btn-sm cockpit-toggle${open ? ' open' : ''}`} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)} data-testid="share-toggle">
        {spotName ? t('spotlight', { name: spotName }) : pairs ? t('peerReviewOn') : t('title')}
        <StateIcon name="chevron" size={12} />
      </button>
      {/* Kept in the page while closed (hidden): what can be done stays findable. */}
      <div id={panelId} className="cockpit-popover" hidden={!open} role="group" aria-label={t('label')} data-testid="share-panel">
        {controls.spotlight && (
          <div className="control-row">
            <select value={spotlight ?? ''} onChange={(e) => act('spotlight:set', { groupId: e.target.value || null })} aria-label={t('spotlightGroup')} data-testid="spotlight-select">
              <option value="">{t('none')}</option>
              {view.meta.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {t('spotlight', { name: g.name })}
                </option>
              ))}
            </select>
            {spotlight && (
              <button className="btn btn-secondary btn-sm" onClick={() => act('spotlight:set', { groupId: null })}>
                {t('end')}
              </button>
            )}
          </div>
        )}
        <div className="control-row">
          {controls.endPairs ? (
            <>
              <span className="muted small">{t('peerReview', { pairs: pairSummary(view) })}</span>
              <button className="btn btn-secondary btn-sm" onClick={() => act('peers:set', { pairs: [] })}>
                {t('endPeers')}
              </button>
            </>
          ) : controls.pairGroups ? (
            <button className="btn btn-secondary btn-sm" onClick={() => act('peers:auto', {})} disabled={view.meta.groups.length < 2} data-testid="peers-auto">
              {t('auto')}
            </button>
          ) : null}
        </div>
        {controls.pairGroups && <ManualPair view={view} act={act} />}
      </div>
    </div>
  );
}

/** Pair two groups by hand (added to the current pairs). */
function ManualPair({ view, act }: { view: FacilitatorView; act: Act }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.share' });
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
      <span className="muted small">{t('pair')}</span>
      <select value={a} onChange={(e) => setA(e.target.value)} aria-label={t('first')}>
        <option value="">{t('pick')}</option>
        {options(b)}
      </select>
      <span className="muted small">{t('with')}</span>
      <select value={b} onChange={(e) => setB(e.target.value)} aria-label={t('second')}>
        <option value="">{t('pick')}</option>
        {options(a)}
      </select>
      <button
        className="btn btn-secondary btn-sm"
        disabled={!a || !b}
        onClick={async () => {
          const r = await act('peers:set', { pairs: [...currentPairs(view), [a, b]] });
          if (r.ok) {
            setA('');
            setB('');
          }
        }}
      >
        {t('pair')}
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
  const { t } = useTranslation('console', { keyPrefix: 'controls.quick' });
  const [text, setText] = useState(view.session.quickComments.join('\n'));
  const [saved, setSaved] = useState(false);
  return (
    <details className="cockpit-section">
      <summary>{t('summary', { n: view.session.quickComments.length })}</summary>
      <textarea value={text} rows={6} onChange={(e) => setText(e.target.value)} aria-label={t('label')} />
      <button
        className="btn btn-secondary"
        onClick={async () => {
          const items = text.split('\n').map((l) => l.trim()).filter(Boolean);
          const r = await act('quick:set', { items });
          setSaved(r.ok);
        }}
      >
        {t('save')}
      </button>
      {saved && <span className="muted small" role="status"> {t('saved')}</span>}
    </details>
  );
}

/** Edit the workshop's OKR rules; everyone sees the new rules and the coach re-checks at once. */
export function RulesEditor({ view, act }: { view: FacilitatorView; act: Act }) {
  const { t } = useTranslation('console', { keyPrefix: 'controls.rules' });
  const [rules, setRules] = useState(view.meta.rules);
  const [status, setStatus] = useState<string | null>(null);
  return (
    <details className="cockpit-section rules-editor">
      <summary>{t('summary')}</summary>
      <RulesForm value={rules} onChange={setRules} />
      <button
        className="btn btn-secondary"
        onClick={async () => {
          const r = await act('rules:set', { rules });
          setStatus(r.ok ? t('saved') : r.error.message);
        }}
      >
        {t('save')}
      </button>
      {status && <span className="muted small" role="status"> {status}</span>}
    </details>
  );
}
