/**
 * The facilitator console, a cockpit: one sticky bar (phase, timer, close breakouts, broadcast,
 * share back, the workshop menu), the status banner and help queue, then the radar of every group
 * (or Groups & people); a group opens in a panel beside the radar. Links, OKR rules, quick comments,
 * the workshop's language and deleting it live in the workshop menu.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import { PHASE_TRANSITIONS, PHASES, type Phase } from '../../../shared/workshop';
import { ConnectionBadge, usePhaseLabel } from '../components/Badges';
import { GroupDetail } from '../console/GroupDetail';
import { Legend, StateIcon } from '../console/GroupState';
import { HelpQueue } from '../console/HelpQueue';
import { People } from '../console/People';
import { cellButtonSelector, Radar } from '../console/Radar';
import { useRadarView } from '../console/radarLayout';
import { buildCards, filterCards, sortCards, stepGroup, type RadarFilter, type RadarSort } from '../console/radarOrder';
import { SessionControls, type Act } from '../console/SessionControls';
import { useRadar } from '../console/useRadar';
import { WorkshopMenu } from '../console/WorkshopMenu';
import { useServerNow, useServerOffset } from '../net/useSession';
import { ExportButtons } from '../components/ExportButtons';
import { Shell } from '../components/Shell';
import { request, useServerEvent, useWorkshopSocket, type ClientSocket } from '../net/useWorkshopSocket';
import { fragmentParam } from '../router';
import { useWorkshopLanguage } from '../i18n';
import { GonePage } from './GonePage';
import { useConsoleAnnouncements } from '../a11y/useLiveAnnouncements';
import { ConnectionContext, useConnectionHub } from '../net/connection';
import { StatusBanner, usePhaseStatus } from '../components/StatusBanner';
import { CoachingBoard } from '../coaching/CoachingBoard';

export function FacilitatePage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('console');
  const [key] = useState(() => fragmentParam('key'));
  const { socket, state, refusal } = useWorkshopSocket(workshopId, key ? { facilitatorKey: key } : null);
  const hub = useConnectionHub(state, socket);
  const [view, setView] = useState<FacilitatorView | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useServerEvent(socket, 'facilitator:state', setView);
  const offset = useServerOffset(socket);
  const radar = useRadar(socket);
  useServerEvent(socket, 'workshop:deleted', () => setDeleted(true));
  // The console speaks the facilitator's own language if they chose one, else the workshop's.
  useWorkshopLanguage(view?.meta.language);

  // The facilitator's own console: not "ask your facilitator for a new link".
  if (deleted || refusal === 'not_found') return <GonePage kind="ended" />;
  if (!key || refusal === 'unauthorized') {
    return <GonePage kind="badKey" />;
  }

  /** Sends a command; a refusal shows as a dismissible error. */
  const act: Act = async (event, payload) => {
    const r = await request(socket, event, payload);
    setError(r.ok ? null : r.error.message);
    return r;
  };

  return (
    <ConnectionContext.Provider value={hub}>
    <Shell wide right={<ConnectionBadge hub={hub} />}>
      {!view ? (
        <section className="card narrow center">
          <p className="muted">{t('page.opening')}</p>
        </section>
      ) : (
        <Console view={view} act={act} socket={socket} facilitatorKey={key} offset={offset} radar={radar} />
      )}
      {error && (
        <div className="toast error" role="alert">
          {error}{' '}
          <button className="link" onClick={() => setError(null)}>
            {t('page.dismiss')}
          </button>
        </div>
      )}
    </Shell>
    </ConnectionContext.Provider>
  );
}

type Tab = 'radar' | 'people' | 'board';

interface ConsoleProps {
  view: FacilitatorView;
  act: Act;
  socket: ClientSocket | null;
  facilitatorKey: string;
  offset: number;
  radar: Map<string, RadarSummary>;
}

/** Text fields (and selects, which take letters too): J and K are typing there, not stepping. */
function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
}

/** Where focus goes after the panel changes: its heading, the group's cell, or nowhere new. */
type FocusTarget = { to: 'heading' } | { to: 'cell'; groupId: string } | null;

function Console({ view, act, socket, facilitatorKey, offset, radar }: ConsoleProps) {
  const { t } = useTranslation('console');
  const [tab, setTab] = useState<Tab>('radar');
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const [sort, setSort] = useState<RadarSort>('attention');
  const [filter, setFilter] = useState<RadarFilter>('all');
  const [radarView, setRadarView] = useRadarView(view.meta.groups.length);
  // The order previous/next walk: the radar's as it was when the panel opened (a group that moves
  // up because it was just commented on must not make "next" skip or repeat groups).
  const [navOrder, setNavOrder] = useState<string[]>([]);
  const focusNext = useRef<FocusTarget>(null);
  const headingRef = useRef<HTMLHeadingElement & HTMLParagraphElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const barRef = useRef<HTMLElement>(null);

  const { meta, participants } = view;
  const online = participants.filter((p) => p.online).length;
  const session = view.session;
  const status = usePhaseStatus({ ...meta, timer: session.timer, breakouts: session.breakouts, spotlight: session.spotlight, peers: session.peers }, undefined, offset);
  useConsoleAnnouncements(view, socket, offset, status.console);

  const now = useServerNow(offset, true, 15_000);
  const all = useMemo(() => buildCards(meta.groups, participants, radar, session.help), [meta.groups, participants, radar, session.help]);
  const cards = useMemo(() => sortCards(filterCards(all, filter, now), sort, now), [all, filter, sort, now]);
  const order = useMemo(() => cards.map((c) => c.group.id), [cards]);
  const orderRef = useRef(order);
  const openRef = useRef(openGroup);
  useEffect(() => {
    orderRef.current = order;
    openRef.current = openGroup;
  });

  const open = useCallback((groupId: string) => {
    if (openRef.current === groupId) {
      headingRef.current?.focus();
      return;
    }
    if (openRef.current === null) setNavOrder(orderRef.current);
    openRef.current = groupId;
    focusNext.current = { to: 'heading' };
    setOpenGroup(groupId);
  }, []);
  const close = useCallback(() => {
    const current = openRef.current;
    if (current) focusNext.current = { to: 'cell', groupId: current };
    openRef.current = null;
    setOpenGroup(null);
  }, []);
  const chooseSort = (s: RadarSort) => {
    setSort(s);
    if (openGroup) setNavOrder(sortCards(filterCards(all, filter, now), s, now).map((c) => c.group.id));
  };
  const chooseFilter = (f: RadarFilter) => {
    setFilter(f);
    if (openGroup) setNavOrder(sortCards(filterCards(all, f, now), sort, now).map((c) => c.group.id));
  };

  // Previous and next in the walk (groups removed meanwhile left out).
  const walk = useMemo(() => {
    const existing = new Set(meta.groups.map((g) => g.id));
    return navOrder.filter((id) => existing.has(id));
  }, [navOrder, meta.groups]);
  const nameOf = (id: string | null) => (id ? (meta.groups.find((g) => g.id === id)?.name ?? '') : '');
  const nextId = openGroup ? stepGroup(walk, openGroup, 1) : null;
  const prevId = openGroup ? stepGroup(walk, openGroup, -1) : null;
  const index = openGroup ? walk.indexOf(openGroup) : -1;

  /** J or K: the next or previous group; focus follows on a cell (to the new group's cell) or in the panel's draft (to its heading). */
  const step = useCallback(
    (dir: 1 | -1) => {
      if (!openGroup) return;
      const target = stepGroup(walk, openGroup, dir);
      if (!target || target === openGroup) return;
      const active = document.activeElement;
      const panel = active?.closest('[data-testid="group-detail"]');
      if (!panel && active?.closest('[data-group-id]')) focusNext.current = { to: 'cell', groupId: target };
      else if (active === document.body || (panel && !active?.closest('.cockpit-panel-bar'))) focusNext.current = { to: 'heading' };
      setOpenGroup(target);
    },
    [openGroup, walk],
  );

  // J / K step, Escape closes (from anywhere but a text field or a dialog).
  useEffect(() => {
    if (!openGroup) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const target = e.target;
      const inPanel = target instanceof Element && target.closest('[data-testid="group-detail"]') !== null;
      if (e.key === 'Escape') {
        if (isTextField(target)) {
          // Leave the field first (its text stays); a second Escape closes the panel.
          if (inPanel) {
            e.preventDefault();
            headingRef.current?.focus();
          }
          return;
        }
        e.preventDefault();
        close();
        return;
      }
      // Letters are typing in a text field, and choosing in a menu or list.
      if (isTextField(target) || e.repeat || (target instanceof Element && target.closest('[role="menu"], [role="listbox"]'))) return;
      if (e.key === 'j' || e.key === 'J') {
        e.preventDefault();
        step(1);
      } else if (e.key === 'k' || e.key === 'K') {
        e.preventDefault();
        step(-1);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [openGroup, step, close]);

  // Focus after the panel opened, stepped or closed.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    if (target.to === 'heading') headingRef.current?.focus();
    else {
      const cell = document.querySelector<HTMLElement>(cellButtonSelector(target.groupId));
      if (cell) {
        cell.focus();
        cell.scrollIntoView({ block: 'nearest' });
      } else document.querySelector<HTMLElement>('[data-testid="tab-radar"]')?.focus();
    }
  }, [openGroup]);

  // The bar sticks under the page's top bar; the panel under both.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const bar = barRef.current;
    if (!root || !bar) return;
    const update = () => {
      const top = document.querySelector<HTMLElement>('.topbar')?.offsetHeight ?? 0;
      root.style.setProperty('--cockpit-top', `${top}px`);
      root.style.setProperty('--cockpit-stick', `${top + bar.offsetHeight}px`);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="console cockpit" ref={rootRef}>
      <header className="cockpit-bar" ref={barRef} data-testid="cockpit-bar">
        <div className="cockpit-bar-row">
          <div className="cockpit-title">
            <h1 data-testid="console-title">{meta.title}</h1>
            <p className="cockpit-subtitle">
              <span className="eyebrow">{t('header.eyebrow')}</span>{' '}
              <span className="muted small" data-testid="headcount">
                {t('header.participants', { count: participants.length })} · {t('header.online', { count: online })} · {t('header.groups', { count: meta.groups.length })}
              </span>
            </p>
          </div>
          <div className="cockpit-status">
            <StatusBanner message={status.console} text={(k, v) => t(`status.${k}`, v)} offset={offset} />
          </div>
          <PhaseControl phase={meta.phase} onSet={(phase) => act('phase:set', { phase })} />
        </div>
        <div className="cockpit-bar-row cockpit-bar-controls">
          <SessionControls view={view} act={act} offset={offset} controls={status.controls} />
          <button type="button" className="btn btn-secondary cockpit-menu-button" aria-haspopup="dialog" aria-expanded={menuOpen} onClick={() => setMenuOpen(true)} data-testid="workshop-menu">
            <StateIcon name="menu" size={16} /> {t('menu.open')}
          </button>
        </div>
      </header>

      {status.controls.wrapUp && <WrapUp view={view} radar={radar} facilitatorKey={facilitatorKey} />}
      <HelpQueue view={view} act={act} offset={offset} onOpen={open} />

      <div className={openGroup ? 'cockpit-main with-panel' : 'cockpit-main'}>
        <div className="cockpit-pane">
          <nav className="tabs cockpit-tabs" aria-label={t('tabs.label')}>
            <div className="tablist" role="tablist" aria-label={t('tabs.views')}>
              <button role="tab" aria-selected={tab === 'radar'} className={tab === 'radar' ? 'tab active' : 'tab'} onClick={() => setTab('radar')} data-testid="tab-radar">
                {t('tabs.radar')}
              </button>
              <button role="tab" aria-selected={tab === 'people'} className={tab === 'people' ? 'tab active' : 'tab'} onClick={() => setTab('people')} data-testid="tab-people">
                {t('tabs.people')}
              </button>
              <button role="tab" aria-selected={tab === 'board'} className={tab === 'board' ? 'tab active' : 'tab'} onClick={() => setTab('board')} data-testid="tab-board">
                {t('tabs.board')}
                {session.board && <span className="tab-live" aria-hidden="true" />}
              </button>
            </div>
            <span className="spacer" />
            {tab === 'radar' && radarView === 'compact' && <Legend />}
            <ExportButtons workshopId={meta.id} token={facilitatorKey} />
            {tab === 'board' && <ReportLink workshopId={meta.id} facilitatorKey={facilitatorKey} />}
          </nav>
          {tab === 'radar' ? (
            <Radar
              all={all}
              cards={cards}
              radar={radar}
              socket={socket}
              now={now}
              sort={sort}
              onSort={chooseSort}
              filter={filter}
              onFilter={chooseFilter}
              view={radarView}
              onView={setRadarView}
              openGroup={openGroup}
              onOpen={open}
            />
          ) : tab === 'people' ? (
            <People view={view} act={act} />
          ) : (
            <CoachingBoard view={view} act={act} socket={socket} radar={radar} offset={offset} canShow={status.controls.board} />
          )}
        </div>
        {openGroup && (
          <GroupDetail
            view={view}
            groupId={openGroup}
            socket={socket}
            act={act}
            onClose={close}
            prev={prevId && prevId !== openGroup ? { id: prevId, name: nameOf(prevId) } : null}
            next={nextId && nextId !== openGroup ? { id: nextId, name: nameOf(nextId) } : null}
            position={index >= 0 ? { index: index + 1, total: walk.length } : null}
            onStep={(id) => setOpenGroup(id)}
            headingRef={headingRef}
          />
        )}
      </div>
      <WorkshopMenu open={menuOpen} onClose={() => setMenuOpen(false)} view={view} act={act} facilitatorKey={facilitatorKey} />
    </div>
  );
}

/** At the end: what the workshop produced, and the drafts to take away. */
function WrapUp({ view, radar, facilitatorKey }: { view: FacilitatorView; radar: Map<string, RadarSummary>; facilitatorKey: string }) {
  const { t, i18n } = useTranslation('console');
  const number = new Intl.NumberFormat(i18n.language);
  const summaries = view.meta.groups.map((g) => radar.get(g.id));
  const sum = (f: (r: RadarSummary) => number) => summaries.reduce((n, r) => n + (r ? f(r) : 0), 0);
  const counts: Array<[string, number, string]> = [
    [t('wrapUp.groups'), view.meta.groups.length, 'groups'],
    [t('wrapUp.participants'), view.participants.length, 'participants'],
    [t('wrapUp.objectives'), sum((r) => r.objectives), 'objectives'],
    [t('wrapUp.keyResults'), sum((r) => r.keyResults), 'key-results'],
  ];
  return (
    <section className="card wrap-up" aria-label={t('wrapUp.label')} data-testid="wrap-up">
      <h2>{t('wrapUp.label')}</h2>
      <dl className="wrap-up-counts">
        {counts.map(([label, n, id]) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={`wrap-up-${id}`}>{number.format(n)}</dd>
          </div>
        ))}
      </dl>
      <ExportButtons workshopId={view.meta.id} token={facilitatorKey} label={t('wrapUp.export')} />
      <ReportLink workshopId={view.meta.id} facilitatorKey={facilitatorKey} />
    </section>
  );
}

function PhaseControl({ phase, onSet }: { phase: Phase; onSet: (p: Phase) => void }) {
  const { t } = useTranslation('console');
  const label = usePhaseLabel();
  return (
    <nav className="phase-control" aria-label={t('phase.label')}>
      {PHASES.map((p) => {
        const current = p === phase;
        const allowed = PHASE_TRANSITIONS[phase].includes(p);
        return (
          <button
            key={p}
            className={current ? 'phase-step current' : 'phase-step'}
            aria-current={current ? 'step' : undefined}
            disabled={!current && !allowed}
            onClick={() => !current && onSet(p)}
            data-testid={`phase-${p}`}
          >
            {label(p)}
          </button>
        );
      })}
    </nav>
  );
}

/** Opens the session report (issue #23) in a new tab, the key in the fragment as the console has it. */
function ReportLink({ workshopId, facilitatorKey }: { workshopId: string; facilitatorKey: string }) {
  const { t } = useTranslation('coaching');
  return (
    <a className="btn btn-secondary report-link" href={`/w/${encodeURIComponent(workshopId)}/report#key=${encodeURIComponent(facilitatorKey)}`} target="_blank" rel="noopener noreferrer" data-testid="report-link">
      {t('report.open')}
    </a>
  );
}
