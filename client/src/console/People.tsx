/** The console's "Groups & people" tab. */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorView, GroupSummary, ParticipantView } from '../../../shared/views';
import { OnlineDot } from '../components/Badges';
import { useConfirm, type ConfirmOptions } from '../components/ConfirmDialog';
import type { Act } from './SessionControls';

/** Asks before a step that cannot be undone (an in-page dialog, not the browser's confirm()). */
type Ask = (options: ConfirmOptions) => Promise<boolean>;

/** Groups and people: rename, add, remove, move (drag or menu), balance, shuffle, remove people. */
export function People({ view, act }: { view: FacilitatorView; act: Act }) {
  const { t } = useTranslation('console');
  const [confirmDialog, ask] = useConfirm();
  const { meta, participants } = view;
  const lobby = participants.filter((p) => p.groupId === null);
  const shuffle = async () => {
    if (await ask({ title: t('people.shuffleConfirm'), message: t('people.shuffleMessage'), confirmLabel: t('people.shuffle'), cancelLabel: t('confirm.cancel') })) await act('groups:shuffle', {});
  };
  return (
    <div className="people cockpit-people">
      {confirmDialog}
      <div className="toolbar" role="toolbar" aria-label={t('people.toolbar')}>
        <button className="btn btn-secondary" onClick={() => act('group:add', {})}>
          {t('people.add')}
        </button>
        <button className="btn btn-secondary" onClick={() => act('groups:balance', {})} title={t('people.balanceTitle')}>
          {t('people.balance')}
        </button>
        <button className="btn btn-secondary" onClick={shuffle}>
          {t('people.shuffle')}
        </button>
      </div>

      {(lobby.length > 0 || meta.assignment !== 'auto') && (
        <Lane
          title={t('people.lobby')}
          subtitle={lobby.length === 0 ? t('people.nobodyWaiting') : t('people.waiting', { count: lobby.length })}
          groupId={null}
          members={lobby}
          groups={meta.groups}
          act={act}
          ask={ask}
          testId="lobby-lane"
        />
      )}

      <div className="group-grid" data-testid="group-grid">
        {meta.groups.map((g) => (
          <GroupCard key={g.id} group={g} members={participants.filter((p) => p.groupId === g.id)} groups={meta.groups} act={act} ask={ask} />
        ))}
      </div>
    </div>
  );
}

const DRAG_TYPE = 'application/x-draftroom-participant';

function useDropTarget(groupId: string | null, act: Act) {
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (e.dataTransfer.types.includes(DRAG_TYPE)) {
          e.preventDefault();
          setOver(true);
        }
      },
      onDragLeave: () => setOver(false),
      onDrop: (e: DragEvent) => {
        setOver(false);
        const participantId = e.dataTransfer.getData(DRAG_TYPE);
        if (participantId) void act('participant:move', { participantId, groupId });
      },
    },
  };
}

function GroupCard({ group, members, groups, act, ask }: { group: GroupSummary; members: ParticipantView[]; groups: GroupSummary[]; act: Act; ask: Ask }) {
  const { t } = useTranslation('console');
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(group.name);
  const drop = useDropTarget(group.id, act);
  const online = members.filter((m) => m.online).length;

  const saveName = async () => {
    setEditing(false);
    if (name.trim() && name !== group.name) {
      const r = await act('group:rename', { groupId: group.id, name });
      if (!r.ok) setName(group.name);
    } else setName(group.name);
  };

  return (
    <article className={drop.over ? 'group-card drop-over' : 'group-card'} {...drop.handlers} data-testid="group-card" aria-label={group.name}>
      <header>
        {editing ? (
          <input
            className="rename"
            value={name}
            autoFocus
            aria-label={t('people.groupName')}
            onChange={(e) => setName(e.target.value)}
            onBlur={saveName}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void saveName();
              if (e.key === 'Escape') {
                setName(group.name);
                setEditing(false);
              }
            }}
          />
        ) : (
          <button className="group-name" title={t('people.rename')} onClick={() => setEditing(true)}>
            {group.name}
          </button>
        )}
        <span className="count" title={t('people.countTitle')}>
          {online}/{members.length}
        </span>
        <button
          className="icon-btn"
          aria-label={t('people.removeGroup', { name: group.name })}
          title={t('people.removeGroupTitle')}
          onClick={async () => {
            const ok = await ask({ title: t('people.removeGroupAsk', { name: group.name }), message: t('people.removeGroupMessage'), confirmLabel: t('people.removeGroupTitle'), cancelLabel: t('confirm.cancel'), danger: true });
            if (ok) await act('group:remove', { groupId: group.id });
          }}
        >
          ×
        </button>
      </header>
      <MemberList members={members} groups={groups} currentGroupId={group.id} act={act} ask={ask} empty={t('people.emptyGroup')} />
    </article>
  );
}

function Lane(props: { title: string; subtitle: string; groupId: null; members: ParticipantView[]; groups: GroupSummary[]; act: Act; ask: Ask; testId: string }) {
  const drop = useDropTarget(props.groupId, props.act);
  return (
    <section className={drop.over ? 'lane drop-over' : 'lane'} {...drop.handlers} data-testid={props.testId} aria-label={props.title}>
      <header>
        <h2>{props.title}</h2>
        <span className="muted">{props.subtitle}</span>
      </header>
      <MemberList members={props.members} groups={props.groups} currentGroupId={null} act={props.act} ask={props.ask} empty="" horizontal />
    </section>
  );
}

function MemberList(props: { members: ParticipantView[]; groups: GroupSummary[]; currentGroupId: string | null; act: Act; ask: Ask; empty: string; horizontal?: boolean }) {
  const { t } = useTranslation('console');
  if (props.members.length === 0) return props.empty ? <p className="muted small empty">{props.empty}</p> : null;
  return (
    <ul className={props.horizontal ? 'members horizontal' : 'members'}>
      {props.members.map((m) => (
        <li
          key={m.id}
          draggable
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, m.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
          className={m.online ? 'member' : 'member offline'}
          data-testid="member"
        >
          <OnlineDot online={m.online} />
          <span className="member-name" dir="auto">
            {m.name}
          </span>
          <select
            aria-label={t('people.moveTo', { name: m.name })}
            value=""
            onChange={(e) => {
              const target = e.target.value;
              if (target) void props.act('participant:move', { participantId: m.id, groupId: target === 'lobby' ? null : target });
            }}
          >
            <option value="">{t('people.move')}</option>
            {props.currentGroupId !== null && <option value="lobby">{t('people.lobby')}</option>}
            {props.groups
              .filter((g) => g.id !== props.currentGroupId)
              .map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
          </select>
          <button
            className="icon-btn"
            aria-label={t('people.removePerson', { name: m.name })}
            title={t('people.removePersonTitle')}
            onClick={async () => {
              const ok = await props.ask({ title: t('people.removePersonAsk', { name: m.name }), message: t('people.removePersonMessage'), confirmLabel: t('people.removePersonTitle'), cancelLabel: t('confirm.cancel'), danger: true });
              if (ok) await props.act('participant:remove', { participantId: m.id });
            }}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
