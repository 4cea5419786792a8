/** One group document over y-websocket: the Y.Doc, its provider, awareness and connection state. */
import { useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Draft } from '../../../shared/okr';
import { readDraft } from '../../../shared/okrDoc';
import { sendOwnAwarenessOnly } from '../../../shared/ownAwareness';
import { ticketSocket } from './ticketSocket';
import { request, type ClientSocket } from './useWorkshopSocket';

import { ConnectionContext, type DocStatus } from './connection';

export type { DocStatus };

export interface GroupDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  status: DocStatus;
  /** The close code when the server ended access for good (44xx). */
  closedCode: number | null;
  synced: boolean;
}

export interface PresenceUser {
  name: string;
  color: string;
  id: string;
}

// White initials and editing tags sit on these: each is at least 4.5:1 against white (WCAG AA).
const COLORS = ['#be123c', '#1d4ed8', '#15803d', '#b45309', '#7e22ce', '#0e7490', '#be185d', '#4338ca', '#4d7c0f', '#c2410c'];

/** A stable colour per person. */
export function colorFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

/**
 * `announce` false opens the document as an observer: others do not see you present (spotlight,
 * peer review). Each connection opens with a single-use ticket asked for over `socket`.
 */
export function useGroupDoc(workshopId: string, groupId: string, socket: ClientSocket | null, user: PresenceUser, announce = true): GroupDoc | null {
  const [state, setState] = useState<GroupDoc | null>(null);
  // The page's connection hub: the badge shows this document's state too.
  const hub = useContext(ConnectionContext);
  // The latest socket, read when a connection needs a ticket (the provider outlives socket changes).
  const socketRef = useRef(socket);
  useEffect(() => {
    socketRef.current = socket;
  }, [socket]);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
    const provider = new WebsocketProvider(url, `${workshopId}/${groupId}`, doc, {
      disableBc: true,
      WebSocketPolyfill: ticketSocket(() => request(socketRef.current, 'yjs:ticket', { groupId })),
    });
    sendOwnAwarenessOnly(provider);
    if (announce) provider.awareness.setLocalStateField('user', user);
    let current: GroupDoc = { doc, provider, status: 'connecting', closedCode: null, synced: false };
    const link = hub?.addDoc();
    const update = (patch: Partial<GroupDoc>) => {
      current = { ...current, ...patch };
      link?.report(current.status);
      setState(current);
    };
    setState(current);
    provider.on('status', ({ status }) => {
      if (current.status === 'closed') return;
      if (status === 'connected') update({ status: 'connected' });
      else update({ status: navigator.onLine ? (current.synced ? 'reconnecting' : 'connecting') : 'offline' });
    });
    provider.on('sync', (synced) => synced && update({ synced: true }));
    provider.on('closed', (event) => update({ status: 'closed', closedCode: event.code }));
    const onOffline = () => current.status !== 'closed' && update({ status: 'offline' });
    // Back online: a connection that outlived the outage sends no new status, so read it again.
    const onOnline = () => current.status !== 'closed' && update({ status: provider.wsconnected ? 'connected' : 'reconnecting' });
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', onOnline);
      link?.remove();
      provider.destroy();
      doc.destroy();
    };
    // The user's name/colour only seed awareness; changing them does not need a new connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workshopId, groupId, announce, hub]);

  return state;
}

/** The plain draft, re-read after every document change. */
export function useDraft(doc: Y.Doc): Draft {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    doc.on('update', bump);
    return () => doc.off('update', bump);
  }, [doc]);
  return useMemoDraft(doc, version);
}

const draftCache = new WeakMap<Y.Doc, { version: number; draft: Draft }>();
function useMemoDraft(doc: Y.Doc, version: number): Draft {
  const cached = draftCache.get(doc);
  if (cached && cached.version === version) return cached.draft;
  const draft = readDraft(doc);
  draftCache.set(doc, { version, draft });
  return draft;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  focus: { itemId: string; field: string } | null;
}

/** Everyone else present in the document, live. */
export function usePeers(provider: WebsocketProvider): Peer[] {
  const awareness = provider.awareness;
  return useSyncExternalStore(
    (notify) => {
      awareness.on('change', notify);
      return () => awareness.off('change', notify);
    },
    () => peersSnapshot(provider),
  );
}

const peerCache = new WeakMap<WebsocketProvider, { key: string; peers: Peer[] }>();
function peersSnapshot(provider: WebsocketProvider): Peer[] {
  const peers: Peer[] = [];
  const me = (provider.awareness.getLocalState()?.user as PresenceUser | undefined)?.id;
  provider.awareness.getStates().forEach((state, clientId) => {
    const user = state.user as PresenceUser | undefined;
    if (clientId === provider.awareness.clientID || !user) return;
    // Yourself in another tab or view is not someone else; one person with two tabs shows once.
    if (user.id === me) return;
    const focus = (state.focus as Peer['focus']) ?? null;
    const same = peers.find((p) => p.user.id === user.id);
    if (same) same.focus ??= focus;
    else peers.push({ clientId, user, focus });
  });
  const key = JSON.stringify(peers);
  const cached = peerCache.get(provider);
  if (cached && cached.key === key) return cached.peers;
  peerCache.set(provider, { key, peers });
  return peers;
}
