/** The group's structured OKR editor: objectives and key results, live, with presence. */
import { nanoid } from 'nanoid';
import { Icon } from '../components/Icon';
import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { coachDraft, type Hint } from '../../../shared/coach';
import type { OkrRules } from '../../../shared/okrRules';
import { CoachHints, RulesSummary, useDebounced } from './CoachHints';
import type * as Y from 'yjs';
import { LIMITS } from '../../../shared/limits';
import type { KeyResultData, ObjectiveData } from '../../../shared/okr';
import type { DraftUndo } from '../../../shared/DraftUndo';
import {
  addKeyResult,
  addObjective,
  findItem,
  moveItem,
  setDismissed,
  setKeyResultField,
  textOf,
  type ItemMap,
} from '../../../shared/okrDoc';
import type { WebsocketProvider } from 'y-websocket';
import { useDraft, usePeers, type DocStatus, type Peer } from '../net/useGroupDoc';
import { useLinkState } from '../net/connection';
import { CommentPanel, CommentToggle, OrphanComments, openThreads, type CommentsApi } from './Comments';
import { SCOPE_ATTR, YTextField } from './YTextField';
import { ItemMenu, type MenuItem } from './ItemMenu';
import { ConfirmDelete } from './ConfirmDelete';
import { useHintAnnouncements } from '../a11y/useLiveAnnouncements';
import { useDraftUndo } from './useDraftUndo';

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: DocStatus;
  readOnly: boolean;
  /** null: no read-only note (the page's status banner says it). */
  readOnlyReason?: string | null;
  comments?: CommentsApi;
  /** Shown above the draft (e.g. the group's name in the console). */
  title?: string;
  /** The workshop's OKR rules: which fields show, the confidence scale, and what the coach checks. */
  rules: OkrRules;
}

type EditorT = TFunction<'editor'>;

/** The fields a comment can be about, named in the reader's language. */
const OBJECTIVE_FIELDS = ['title', 'why'] as const;
const KR_FIELDS = ['text', 'baseline', 'target', 'unit', 'confidence', 'champion', 'metric', 'commit', 'stretch'] as const;
const fieldNames = (t: EditorT, fields: ReadonlyArray<(typeof OBJECTIVE_FIELDS)[number] | (typeof KR_FIELDS)[number]>): Array<[string, string]> =>
  fields.map((f) => [f, t(`fields.${f}`)]);

export function GroupDraft({ doc, provider, status, readOnly, readOnlyReason, comments, title, rules }: Props) {
  const { t } = useTranslation('editor');
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
  // A newly added item takes focus in its first text field, once it is on the page.
  const [focusItem, setFocusItem] = useState<string | null>(null);
  const focused = useCallback(() => setFocusItem(null), []);
  // The page's one connection state (the badge shows the same); this document's own without a page hub.
  const shown = useLinkState() ?? status;
  // Every local edit goes through the history (its origin), so Ctrl+Z undoes this person's own; an item brought back takes focus.
  const { history, remove, onKeyDown, sectionRef, toast } = useDraftUndo(doc, readOnly, setFocusItem);

  return (
    // Named by its own heading: a page with several drafts (peer review, spotlight) tells them apart.
    <section className="draft" aria-labelledby={headingId} ref={sectionRef} onKeyDown={onKeyDown}>
      <header className="draft-header">
        <h2 id={headingId} dir="auto">
          {title ?? t('draft.title')}
        </h2>
        <PresenceBar peers={peers} />
        <span className={`save-state save-${shown}`} role="status" aria-live="polite" data-testid="doc-status">
          {shown === 'connected' && <Icon name="check" />}
          {t(`status.${shown}`)}
        </span>
      </header>
      {/* Your own draft's read-only state is the page's status banner; other drafts say why here. */}
      {readOnly && readOnlyReason !== null && <p className="readonly-banner">{readOnlyReason ?? t('draft.readOnly')}</p>}
      <RulesSummary rules={rules} />

      {comments && <GeneralComments api={comments} />}

      {draft.objectives.length === 0 && (
        <div className="empty-draft">
          <p>
            <strong>{t('draft.emptyLead')}</strong> {t('draft.emptyText')}
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
          history={history}
          onRemove={remove}
          peers={peers}
          readOnly={readOnly}
          setFocus={setFocus}
          comments={comments}
          rules={rules}
          hints={hints}
          focusItem={focusItem}
          onFocusNew={setFocusItem}
          onAutoFocused={focused}
        />
      ))}

      {comments && (
        <OrphanComments api={comments} liveIds={new Set(draft.objectives.flatMap((o) => [o.id, ...o.keyResults.map((k) => k.id)]))} />
      )}

      {!readOnly && (
        <button className="btn btn-secondary add-objective" onClick={() => {
            const id = nanoid(10);
            history.step(() => addObjective(doc, id));
            setFocusItem(id);
          }}
          data-testid="add-objective">
          {t('draft.addObjective')}
        </button>
      )}
      {toast}
    </section>
  );
}

/** Confidence choices on the workshop's scale, numbers written the reader's way ("70 %" in German and French). */
function confidenceOptions(rules: OkrRules, language: string): Array<[number, string]> {
  const number = new Intl.NumberFormat(language);
  const percent = new Intl.NumberFormat(language, { style: 'percent' });
  return rules.confidenceScale === '1-10'
    ? Array.from({ length: 10 }, (_, i) => [i + 1, `${number.format(i + 1)}/${number.format(10)}`] as [number, string])
    : Array.from({ length: 11 }, (_, i) => [i * 10, percent.format(i / 10)] as [number, string]);
}

function PresenceBar({ peers }: { peers: Peer[] }) {
  const { t } = useTranslation('editor');
  if (peers.length === 0) return null;
  return (
    <ul className="presence-bar" aria-label={t('draft.alsoHere')}>
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
  const { t } = useTranslation('editor');
  const here = peers.filter((p) => p.focus?.itemId === itemId && p.focus.field === field);
  if (here.length === 0) return null;
  return (
    <span className="editing-tags">
      {here.map((p) => (
        <span key={p.clientId} className="editing-tag" style={{ background: p.user.color }} title={t('draft.isEditing', { name: p.user.name })}>
          {/* Small fields (a key result's From, To…) show initials, inside the field. */}
          <bdi className="editing-name">{p.user.name}</bdi>
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
  /** This person's undo history of the document: every edit is made through it. */
  history: DraftUndo;
  /** Deletes an item, offering to undo it. */
  onRemove: (id: string) => void;
  peers: Peer[];
  readOnly: boolean;
  setFocus: (itemId: string | null, field?: string) => void;
  comments?: CommentsApi;
  rules: OkrRules;
  hints: Map<string, Hint[]>;
  /** The item just added here, whose first field takes focus. */
  focusItem: string | null;
  onFocusNew: (id: string) => void;
  onAutoFocused: () => void;
}

function GeneralComments({ api }: { api: CommentsApi }) {
  const { t } = useTranslation('editor');
  const [open, setOpen] = useState(false);
  const count = openThreads(api.list, null);
  return (
    <div className="general-comments">
      <button className="btn btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        <Icon name="comment" /> {count > 0 ? t('comments.wholeDraftOpen', { count }) : t('comments.wholeDraft')}
      </button>
      {open && <CommentPanel api={api} itemId={null} label={t('comments.wholeDraftLabel')} />}
    </div>
  );
}

function Text(props: ItemProps & { map: ItemMap; itemId: string; field: string; label: string; placeholder?: string; multiline?: boolean; oneLine?: boolean; first?: boolean; className?: string; testId?: string }) {
  return (
    <span className="text-wrap">
      <YTextField
        text={textOf(props.map, props.field)}
        history={props.history}
        label={props.label}
        placeholder={props.placeholder}
        multiline={props.multiline}
        readOnly={props.readOnly}
        className={props.className}
        maxLength={LIMITS.textMaxLength}
        onFocus={() => {
          // Typing in another field is another undo step.
          props.history.newStep();
          props.setFocus(props.itemId, props.field);
        }}
        onBlur={() => props.setFocus(null)}
        testId={props.testId}
        enterMovesOn={props.oneLine}
        autoFocus={props.first === true && props.focusItem === props.itemId}
        onAutoFocused={props.onAutoFocused}
      />
      <Editing peers={props.peers} itemId={props.itemId} field={props.field} />
    </span>
  );
}

/** An item's overflow menu: move up and down, delete (confirmed in the page), and `extra` items. */
function itemMenu(t: EditorT, p: { doc: Y.Doc; history: DraftUndo; id: string; index: number; count: number; onDelete: () => void; extra?: MenuItem[] }): MenuItem[] {
  const items: MenuItem[] = [...(p.extra ?? [])];
  const move = (direction: -1 | 1) => () => p.history.step(() => moveItem(p.doc, p.id, direction));
  if (p.index > 0) items.push({ key: 'up', label: t('actions.upTitle'), icon: 'up', onSelect: move(-1) });
  if (p.index < p.count - 1) items.push({ key: 'down', label: t('actions.downTitle'), icon: 'down', onSelect: move(1) });
  items.push({ key: 'delete', label: t('actions.deleteMenu'), icon: 'trash', onSelect: p.onDelete, danger: true });
  return items;
}

/** Deleting an item: asked in the page, focus back on the menu button when the person changes their mind. */
function useConfirmDelete(remove: (id: string) => void, id: string) {
  const [asking, setAsking] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  return {
    asking,
    menuButton,
    ask: () => setAsking(true),
    confirm: () => {
      setAsking(false);
      remove(id);
    },
    cancel: () => {
      setAsking(false);
      menuButton.current?.focus();
    },
  };
}

function ObjectiveCard(props: ItemProps & { objective: ObjectiveData; index: number; count: number; map: ItemMap | null }) {
  const { objective, map } = props;
  const { t } = useTranslation('editor');
  const [commentsOpen, setCommentsOpen] = useState(false);
  const deletion = useConfirmDelete(props.onRemove, objective.id);
  if (!map) return null;
  const number = props.index + 1;
  const label = t('objective.label', { number });
  const what = t('objective.inSentence', { number });
  return (
    <article className="objective" data-testid="objective" aria-label={label} {...{ [SCOPE_ATTR]: '' }}>
      <header className="item-head">
        <span className="item-label">{t('objective.short', { number })}</span>
        <Text {...props} map={map} itemId={objective.id} field="title" label={t('objective.titleLabel', { number })} placeholder={t('objective.titlePlaceholder')} className="objective-title" testId="objective-title" multiline oneLine first />
        {props.comments && <CommentToggle api={props.comments} itemId={objective.id} open={commentsOpen} onToggle={() => setCommentsOpen(!commentsOpen)} label={label} />}
        {!props.readOnly && (
          <ItemMenu
            label={t('actions.menu', { what })}
            buttonRef={deletion.menuButton}
            items={itemMenu(t, { doc: props.doc, history: props.history, id: objective.id, index: props.index, count: props.count, onDelete: deletion.ask })}
          />
        )}
      </header>
      {deletion.asking && !props.readOnly && <ConfirmDelete what={what} onConfirm={deletion.confirm} onCancel={deletion.cancel} />}
      <Text {...props} map={map} itemId={objective.id} field="why" label={t('objective.whyLabel', { number })} placeholder={t('objective.whyPlaceholder')} multiline className="objective-why" />
      <CoachHints hints={props.hints.get(objective.id) ?? []} readOnly={props.readOnly} onDismiss={(rule) => props.history.step(() => setDismissed(map, rule, true))} />
      {props.comments && commentsOpen && <CommentPanel api={props.comments} itemId={objective.id} fields={fieldNames(t, OBJECTIVE_FIELDS)} label={label} />}
      <ol className="krs">
        {objective.keyResults.map((kr, k) => (
          <KeyResultRow key={kr.id} {...props} kr={kr} index={k} count={objective.keyResults.length} objectiveNumber={props.index + 1} />
        ))}
      </ol>
      {!props.readOnly && (
        <button className="btn btn-link" onClick={() => {
            const id = nanoid(10);
            props.history.step(() => addKeyResult(map, id));
            props.onFocusNew(id);
          }}
          data-testid="add-kr">
          {t('draft.addKeyResult')}
        </button>
      )}
    </article>
  );
}

function KeyResultRow(props: ItemProps & { kr: KeyResultData; index: number; count: number; objectiveNumber: number }) {
  const { kr, doc } = props;
  const { t, i18n } = useTranslation('editor');
  const [open, setOpen] = useState(false);
  const [commentsOpen, setCommentsOpen] = useState(false);
  const deletion = useConfirmDelete(props.onRemove, kr.id);
  const map = findItem(doc, kr.id)?.item;
  if (!map) return null;
  const number = `${props.objectiveNumber}.${props.index + 1}`;
  const label = t('kr.label', { number });
  const what = t('kr.inSentence', { number });
  const { rules } = props;
  const choice = (key: 'indicator' | 'impact', options: Array<'leading' | 'lagging' | 'customer' | 'business'>) => (
    <label className="kr-field">
      <span>{t(`fields.${key}`)}</span>
      <select
        aria-label={t(`fieldAria.${key}`, { item: label })}
        value={kr[key] ?? ''}
        disabled={props.readOnly}
        onChange={(e) => props.history.step(() => setKeyResultField(map, key, (e.target.value || null) as KeyResultData[typeof key]))}
      >
        <option value="">{t('kr.none')}</option>
        {options.map((value) => (
          <option key={value} value={value}>
            {t(`options.${value}`)}
          </option>
        ))}
      </select>
    </label>
  );
  const indicatorSelect = choice('indicator', ['leading', 'lagging']);
  const impactSelect = choice('impact', ['customer', 'business']);
  type Name = 'baseline' | 'target' | 'unit' | 'commit' | 'stretch' | 'champion' | 'metric';
  const names: Record<Name, string> = {
    baseline: t('fields.baseline'),
    target: t('fields.target'),
    unit: t('fields.unit'),
    commit: t('fields.commitLevel'),
    stretch: t('fields.stretchLevel'),
    champion: t('fields.champion'),
    metric: t('fields.metric'),
  };
  const field = (name: Name, className = '') => (
    <label className={`kr-field ${className}`}>
      <span>{names[name]}</span>
      <Text {...props} map={map} itemId={kr.id} field={name} label={t('kr.fieldLabel', { item: label, field: names[name] })} placeholder={t(`placeholders.${name}`)} />
    </label>
  );
  return (
    <li className="kr" data-testid="kr" aria-label={label} {...{ [SCOPE_ATTR]: '' }}>
      <div className="item-head">
        <span className="item-label kr-label">
          {t('kr.short', { number })}
        </span>
        <Text {...props} map={map} itemId={kr.id} field="text" label={label} placeholder={t('kr.placeholder')} className="kr-text" testId="kr-text" multiline oneLine first />
        {props.comments && <CommentToggle api={props.comments} itemId={kr.id} open={commentsOpen} onToggle={() => setCommentsOpen(!commentsOpen)} label={label} />}
        {!props.readOnly && (
          <ItemMenu
            label={t('actions.menu', { what })}
            buttonRef={deletion.menuButton}
            items={itemMenu(t, {
              doc,
              history: props.history,
              id: kr.id,
              index: props.index,
              count: props.count,
              onDelete: deletion.ask,
              // On phones "More fields" lives here, not as a row of its own under the fields.
              extra: [{ key: 'more', label: open ? t('kr.fewer') : t('kr.more'), icon: 'fields', onSelect: () => setOpen(!open), phoneOnly: true }],
            })}
          />
        )}
      </div>
      {deletion.asking && !props.readOnly && <ConfirmDelete what={what} onConfirm={deletion.confirm} onCancel={deletion.cancel} />}
      {props.comments && commentsOpen && <CommentPanel api={props.comments} itemId={kr.id} fields={fieldNames(t, KR_FIELDS)} label={label} />}
      <CoachHints hints={props.hints.get(kr.id) ?? []} readOnly={props.readOnly} onDismiss={(rule) => props.history.step(() => setDismissed(map, rule, true))} />
      <div className="kr-fields">
        <label className="kr-field narrow">
          <span>{t('fields.type')}</span>
          <select
            aria-label={t('fieldAria.type', { item: label })}
            value={kr.type}
            disabled={props.readOnly}
            onChange={(e) => props.history.step(() => setKeyResultField(map, 'type', e.target.value as KeyResultData['type']))}
          >
            <option value="metric">{t('options.metric')}</option>
            <option value="milestone">{t('options.milestone')}</option>
          </select>
        </label>
        {field('baseline')}
        {field('target')}
        {field('unit', 'narrow')}
        {rules.showAmbition && field('commit')}
        {rules.showAmbition && field('stretch')}
        <label className="kr-field narrow">
          <span>{t('fields.confidence')}</span>
          <select
            aria-label={t('fieldAria.confidence', { item: label })}
            value={kr.confidence ?? ''}
            disabled={props.readOnly}
            onChange={(e) => props.history.step(() => setKeyResultField(map, 'confidence', e.target.value === '' ? null : Number(e.target.value)))}
          >
            <option value="">{t('kr.none')}</option>
            {confidenceOptions(rules, i18n.language).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
        {rules.showChampion && field('champion')}
        {rules.showIndicator && indicatorSelect}
        {rules.showImpact && impactSelect}
        <button className="btn btn-link more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('kr.fewer') : t('kr.more')}
        </button>
      </div>
      {open && (
        <div className="kr-fields extra">
          {field('metric')}
          {!rules.showAmbition && field('commit')}
          {!rules.showAmbition && field('stretch')}
          {!rules.showChampion && field('champion')}
          {!rules.showIndicator && indicatorSelect}
          {!rules.showImpact && impactSelect}
        </div>
      )}
    </li>
  );
}
