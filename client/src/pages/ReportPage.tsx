/**
 * The session report (issue #23): one page for the sponsor, opened from the console with the
 * facilitator key in the fragment. The figures come from report.json (the server's, as the export's);
 * the facilitator's notes are typed here, saved with the workshop (debounced) and printed with the
 * page. "Print / save as PDF" is the browser's print: the print CSS makes it one A4 page.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits';
import type { SessionReport } from '../../../shared/report';
import { Sparkline } from '../coaching/Sparkline';
import { useWorkshopLanguage } from '../i18n';
import { request, useWorkshopSocket } from '../net/useWorkshopSocket';
import { fragmentParam } from '../router';
import { GonePage } from './GonePage';

/** Notes are saved this long after the last keystroke. */
const SAVE_AFTER_MS = 700;

type SaveState = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string };

export function ReportPage({ workshopId }: { workshopId: string }) {
  const { t } = useTranslation('coaching');
  const [key] = useState(() => fragmentParam('key'));
  const { socket } = useWorkshopSocket(workshopId, key ? { facilitatorKey: key } : null);
  const [report, setReport] = useState<SessionReport | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  const load = useCallback(async () => {
    if (!key) return;
    try {
      const res = await fetch(`/api/workshops/${encodeURIComponent(workshopId)}/report.json`, { headers: { authorization: `Bearer ${key}` }, cache: 'no-store' });
      if (!res.ok) return setFailed(res.status);
      setFailed(null);
      setReport((await res.json()) as SessionReport);
    } catch {
      setFailed(0);
    }
  }, [workshopId, key]);
  useEffect(() => void load(), [load]);
  useWorkshopLanguage(report?.language);

  if (!key || failed === 401 || failed === 403) return <GonePage kind="badKey" />;
  if (failed === 404) return <GonePage kind="ended" />;
  return (
    <main className="report-page" data-testid="report-page">
      <div className="report-toolbar no-print">
        <p className="muted small">{t('report.backHint')}</p>
        <span className="spacer" />
        <button type="button" className="btn btn-secondary" onClick={() => void load()} data-testid="report-refresh">
          {t('report.refresh')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => window.print()} disabled={!report} data-testid="report-print">
          {t('report.print')}
        </button>
      </div>
      {failed !== null && (
        <p className="error no-print" role="alert">
          {t('report.failed', { status: failed })}
        </p>
      )}
      {report ? (
        <Report report={report} socket={socket} />
      ) : (
        <p className="muted report-sheet" role="status">
          {t('report.loading')}
        </p>
      )}
    </main>
  );
}

function Report({ report: r, socket }: { report: SessionReport; socket: ReturnType<typeof useWorkshopSocket>['socket'] }) {
  const { t, i18n } = useTranslation('coaching');
  const number = new Intl.NumberFormat(i18n.language);
  const n = (v: number) => number.format(v);
  const percent = (part: number, whole: number) => (whole === 0 ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(part / whole));
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(r.startedAt ?? r.createdAt);
  const asOf = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(r.generatedAt);
  const minutes = r.medianFirstKeyResultMs === null ? t('report.notYet') : t('report.minutes', { count: Math.max(1, Math.round(r.medianFirstKeyResultMs / 60_000)) });
  const q = r.quality;
  return (
    <article className="report-sheet" aria-labelledby="report-title">
      <header className="report-head">
        <p className="eyebrow">{t('report.kicker')}</p>
        <h1 id="report-title" dir="auto">
          {r.title}
        </h1>
        <p className="muted">
          {date} · <span data-testid="report-as-of">{t('report.generated', { time: asOf })}</span>
        </p>
      </header>

      <dl className="report-stats">
        <Stat id="participants" label={t('report.participants')} value={n(r.attendance.joined)} sub={t('report.participantsSub', { inGroups: n(r.attendance.inGroups), lobby: n(r.attendance.lobby) })} />
        <Stat id="groups" label={t('report.groups')} value={n(r.groups.total)} sub={t('report.groupsSub', { withKeyResult: n(r.groups.withKeyResult), smallest: n(r.attendance.smallestGroup), largest: n(r.attendance.largestGroup) })} />
        <Stat id="objectives" label={t('report.objectives')} value={n(r.drafted.objectives)} />
        <Stat id="key-results" label={t('report.keyResults')} value={n(r.drafted.keyResults)} sub={`${t('report.firstKeyResult')}: ${minutes}`} />
      </dl>

      <div className="report-row">
        <section className="report-box" aria-labelledby="report-quality">
          <h2 id="report-quality">{t('report.quality')}</h2>
          <p className="muted small">{t('report.qualityHelp', { count: q.keyResults })}</p>
          <div className="report-quality">
            <Bar label={t('report.before')} value={percent(q.cleanBefore, q.keyResults)} detail={t('report.cleanOf', { n: n(q.cleanBefore), total: n(q.keyResults) })} share={q.keyResults ? q.cleanBefore / q.keyResults : 0} testId="report-clean-before" />
            <Bar label={t('report.after')} value={percent(q.cleanNow, q.keyResults)} detail={t('report.cleanOf', { n: n(q.cleanNow), total: n(q.keyResults) })} share={q.keyResults ? q.cleanNow / q.keyResults : 0} testId="report-clean-now" good />
          </div>
        </section>
        <section className="report-box" aria-labelledby="report-hints">
          <h2 id="report-hints">{t('report.hints')}</h2>
          <dl className="report-hints">
            <Stat id="hints-raised" label={t('report.hintsRaised')} value={n(r.hints.raised)} small />
            <Stat id="hints-fixed" label={t('report.hintsFixed')} value={n(r.hints.fixed)} small />
            <Stat id="hints-open" label={t('report.hintsOpen')} value={n(r.hints.open)} small />
          </dl>
          <figure className="report-trend">
            <Sparkline values={r.openSeries} width={220} height={34} testId="report-sparkline" />
            <figcaption aria-hidden="true" className="muted small">
              {t('progress.trendLabel')}
            </figcaption>
          </figure>
          <p className="small report-comments">
            <strong>{t('report.comments')}:</strong> <span data-testid="report-comments">{t('report.commentsValue', { given: n(r.comments.given), resolved: n(r.comments.resolved) })}</span>
          </p>
        </section>
      </div>

      <section className="report-box report-patterns-box" aria-labelledby="report-patterns">
        <h2 id="report-patterns">{t('report.patterns')}</h2>
        {r.patterns.length === 0 ? (
          <p className="muted">{t('report.patternsEmpty')}</p>
        ) : (
          <ol className="report-patterns">
            {r.patterns.map((p) => (
              <li key={p.rule} data-testid="report-pattern" data-rule={p.rule}>
                <p className="report-pattern-head">
                  <strong>{t(`patterns.${p.rule}`)}</strong>{' '}
                  <span className="report-pattern-count">
                    {t('board.groupsOf', { n: p.groups, count: r.groups.total })}
                    {p.fixed > 0 && ` · ${t('board.fixedIn', { count: p.fixed })}`}
                  </span>
                </p>
                {p.pair ? (
                  <p className="report-quote small">
                    <span className="report-tag">{t('report.pair')}</span> <q dir="auto">{p.pair.before}</q> → <q dir="auto">{p.pair.after}</q>
                  </p>
                ) : (
                  p.example && (
                    <p className="report-quote small">
                      <span className="report-tag">{t('report.example')}</span> <q dir="auto">{p.example}</q>
                    </p>
                  )
                )}
              </li>
            ))}
          </ol>
        )}
        <p className="muted small report-anonymous">{t('report.anonymous')}</p>
      </section>

      <Notes initial={r.notes} socket={socket} />
    </article>
  );
}

function Stat({ id, label, value, sub, small }: { id: string; label: string; value: string; sub?: string; small?: boolean }) {
  return (
    <div className={small ? 'report-stat report-stat-small' : 'report-stat'} data-testid={`report-${id}`}>
      <dt>{label}</dt>
      <dd>
        <span className="report-number" data-testid={`report-${id}-value`}>
          {value}
        </span>
        {sub && <span className="report-sub">{sub}</span>}
      </dd>
    </div>
  );
}

function Bar({ label, value, detail, share, testId, good }: { label: string; value: string; detail: string; share: number; testId: string; good?: boolean }) {
  return (
    <div className="report-bar" data-testid={testId}>
      <p className="report-bar-head">
        <span>{label}</span> <strong className="report-number-mid">{value}</strong>
      </p>
      <div className="report-bar-track" aria-hidden="true">
        <div className={good ? 'report-bar-fill report-bar-good' : 'report-bar-fill'} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="muted small">{detail}</p>
    </div>
  );
}

/** The facilitator's notes: edited on screen, saved with the workshop after a pause; printed as text. */
function Notes({ initial, socket }: { initial: string; socket: ReturnType<typeof useWorkshopSocket>['socket'] }) {
  const { t } = useTranslation('coaching');
  const [notes, setNotes] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const save = useCallback(
    async (text: string) => {
      setState({ kind: 'saving' });
      const r = await request(socket, 'report:notes', { notes: text });
      setState(r.ok ? { kind: 'saved' } : { kind: 'error', message: r.error.message });
    },
    [socket],
  );
  const change = (text: string) => {
    setNotes(text);
    setState({ kind: 'saving' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(text), SAVE_AFTER_MS);
  };
  return (
    <section className={notes.trim() ? 'report-box report-notes' : 'report-box report-notes report-notes-empty'} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        <label htmlFor={id}>{t('report.notes')}</label>
      </h2>
      <div className="no-print">
        <textarea
          id={id}
          className="report-notes-input"
          value={notes}
          maxLength={LIMITS.reportNotesMaxLength}
          rows={4}
          placeholder={t('report.notesPlaceholder')}
          aria-describedby={`${id}-help`}
          onChange={(e) => change(e.target.value)}
          data-testid="report-notes"
        />
        <p className="muted small report-notes-status" id={`${id}-help`}>
          {t('report.notesHelp', { max: LIMITS.reportNotesMaxLength })}{' '}
          <span role="status" data-testid="report-notes-state" data-state={state.kind}>
            {state.kind === 'saving' ? t('report.saving') : state.kind === 'saved' ? t('report.saved') : state.kind === 'error' ? t('report.notSaved', { message: state.message }) : ''}
          </span>
        </p>
      </div>
      <p className="report-notes-print print-only" dir="auto" data-testid="report-notes-print">
        {notes.trim()}
      </p>
    </section>
  );
}
