/** Session helpers: the server's clock, countdowns, and a group's comments, live. */
import { useEffect, useState } from 'react';
import type { Comment } from '../../../shared/comments';
import { request, type ClientSocket } from './useWorkshopSocket';

/** Milliseconds to add to Date.now() to get the server's time (measured once per connection). */
export function useServerOffset(socket: ClientSocket | null): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (!socket) return;
    const measure = async () => {
      const sent = Date.now();
      const r = await request(socket, 'clock:now', {});
      if (r.ok) setOffset(r.data.now + (Date.now() - sent) / 2 - Date.now());
    };
    socket.on('connect', measure);
    if (socket.connected) void measure();
    return () => {
      socket.off('connect', measure);
    };
  }, [socket]);
  return offset;
}

/** The server's time now, re-rendering every `everyMs` while `active`. */
export function useServerNow(offset: number, active: boolean, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    if (!active) return;
    const id = setInterval(() => setNow(Date.now() + offset), everyMs);
    return () => clearInterval(id);
  }, [offset, active, everyMs]);
  return now;
}

/** m:ss (or h:mm:ss) for a duration. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "just now", "3 min ago", "2 h ago". */
export function formatAgo(at: number | null, now: number): string {
  if (at === null) return 'never';
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

/** One group's comments as this viewer may see them, kept live; `loaded` once the first list arrived. */
export function useComments(socket: ClientSocket | null, groupId: string | null): { list: Comment[]; loaded: boolean } {
  const [comments, setComments] = useState<Comment[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    setComments([]);
    setLoaded(false);
    if (!socket || !groupId) return;
    const load = async () => {
      const r = await request(socket, 'comments:list', { groupId });
      if (r.ok) {
        setComments(r.data);
        setLoaded(true);
      }
    };
    const onUpsert = (c: Comment) => {
      if (c.groupId !== groupId) return;
      setComments((list) => {
        const i = list.findIndex((x) => x.id === c.id);
        return i < 0 ? [...list, c] : list.map((x) => (x.id === c.id ? c : x));
      });
    };
    socket.on('comment:upsert', onUpsert);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      socket.off('comment:upsert', onUpsert);
      socket.off('connect', load);
    };
  }, [socket, groupId]);
  return { list: comments, loaded };
}
