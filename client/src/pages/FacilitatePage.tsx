/** The facilitator console: radar of every group, session controls, help queue, groups & people, one group in detail. */
import { useState } from 'react';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import { PHASE_TRANSITIONS, PHASES, type Phase } from '../../../shared/workshop';
import { ConnectionBadge, PHASE_LABELS } from '../components/Badges';
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
import { GonePage } from './GonePage';
import { useConsoleAnnouncements } from '../a11y/useLiveAnnouncements';

export function FacilitatePage({ workshopId }: { workshopId: string }) {
  const [key] = useState(() => fragmentParam('key'));
  const { socket, state, refusal } = useWorkshopSocket(workshopId, key ? { facilitatorKey: key } : null);
  const [view, setView] = useState<FacilitatorView | null>(null);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useServerEvent(socket, 'facilitator:state', setView);
  const offset = useServerOffset(socket);
  const radar = useRadar(socket);
  useServerEvent(socket, 'workshop:deleted', () => setDeleted(true));

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
    <Shell wide right={<ConnectionBadge state={state} />}>
      {!view ? (
        <section className="card narrow center">
          <p className="muted">Opening the console…</p>
        </section>
      ) : (
        <Console view={view} act={act} socket={socket} facilitatorKey={key} offset={offset} radar={radar} />
      )}
      {error && (
        <div className="toast error" role="alert">
          {error}{' '}
          <button className="link" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
    </Shell>
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
  const [tab, setTab] = useState<Tab>('radar');
  const [openGroup, setOpenGroup] = useState<string | null>(null);
  const { meta, participants } = view;
  const online = participants.filter((p) => p.online).length;
  const joinUrl = `${location.origin}/w/${meta.id}`;
  useConsoleAnnouncements(view, socket, offset);

  return (
    <div className="console">
      <header className="console-header">
        <div>
          <p className="eyebrow">Facilitator console</p>
          <h1 data-testid="console-title">{meta.title}</h1>
          <p className="muted" data-testid="headcount">
            {participants.length} participant{participants.length === 1 ? '' : 's'} · {online} online · {meta.groups.length} groups
          </p>
        </div>
        <PhaseControl phase={meta.phase} onSet={(phase) => act('phase:set', { phase })} />
      </header>

      <section className="share-row">
        <CopyField label="Participant link" value={joinUrl} testId="console-join-url" />
        <CopyField label="Facilitator link (private)" value={`${location.origin}/w/${meta.id}/facilitate#key=${facilitatorKey}`} masked testId="console-fac-url" />
      </section>

      <SessionControls view={view} act={act} offset={offset} />
      <HelpQueue view={view} act={act} offset={offset} onOpen={setOpenGroup} />

      {openGroup ? (
        <GroupDetail view={view} groupId={openGroup} socket={socket} act={act} onBack={() => setOpenGroup(null)} />
      ) : (
        <>
          <nav className="tabs" aria-label="Console">
            <div className="tablist" role="tablist" aria-label="Views">
              <button role="tab" aria-selected={tab === 'radar'} className={tab === 'radar' ? 'tab active' : 'tab'} onClick={() => setTab('radar')} data-testid="tab-radar">
                Radar
              </button>
              <button role="tab" aria-selected={tab === 'people'} className={tab === 'people' ? 'tab active' : 'tab'} onClick={() => setTab('people')} data-testid="tab-people">
                Groups &amp; people
              </button>
            </div>
            <span className="spacer" />
            <RulesEditor view={view} act={act} />
            <QuickCommentsEditor view={view} act={act} />
            <ExportButtons workshopId={meta.id} token={facilitatorKey} />
            <button
              className="btn btn-danger"
              onClick={() => confirm('End and delete this workshop? All groups, drafts and seats are deleted for good.') && act('workshop:delete', {})}
            >
              End &amp; delete workshop
            </button>
          </nav>
          {tab === 'radar' ? <Radar view={view} radar={radar} socket={socket} offset={offset} onOpen={setOpenGroup} /> : <People view={view} act={act} />}
        </>
      )}
    </div>
  );
}

function PhaseControl({ phase, onSet }: { phase: Phase; onSet: (p: Phase) => void }) {
  return (
    <nav className="phase-control" aria-label="Workshop phase">
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
            {PHASE_LABELS[p]}
          </button>
        );
      })}
    </nav>
  );
}

