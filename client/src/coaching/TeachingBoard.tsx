/**
 * The teaching board (issue #23): the coach's patterns across all groups, most widespread first,
 * each with the coach's question, what groups wrote, and before → after pairs of key results a
 * group fixed; above them, the workshop's hints and open hints over time. Large type for a shared
 * video call; the same view on everyone's screen and as the console's preview.
 */
import { useTranslation } from 'react-i18next';
import { hintText } from '../../../shared/coach';
import type { BoardView, BoardPattern } from '../../../shared/coaching';
import type { OkrRules } from '../../../shared/okrRules';
import { Sparkline } from './Sparkline';

interface Props {
  board: BoardView;
  /** The workshop's rules: some coach questions name its limits. */
  rules: OkrRules;
  /** Show group names (the console's preview follows its toggle; a participant's board has none unless shown). */
  names?: boolean;
}

export function TeachingBoard({ board, rules, names = board.names }: Props) {
  const { t } = useTranslation('coaching');
  const { hints, open } = board.progress;
  return (
    <div className="board" data-testid="board">
      <div className="board-progress">
        <p className="board-intro">{t('board.intro', { count: board.totalGroups })}</p>
        <p className="board-figures" data-testid="board-figures">
          <span>{t('progress.raised', { count: hints.raised })}</span>
          <span className={hints.fixed > 0 ? 'board-fixed' : undefined}>{t('progress.fixed', { count: hints.fixed })}</span>
          <span>{t('progress.open', { count: hints.open })}</span>
        </p>
        <figure className="board-trend">
          <Sparkline values={open} width={160} height={36} testId="board-sparkline" />
          {/* The line's own label says it in words (with its numbers). */}
          <figcaption aria-hidden="true">{t('progress.trendLabel')}</figcaption>
        </figure>
      </div>
      {board.patterns.length === 0 ? (
        <p className="board-empty">{t('board.empty')}</p>
      ) : (
        <ol className="board-patterns">
          {board.patterns.map((p, i) => (
            <Pattern key={p.rule} pattern={p} rank={i + 1} total={board.totalGroups} rules={rules} names={names} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Pattern({ pattern: p, rank, total, rules, names }: { pattern: BoardPattern; rank: number; total: number; rules: OkrRules; names: boolean }) {
  const { t, i18n } = useTranslation('coaching');
  // The coach's own question for the rule, in the reader's language (some name the workshop's limits).
  const ask = hintText(i18n.t, { rule: p.rule, params: { min: rules.minKeyResults, max: rules.maxKeyResults, limit: rules.maxObjectives } }).suggestion;
  const headingId = `board-pattern-${p.rule}`;
  const group = (name: string | null) => (names && name ? <span className="board-group"><bdi>{name}</bdi></span> : null);
  return (
    <li className="board-pattern" data-testid="board-pattern" data-rule={p.rule} aria-labelledby={headingId}>
      <div className="board-pattern-head">
        <span className="board-rank" aria-label={t('board.rank', { number: rank })}>
          {rank}
        </span>
        <div>
          <h3 id={headingId} className="board-pattern-title">
            {t(`patterns.${p.rule}`)}
          </h3>
          <p className="board-count" data-testid="board-count">
            <strong>{t('board.groupsOf', { n: p.groups, count: total })}</strong>
            {p.open > 0 && <span>{t('board.stillOpen', { count: p.open })}</span>}
            {p.fixed > 0 && <span className="board-fixed">{t('board.fixedIn', { count: p.fixed })}</span>}
          </p>
        </div>
      </div>
      <p className="board-ask">
        <span className="board-label">{t('board.ask')}</span> {ask}
      </p>
      <div className="board-columns">
        {p.examples.length > 0 && (
          <div className="board-column">
            <h4 className="board-label">{t('board.examples')}</h4>
            <ul className="board-examples">
              {p.examples.map((e, i) => (
                <li key={i} data-testid="board-example">
                  <q dir="auto">{e.text}</q> {group(e.group)}
                </li>
              ))}
            </ul>
          </div>
        )}
        {p.pairs.length > 0 && (
          <div className="board-column board-column-pairs">
            <h4 className="board-label">{t('board.pairs')}</h4>
            <ul className="board-pairs">
              {p.pairs.map((x, i) => (
                <li key={i} className="board-pair" data-testid="board-pair">
                  <p className="board-before">
                    <span className="board-tag">{t('board.before')}</span> <span dir="auto" data-testid="pair-before">{x.before}</span>
                  </p>
                  <span className="board-arrow" aria-hidden="true">
                    →
                  </span>
                  <p className="board-after">
                    <span className="board-tag">{t('board.after')}</span> <span dir="auto" data-testid="pair-after">{x.after}</span>
                  </p>
                  {group(x.group)}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </li>
  );
}
