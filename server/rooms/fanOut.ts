/** One registry listener that forwards every notification to several (Socket.IO, Yjs). */
import type { RegistryListener } from './WorkshopRegistry';

export function fanOut(listeners: RegistryListener[]): RegistryListener {
  return {
    onDirty: (room) => listeners.forEach((l) => l.onDirty(room)),
    onSeatsMoved: (room, moved) => listeners.forEach((l) => l.onSeatsMoved(room, moved)),
    onSeatsRemoved: (room, ids) => listeners.forEach((l) => l.onSeatsRemoved(room, ids)),
    onDeleted: (room) => listeners.forEach((l) => l.onDeleted(room)),
  };
}
