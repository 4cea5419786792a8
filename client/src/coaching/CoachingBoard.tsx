/**
 * The console's Teaching board tab (issue #23): the board as everyone will see it (group names
 * shown or hidden), "Show to everyone" / "Take down", then the coaching progress: the workshop's
 * figures with its sparkline, and a row per group.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOARD_PATTERNS, type CoachingReport, type GroupFigures } from '../../../shared/coaching';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import type { Act } from '../console/SessionControls';
import type { ClientSocket } from '../net/useWorkshopSocket';
import { Sparkline } from './Sparkline';
import { TeachingBoard } from './TeachingBoard';
import { useCoachingReport } from './useCoachingReport';

interface Props {
  view: FacilitatorView;
  act: Act;
  socket: ClientSocket | null;
  radar: Map<string, RadarSummary>;
  offset: number;
  /** Showing the board makes sense now (the plenary). */
  canShow: boolean;
}

export function CoachingBoard({ view, act, socket, radar, offset, canShow }: Props) {
  const { t } = useTranslation('coaching');
  const report = useCoachingReport(socket, radar, offset);
  const shown = view.session.board ?? null;
  // Before it is shown: the setting it will be shown with. While shown: the workshop's (a
  // co-facilitator may change it), changed here at once when this console changes it.
  const [names, setLocalNames] = useState(shown?.names ?? false);
  const serverNames = shown?.names;
  useEffect(() => {
    if (serverNames !== undefined) setLocalNames(serverNames);
  }, [serverNames]);
  const headingId = useId();
  const setNames = (on: boolean) => {
    setLocalNames(on);
    if (shown) void act('board:set', { shown: true, names: on });
  };
  const onBoard = report?.board.patterns.slice(0, BOARD_PATTERNS);
  const more = report?.board.patterns.slice(BOARD_PATTERNS) ?? [];
  return (
    <div className="coaching" data-testid="coaching-tab">
      <section className="card coaching-board" aria-labelledby={headingId}>
        <div className="coaching-bar">
          <h2 id={headingId}>{t('board.title')}</h2>
          {shown && (
            <span className="coaching-live" data-testid="board-live">
              {t('console.shown')}
            </span>
          )}
          <span className="spacer" />
          <label className="coaching-switch">
            <input type="checkbox" checked={names} onChange={(e) => setNames(e.target.checked)} data-testid="board-names" />
            {t('console.names')}
          </label>
          {shown ? (
            <button type="button" className="btn btn-secondary" onClick={() => act('board:set', { shown: false, names })} data-testid="board-take-down">
              {t('console.takeDown')}
            </button>
          ) : (
            <button type="button" className="btn btn-primary" disabled={!canShow} aria-describedby={canShow ? undefined : `${headingId}-when`} onClick={() => act('board:set', { shown: true, names })} data-testid="board-show">
              {t('console.show')}
            </button>
          )}
        </div>
        <p className="muted small coaching-note">
          {!names && t('console.namesHint')}{' '}
          {!shown && !canShow && <span id={`${headingId}-when`}>{t('console.plenaryOnly')}</span>}
        </p>
        <h3 className="coaching-preview-title">{shown ? t('console.previewShown') : t('console.preview')}</h3>
        {report && onBoard ? (
          <div className="coaching-preview" data-testid="board-preview">
            <TeachingBoard board={{ ...report.board, patterns: onBoard }} rules={view.meta.rules} names={names} />
            {more.length > 0 && (
              <p className="muted small" data-testid="board-more">
                {t('console.more', { list: more.map((p) => `${t(`patterns.${p.rule}`)} (${t('board.groupsOf', { n: p.groups, count: report.board.totalGroups })})`).join(' · ') })}
              </p>
            )}
          </div>
        ) : (
          <p className="muted">{t('console.loading')}</p>
        )}
      </section>
      {report && <Progress report={report} />}
    </div>
  );
}

/** The workshop's figures, then a row per group. */
function Progress({ report }: { report: CoachingReport }) {
  const { t, i18n } = useTranslation('coaching');
  const headingId = useId();
  const tableId = useId();
  const { overall } = report.figures;
  const minutes = useMinutes();
  const stats: Array<[string, string, number | string]> = [
    ['raised', t('console.stats.raised'), overall.hints.raised],
    ['fixed', t('console.stats.fixed'), overall.hints.fixed],
    ['open', t('console.stats.open'), overall.hints.open],
    ['dismissed', t('console.stats.dismissed'), overall.hints.dismissed],
    ['given', t('console.stats.given'), overall.comments.given],
    ['resolved', t('console.stats.resolved'), overall.comments.resolved],
    ['first', t('console.stats.firstKeyResult'), minutes(overall.medianFirstKeyResultMs)],
    ['with', t('console.stats.withKeyResult'), t('console.withKeyResult', { n: overall.groupsWithKeyResult, count: overall.groups })],
  ];
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="card coaching-progress" aria-labelledby={headingId} data-testid="coaching-progress">
      <div className="coaching-bar">
        <h2 id={headingId}>{t('progress.label')}</h2>
        <Sparkline values={overall.series.open} width={220} height={44} testId="progress-sparkline" />
      </div>
      <dl className="coaching-stats">
        {stats.map(([id, label, value]) => (
          <div key={id} data-testid={`stat-${id}`}>
            <dt>{label}</dt>
            <dd>{typeof value === 'number' ? number.format(value) : value}</dd>
          </div>
        ))}
      </dl>
      <h3 id={tableId}>{t('console.perGroup')}</h3>
      {/* Scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
      <div className="coaching-table-wrap" role="region" aria-labelledby={tableId} tabIndex={0}>
        <table className="coaching-table" data-testid="coaching-groups">
          <thead>
            <tr>
              <th scope="col">{t('console.columns.group')}</th>
              <th scope="col">{t('console.columns.trend')}</th>
              <th scope="col">{t('console.columns.raised')}</th>
              <th scope="col">{t('console.columns.fixed')}</th>
              <th scope="col">{t('console.columns.open')}</th>
              <th scope="col">{t('console.columns.given')}</th>
              <th scope="col">{t('console.columns.resolved')}</th>
              <th scope="col">{t('console.columns.firstKeyResult')}</th>
            </tr>
          </thead>
          <tbody>
            {report.figures.groups.map((g) => (
              <GroupRow key={g.groupId} g={g} minutes={minutes} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function GroupRow({ g, minutes }: { g: GroupFigures; minutes: (ms: number | null) => string }) {
  return (
    <tr data-testid="coaching-group">
      <th scope="row">
        <bdi>{g.name}</bdi>
      </th>
      <td>
        <Sparkline values={g.series.open} width={80} height={20} />
      </td>
      <td>{g.hints.raised}</td>
      <td>{g.hints.fixed}</td>
      <td>{g.hints.open}</td>
      <td>{g.comments.given}</td>
      <td>{g.comments.resolved}</td>
      <td>{minutes(g.firstKeyResultMs)}</td>
    </tr>
  );
}

/** "7.5 min" in the reader's language, or "not yet". */
function useMinutes(): (ms: number | null) => string {
  const { t, i18n } = useTranslation('coaching');
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (ms) => (ms === null ? t('console.notYet') : t('console.minutes', { value: format.format(ms / 60_000) }));
}
