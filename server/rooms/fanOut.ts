/** One registry listener that forwards every notification to several (Socket.IO, Yjs, radar). */
import type { RegistryListener } from './WorkshopRegistry';

/** Each listener implements the notifications it cares about. */
export function fanOut(listeners: Partial<RegistryListener>[]): RegistryListener {
  return {
    onDirty: (room) => listeners.forEach((l) => l.onDirty?.(room)),
    onSeatsMoved: (room, moved) => listeners.forEach((l) => l.onSeatsMoved?.(room, moved)),
    onSeatsRemoved: (room, ids) => listeners.forEach((l) => l.onSeatsRemoved?.(room, ids)),
    onDeleted: (room) => listeners.forEach((l) => l.onDeleted?.(room)),
    onUnloaded: (room) => listeners.forEach((l) => l.onUnloaded?.(room)),
    onComments: (room, comments) => listeners.forEach((l) => l.onComments?.(room, comments)),
  };
}
