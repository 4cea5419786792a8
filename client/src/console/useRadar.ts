/** The radar summaries of every group, loaded once and kept live by the server's pushes. */
import { useEffect, useState } from 'react';
import type { RadarSummary } from '../../../shared/views';
import { request, type ClientSocket } from '../net/useWorkshopSocket';
import { markRadarArrived } from './renderTiming';

export function useRadar(socket: ClientSocket | null): Map<string, RadarSummary> {
  const [radar, setRadar] = useState(() => new Map<string, RadarSummary>());
  useEffect(() => {
    if (!socket) return;
    const load = async () => {
      const r = await request(socket, 'radar:list', {});
      if (!r.ok) return;
      markRadarArrived();
      setRadar(new Map(r.data.map((s) => [s.groupId, s])));
    };
    const onSummaries = (summaries: RadarSummary[]) =>
      setRadar((m) => {
        const next = new Map(m);
        for (const s of summaries) next.set(s.groupId, s);
        return next;
      });
    socket.on('radar:summaries', onSummaries);
    socket.on('connect', load);
    if (socket.connected) void load();
    return () => {
      socket.off('radar:summaries', onSummaries);
      socket.off('connect', load);
    };
  }, [socket]);
  return radar;
}
