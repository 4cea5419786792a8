/**
 * One source of truth for "online / offline / reconnecting" (issue #22): the page's Socket.IO
 * connection and its open Yjs documents are separate connections, and the browser may know it is
 * offline before either notices. The connection badge and every editor show the one state derived
 * here, so they never disagree.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ClientSocket, ConnectionState } from './useWorkshopSocket';

/** A document connection's state, as its provider reports it. */
export type DocStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** What the page shows: the badge and the editors alike. */
export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'savingPaused';

/**
 * Offline if the browser is, or the server turned the socket away; else reconnecting if any
 * connection is; else connecting if any is; else connected. A document whose access ended
 * ('closed') says so in its own place and does not count here. Connected while the server says
 * its store does not take writes: saving paused (what is typed is kept and saved later).
 */
export function linkState(socket: ConnectionState, docs: readonly DocStatus[], online: boolean, savingPaused = false): LinkState {
  if (!online || socket === 'refused' || docs.includes('offline')) return 'offline';
  if (socket === 'reconnecting' || docs.includes('reconnecting')) return 'reconnecting';
  if (socket === 'connecting' || docs.includes('connecting')) return 'connecting';
  return savingPaused ? 'savingPaused' : 'connected';
}

/** The page's connections, for the badge and the editors to read the same state from. */
export class ConnectionHub {
  private socket: ConnectionState = 'connecting';
  private online = typeof navigator === 'undefined' ? true : navigator.onLine;
  private savingPaused = false;
  private readonly docs = new Map<number, DocStatus>();
  private readonly listeners = new Set<() => void>();
  private state: LinkState = 'connecting';
  private nextId = 0;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly snapshot = (): LinkState => this.state;

  setSocket(state: ConnectionState): void {
    this.socket = state;
    this.update();
  }
  setOnline(online: boolean): void {
    this.online = online;
    this.update();
  }
  /** The server's store stopped (true) or resumed (false) saving. */
  setSavingPaused(paused: boolean): void {
    this.savingPaused = paused;
    this.update();
  }
  /** Registers a document connection; returns its reporter and its removal. */
  addDoc(): { report: (status: DocStatus) => void; remove: () => void } {
    const id = this.nextId++;
    this.docs.set(id, 'connecting');
    this.update();
    return {
      report: (status) => {
        this.docs.set(id, status);
        this.update();
      },
      remove: () => {
        this.docs.delete(id);
        this.update();
      },
    };
  }
  private update(): void {
    const next = linkState(this.socket, [...this.docs.values()], this.online, this.savingPaused);
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }
}

export const ConnectionContext = createContext<ConnectionHub | null>(null);

/** The page's hub, fed with its socket state, the server's saving state and the browser's online/offline events. */
export function useConnectionHub(socket: ConnectionState, io: ClientSocket | null): ConnectionHub {
  const [hub] = useState(() => new ConnectionHub());
  useEffect(() => hub.setSocket(socket), [hub, socket]);
  useEffect(() => {
    if (!io) return;
    const saving = ({ paused }: { paused: boolean }) => hub.setSavingPaused(paused);
    // A new connection (another server) starts out saving; it says so if it is not.
    const connected = () => hub.setSavingPaused(false);
    io.on('server:saving', saving);
    io.on('connect', connected);
    return () => {
      io.off('server:saving', saving);
      io.off('connect', connected);
    };
  }, [hub, io]);
  useEffect(() => {
    const on = () => hub.setOnline(true);
    const off = () => hub.setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    hub.setOnline(navigator.onLine);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, [hub]);
  return hub;
}

const NONE = (): null => null;
const NO_SUBSCRIPTION = () => () => undefined;

/** The page's one connection state; null outside a hub. */
export function useLinkState(hub: ConnectionHub | null = null): LinkState | null {
  const fromContext = useContext(ConnectionContext);
  const h = hub ?? fromContext;
  return useSyncExternalStore<LinkState | null>(h ? h.subscribe : NO_SUBSCRIPTION, h ? h.snapshot : NONE);
}
