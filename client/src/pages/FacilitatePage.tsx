/** The facilitator console: radar of every group, session controls, help queue, groups & people, one group in detail. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import { PHASE_TRANSITIONS, PHASES, type Phase } from '../../../shared/workshop';
import { ConnectionBadge, usePhaseLabel } from '../components/Badges';
import { GroupDetail } from '../console/GroupDetail';
import { HelpQueue } from '../console/HelpQueue';
import { People } from '../console/People';
import { Radar } from '../console/Radar';
import { QuickCommentsEditor, RulesEditor, SessionControls, type Act } from '../console/SessionControls';
import { useRadar } from '../console/useRadar';
import { useServerOffset } from '../net/useSession';
import { ExportButtons } from '../components/ExportButtons';
import { CopyField } from '../components/CopyField';
import { Shell } from '../components/Shell';
import { request, useServerEvent, useWorkshopSocket, type ClientSocket } from '../net/useWorkshopSocket';
import { fragmentParam } from '../router';
import { useWorkshopLanguage } from '../i18n';
import { GonePage } from './GonePage';
import { useConsoleAnnouncements } from '../a11y/useLiveAnnouncements';
import { ConnectionContext, useConnectionHub } from '../net/connection';
import { StatusBanner, usePhaseStatus } from '../components/StatusBanner';

export function FacilitatePage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('console');
  const [key] = useState(() => fragmentParam('key'));
  const { socket, state, refusal } = useWorkshopSocket(workshopId, key ? { facilitatorKey: key } : null);
  const hub = useConnectionHub(state);
  const [view, setView] = useState<FacilitatorView | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useServerEvent(socket, 'facilitator:state', setView);
  const offset = useServerOffset(socket);
  const radar = useRadar(socket);
  useServerEvent(socket, 'workshop:deleted', () => setDeleted(true));
  // The console speaks the facilitator's own language if they chose one, else the workshop's.
  useWorkshopLanguage(view?.meta.language);

  if (deleted || refusal === 'not_found') return <GonePage />;
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

type Tab = 'radar' | 'people';

interface ConsoleProps {
  view: FacilitatorView;
  act: Act;
  socket: ClientSocket | null;
  facilitatorKey: string;
  offset: number;
  radar: Map<string, RadarSummary>;
}

function Console({ view, act, socket, facilitatorKey, offset, radar }: ConsoleProps) {
  const { t } = useTranslation('console');
  const [tab, setTab] = useState<Tab>('radar');
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const { meta, participants } = view;
  const online = participants.filter((p) => p.online).length;
  const joinUrl = `${location.origin}/w/${meta.id}`;
  const session = view.session;
  const status = usePhaseStatus({ ...meta, timer: session.timer, breakouts: session.breakouts, spotlight: session.spotlight, peers: session.peers }, undefined, offset);
  useConsoleAnnouncements(view, socket, offset, status.console);

  return (
    <div className="console">
      <header className="console-header">
        <div>
          <p className="eyebrow">{t('header.eyebrow')}</p>
          <h1 data-testid="console-title">{meta.title}</h1>
          <p className="muted" data-testid="headcount">
            {t('header.participants', { count: participants.length })} · {t('header.online', { count: online })} ·{' '}
            {t('header.groups', { count: meta.groups.length })}
          </p>
          <WorkshopLanguage language={meta.language} onSet={(language) => act('language:set', { language })} />
        </div>
        <PhaseControl phase={meta.phase} onSet={(phase) => act('phase:set', { phase })} />
      </header>

      <section className="share-row">
        <CopyField label={t('links.participant')} value={joinUrl} testId="console-join-url" />
        <CopyField label={t('links.facilitator')} value={`${location.origin}/w/${meta.id}/facilitate#key=${facilitatorKey}`} masked testId="console-fac-url" />
      </section>

      <StatusBanner message={status.console} text={(k, v) => t(`status.${k}`, v)} offset={offset} />
      {status.controls.wrapUp && <WrapUp view={view} radar={radar} facilitatorKey={facilitatorKey} />}
      <SessionControls view={view} act={act} offset={offset} controls={status.controls} />
      <HelpQueue view={view} act={act} offset={offset} onOpen={setOpenGroup} />

      {openGroup ? (
        <GroupDetail view={view} groupId={openGroup} socket={socket} act={act} onBack={() => setOpenGroup(null)} />
      ) : (
        <>
          <nav className="tabs" aria-label={t('tabs.label')}>
            <div className="tablist" role="tablist" aria-label={t('tabs.views')}>
              <button role="tab" aria-selected={tab === 'radar'} className={tab === 'radar' ? 'tab active' : 'tab'} onClick={() => setTab('radar')} data-testid="tab-radar">
                {t('tabs.radar')}
              </button>
              <button role="tab" aria-selected={tab === 'people'} className={tab === 'people' ? 'tab active' : 'tab'} onClick={() => setTab('people')} data-testid="tab-people">
                {t('tabs.people')}
              </button>
            </div>
            <span className="spacer" />
            <RulesEditor view={view} act={act} />
            <QuickCommentsEditor view={view} act={act} />
            <ExportButtons workshopId={meta.id} token={facilitatorKey} />
            <button
              className="btn btn-danger"
              onClick={() => confirm(t('delete.confirm')) && act('workshop:delete', {})}
            >
              {t('delete.button')}
            </button>
          </nav>
          {tab === 'radar' ? <Radar view={view} radar={radar} socket={socket} offset={offset} onOpen={setOpenGroup} /> : <People view={view} act={act} />}
        </>
      )}
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
    </section>
  );
}

/** The workshop's language: the default for participants who did not pick their own, and the export's. */
function WorkshopLanguage({ language, onSet }: { language: Language; onSet: (language: Language) => void }) {
  const { t } = useTranslation('console');
  const id = useId();
  return (
    <div className="inline-field workshop-language">
      <label className="small" htmlFor={id}>
        <strong>{t('language.label')}</strong>
      </label>
      <select id={id} value={language} onChange={(e) => isLanguage(e.target.value) && onSet(e.target.value)} data-testid="console-language" aria-describedby={`${id}-hint`}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <span className="muted small" id={`${id}-hint`}>
        {t('language.hint')}
      </span>
    </div>
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

