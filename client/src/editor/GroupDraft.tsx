/** The group's structured OKR editor: objectives and key results, live, with presence. */
import { nanoid } from 'nanoid';
import { Icon } from '../components/Icon';
import { useCallback, useId, useMemo, useState } from 'react';
import { coachDraft, type Hint } from '../../../shared/coach';
import type { OkrRules } from '../../../shared/okrRules';
import { CoachHints, RulesSummary, useDebounced } from './CoachHints';
import type * as Y from 'yjs';
import { LIMITS } from '../../../shared/limits';
import type { KeyResultData, ObjectiveData } from '../../../shared/okr';
import {
  addKeyResult,
  addObjective,
  findItem,
  moveItem,
  removeItem,
  setDismissed,
  setKeyResultField,
  textOf,
  type ItemMap,
} from '../../../shared/okrDoc';
import type { WebsocketProvider } from 'y-websocket';
import { useDraft, usePeers, type DocStatus, type Peer } from '../net/useGroupDoc';
import { CommentPanel, CommentToggle, OrphanComments, openThreads, type CommentsApi } from './Comments';
import { YTextField } from './YTextField';
import { useHintAnnouncements } from '../a11y/useLiveAnnouncements';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: DocStatus;
  readOnly: boolean;
  readOnlyReason?: string;
  comments?: CommentsApi;
  /** Shown above the draft (e.g. the group's name in the console). */
  title?: string;
  /** The workshop's OKR rules: which fields show, the confidence scale, and what the coach checks. */
  rules: OkrRules;
}

const OBJECTIVE_FIELDS: Array<[string, string]> = [
  ['title', 'Title'],
  ['why', 'Why'],
];
const KR_FIELDS: Array<[string, string]> = [
  ['text', 'Key result'],
  ['baseline', 'From (X)'],
  ['target', 'To (Y)'],
  ['unit', 'Unit'],
  ['confidence', 'Confidence'],
  ['champion', 'Champion'],
  ['metric', 'Metric'],
  ['commit', 'Commit'],
  ['stretch', 'Stretch'],
];

const STATUS_TEXT: Record<DocStatus, string> = {
  connecting: 'Connecting…',
  connected: 'All changes saved',
  reconnecting: 'Reconnecting… your edits are kept and will sync',
  offline: 'Offline — keep typing, your edits sync when you are back',
  closed: 'Disconnected',
};

export function GroupDraft({ doc, provider, status, readOnly, readOnlyReason, comments, title, rules }: Props) {
  const draft = useDraft(doc);
  // Coach hints follow the draft after a pause in typing, never on every keystroke.
  const settled = useDebounced(draft, 400);
  const hints = useMemo(() => {
    const byItem = new Map<string, Hint[]>();
    for (const h of coachDraft(settled, rules)) byItem.set(h.itemId, [...(byItem.get(h.itemId) ?? []), h]);
    return byItem;
  }, [settled, rules]);
  useHintAnnouncements(doc, hints, !readOnly);
  const peers = usePeers(provider);
  const setFocus = useCallback(
    (itemId: string | null, field?: string) =>
      provider.awareness.setLocalStateField('focus', itemId ? { itemId, field } : null),
    [provider],
  );
  const item = (id: string): ItemMap | null => findItem(doc, id)?.item ?? null;
  const headingId = useId();

  return (
    // Named by its own heading: a page with several drafts (peer review, spotlight) tells them apart.
    <section className="draft" aria-labelledby={headingId}>
      <header className="draft-header">
        <h2 id={headingId}>{title ?? 'Draft OKRs'}</h2>
        <PresenceBar peers={peers} />
        <span className={`save-state save-${status}`} role="status" aria-live="polite" data-testid="doc-status">
          {STATUS_TEXT[status]}
        </span>
      </header>
      {readOnly && <p className="readonly-banner">{readOnlyReason ?? 'The draft is read-only right now.'}</p>}
      <RulesSummary rules={rules} />

      {comments && <GeneralComments api={comments} />}

      {draft.objectives.length === 0 && (
        <div className="empty-draft">
          <p>
            <strong>Start with an objective:</strong> where do you want to go, and why does it matter now? Then add 2–5
            key results that tell you it is reached — “metric from X to Y”.
          </p>
        </div>
      )}

      {draft.objectives.map((o, i) => (
        <ObjectiveCard
          key={o.id}
          objective={o}
          index={i}
          count={draft.objectives.length}
          map={item(o.id)}
          doc={doc}
          peers={peers}
          readOnly={readOnly}
          setFocus={setFocus}
          comments={comments}
          rules={rules}
          hints={hints}
        />
      ))}

      {comments && (
        <OrphanComments api={comments} liveIds={new Set(draft.objectives.flatMap((o) => [o.id, ...o.keyResults.map((k) => k.id)]))} />
      )}

      {!readOnly && (
        <button className="btn btn-secondary add-objective" onClick={() => addObjective(doc, nanoid(10))} data-testid="add-objective">
          + Add objective
        </button>
      )}
    </section>
  );
}

/** Confidence choices on the workshop's scale. */
function confidenceOptions(rules: OkrRules): Array<[number, string]> {
  return rules.confidenceScale === '1-10'
    ? Array.from({ length: 10 }, (_, i) => [i + 1, `${i + 1}/10`] as [number, string])
    : Array.from({ length: 11 }, (_, i) => [i * 10, `${i * 10}%`] as [number, string]);
}

function PresenceBar({ peers }: { peers: Peer[] }) {
  if (peers.length === 0) return null;
  return (
    <ul className="presence-bar" aria-label="Also here">
      {peers.map((p) => (
        <li key={p.clientId} style={{ background: p.user.color }} title={p.user.name}>
          {initials(p.user.name)}
        </li>
      ))}
    </ul>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

/** Name tags of the people editing this field right now. */
function Editing({ peers, itemId, field }: { peers: Peer[]; itemId: string; field: string }) {
  const here = peers.filter((p) => p.focus?.itemId === itemId && p.focus.field === field);
  if (here.length === 0) return null;
  return (
    <span className="editing-tags">
      {here.map((p) => (
        <span key={p.clientId} className="editing-tag" style={{ background: p.user.color }} title={`${p.user.name} is editing`}>
          {/* Small fields (a key result's From, To…) show initials, inside the field. */}
          <span className="editing-name">{p.user.name}</span>
          <span className="editing-initials" aria-hidden="true">
            {initials(p.user.name)}
          </span>
        </span>
      ))}
    </span>
  );
}

interface ItemProps {
  doc: Y.Doc;
  peers: Peer[];
  readOnly: boolean;
  setFocus: (itemId: string | null, field?: string) => void;
  comments?: CommentsApi;
  rules: OkrRules;
  hints: Map<string, Hint[]>;
}

function GeneralComments({ api }: { api: CommentsApi }) {
  const [open, setOpen] = useState(false);
  const count = openThreads(api.list, null);
  return (
    <div className="general-comments">
      <button className="btn btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="comment" /> Comments on the whole draft{count > 0 ? ` (${count} open)` : ''}
      </button>
      {open && <CommentPanel api={api} itemId={null} label="the whole draft" />}
    </div>
  );
}

function Text(props: ItemProps & { map: ItemMap; itemId: string; field: string; label: string; placeholder?: string; multiline?: boolean; className?: string; testId?: string }) {
  return (
    <span className="text-wrap">
      <YTextField
        text={textOf(props.map, props.field)}
        label={props.label}
        placeholder={props.placeholder}
        multiline={props.multiline}
        readOnly={props.readOnly}
        className={props.className}
        maxLength={LIMITS.textMaxLength}
        onFocus={() => props.setFocus(props.itemId, props.field)}
        onBlur={() => props.setFocus(null)}
        testId={props.testId}
      />
      <Editing peers={props.peers} itemId={props.itemId} field={props.field} />
    </span>
  );
}

function ItemActions(props: { doc: Y.Doc; id: string; index: number; count: number; what: string; readOnly: boolean }) {
  if (props.readOnly) return null;
  return (
    <span className="item-actions">
      <button className="icon-btn" aria-label={`Move ${props.what} up`} title="Move up" disabled={props.index === 0} onClick={() => moveItem(props.doc, props.id, -1)}>
        ↑
      </button>
      <button className="icon-btn" aria-label={`Move ${props.what} down`} title="Move down" disabled={props.index === props.count - 1} onClick={() => moveItem(props.doc, props.id, 1)}>
        ↓
      </button>
      <button
        className="icon-btn"
        aria-label={`Delete ${props.what}`}
        title="Delete"
        onClick={() => confirm(`Delete ${props.what}? Everyone in the group loses it.`) && removeItem(props.doc, props.id)}
      >
        ×
      </button>
    </span>
  );
}

function ObjectiveCard(props: ItemProps & { objective: ObjectiveData; index: number; count: number; map: ItemMap | null }) {
  const { objective, map } = props;
  const [commentsOpen, setCommentsOpen] = useState(false);
  if (!map) return null;
  const label = `Objective ${props.index + 1}`;
  return (
    <article className="objective" data-testid="objective" aria-label={label}>
      <header className="item-head">
        <span className="item-label">O{props.index + 1}</span>
        <Text {...props} map={map} itemId={objective.id} field="title" label={`${label} title`} placeholder="Objective: where do we want to go?" className="objective-title" testId="objective-title" multiline />
        {props.comments && <CommentToggle api={props.comments} itemId={objective.id} open={commentsOpen} onToggle={() => setCommentsOpen(!commentsOpen)} label={label} />}
        <ItemActions doc={props.doc} id={objective.id} index={props.index} count={props.count} what={label.toLowerCase()} readOnly={props.readOnly} />
      </header>
      <Text {...props} map={map} itemId={objective.id} field="why" label={`${label}: why it matters now`} placeholder="Why does it matter now?" multiline className="objective-why" />
      <CoachHints hints={props.hints.get(objective.id) ?? []} readOnly={props.readOnly} onDismiss={(rule) => setDismissed(map, rule, true)} />
      {props.comments && commentsOpen && <CommentPanel api={props.comments} itemId={objective.id} fields={OBJECTIVE_FIELDS} label={label} />}
      <ol className="krs">
        {objective.keyResults.map((kr, k) => (
          <KeyResultRow key={kr.id} {...props} kr={kr} index={k} count={objective.keyResults.length} objectiveNumber={props.index + 1} />
        ))}
      </ol>
      {!props.readOnly && (
        <button className="btn btn-link" onClick={() => addKeyResult(map, nanoid(10))} data-testid="add-kr">
          + Add key result
        </button>
      )}
    </article>
  );
}

function KeyResultRow(props: ItemProps & { kr: KeyResultData; index: number; count: number; objectiveNumber: number }) {
  const { kr, doc } = props;
  const [open, setOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const map = findItem(doc, kr.id)?.item;
  if (!map) return null;
  const label = `Key result ${props.objectiveNumber}.${props.index + 1}`;
  const { rules } = props;
  const choice = (key: 'indicator' | 'impact', text: string, options: Array<[string, string]>) => (
    <label className="kr-field">
      <span>{text}</span>
      <select
        aria-label={`${label} ${key}`}
        value={kr[key] ?? ''}
        disabled={props.readOnly}
        onChange={(e) => setKeyResultField(map, key, (e.target.value || null) as KeyResultData[typeof key])}
      >
        <option value="">–</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
  const indicatorSelect = choice('indicator', 'Indicator', [['leading', 'Leading'], ['lagging', 'Lagging']]);
  const impactSelect = choice('impact', 'Impact', [['customer', 'Customer'], ['business', 'Business']]);
  const field = (name: string, text: string, placeholder: string, className = '') => (
    <label className={`kr-field ${className}`}>
      <span>{text}</span>
      <Text {...props} map={map} itemId={kr.id} field={name} label={`${label} ${text}`} placeholder={placeholder} />
    </label>
  );
  return (
    <li className="kr" data-testid="kr" aria-label={label}>
      <div className="item-head">
        <span className="item-label kr-label">
          KR {props.objectiveNumber}.{props.index + 1}
        </span>
        <Text {...props} map={map} itemId={kr.id} field="text" label={label} placeholder="Metric from X to Y, e.g. Raise NPS from 30 to 45" className="kr-text" testId="kr-text" multiline />
        {props.comments && <CommentToggle api={props.comments} itemId={kr.id} open={commentsOpen} onToggle={() => setCommentsOpen(!commentsOpen)} label={label} />}
        <ItemActions doc={doc} id={kr.id} index={props.index} count={props.count} what={label.toLowerCase()} readOnly={props.readOnly} />
      </div>
      {props.comments && commentsOpen && <CommentPanel api={props.comments} itemId={kr.id} fields={KR_FIELDS} label={label} />}
      <CoachHints hints={props.hints.get(kr.id) ?? []} readOnly={props.readOnly} onDismiss={(rule) => setDismissed(map, rule, true)} />
      <div className="kr-fields">
        <label className="kr-field narrow">
          <span>Type</span>
          <select
            aria-label={`${label} type`}
            value={kr.type}
            disabled={props.readOnly}
            onChange={(e) => setKeyResultField(map, 'type', e.target.value as KeyResultData['type'])}
          >
            <option value="metric">Metric</option>
            <option value="milestone">Milestone</option>
          </select>
        </label>
        {field('baseline', 'From (X)', 'today')}
        {field('target', 'To (Y)', 'target')}
        {field('unit', 'Unit', '%, k, €…', 'narrow')}
        {rules.showAmbition && field('commit', 'Commit (≈90%)', 'safe level')}
        {rules.showAmbition && field('stretch', 'Stretch (≈10%)', 'ambitious level')}
        <label className="kr-field narrow">
          <span>Confidence</span>
          <select
            aria-label={`${label} confidence`}
            value={kr.confidence ?? ''}
            disabled={props.readOnly}
            onChange={(e) => setKeyResultField(map, 'confidence', e.target.value === '' ? null : Number(e.target.value))}
          >
            <option value="">–</option>
            {confidenceOptions(rules).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        {rules.showChampion && field('champion', 'Champion', 'who tracks it')}
        {rules.showIndicator && indicatorSelect}
        {rules.showImpact && impactSelect}
        <button className="btn btn-link more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Fewer fields' : 'More fields'}
        </button>
      </div>
      {open && (
        <div className="kr-fields extra">
          {field('metric', 'Metric', 'what is measured')}
          {!rules.showAmbition && field('commit', 'Commit (≈90%)', 'safe level')}
          {!rules.showAmbition && field('stretch', 'Stretch (≈10%)', 'ambitious level')}
          {!rules.showChampion && field('champion', 'Champion', 'who tracks it')}
          {!rules.showIndicator && indicatorSelect}
          {!rules.showImpact && impactSelect}
        </div>
      )}
    </li>
  );
}
