/**
 * The console's coaching report (issue #23), asked for when the Teaching board tab opens, again
 * when the radar changes (at most every REFRESH_MS: what changes the figures reaches the radar
 * first), and when a young hint settles (the server says when).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoachingReport } from '../../../shared/coaching';
import type { RadarSummary } from '../../../shared/views';
import { request, type ClientSocket } from '../net/useWorkshopSocket';

const REFRESH_MS = 2000;

export function useCoachingReport(socket: ClientSocket | null, radar: Map<string, RadarSummary>, offset: number): CoachingReport | null {
  const [report, setReport] = useState<CoachingReport | null>(null);
  const lastAt = useRef(-Infinity);
  const load = useCallback(async () => {
    lastAt.current = Date.now();
    const r = await request(socket, 'coaching:report', {});
    if (r.ok) setReport(r.data);
  }, [socket]);

  // On opening and after each radar push, throttled.
  useEffect(() => {
    if (!socket) return;
    const wait = lastAt.current + REFRESH_MS - Date.now();
    if (wait <= 0) {
      void load();
      return;
    }
    const id = setTimeout(() => void load(), wait);
    return () => clearTimeout(id);
  }, [socket, radar, load]);

  // A hint settling changes the figures with no event: asked again then.
  const nextChangeAt = report?.nextChangeAt ?? null;
  useEffect(() => {
    if (nextChangeAt === null) return;
    const id = setTimeout(() => void load(), Math.max(0, nextChangeAt - (Date.now() + offset)) + 100);
    return () => clearTimeout(id);
  }, [nextChangeAt, offset, load]);

  return report;
}
