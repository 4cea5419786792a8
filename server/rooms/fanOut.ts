/** One registry listener that forwards every notification to several (Socket.IO, Yjs, radar). */
import { logError } from '../guard';
import type { RegistryListener } from './WorkshopRegistry';

/**
 * Each listener implements the notifications it cares about. One that throws is logged and the
 * others are still told: the change is already saved, and e.g. the /yjs gateway must still
 * re-check access when the live views failed.
 */
export function fanOut(listeners: Partial<RegistryListener>[]): RegistryListener {
  const each = <K extends keyof RegistryListener>(name: K, ...args: Parameters<RegistryListener[K]>) => {
    for (const l of listeners) {
      try {
        (l[name] as ((...a: Parameters<RegistryListener[K]>) => void) | undefined)?.(...args);
      } catch (error) {
        logError(`workshop ${args[0].id}: ${name}`, error);
      }
    }
  };
  return {
    onDirty: (room) => each('onDirty', room),
    onSeatsMoved: (room, moved) => each('onSeatsMoved', room, moved),
    onSeatsRemoved: (room, ids) => each('onSeatsRemoved', room, ids),
    onDeleted: (room) => each('onDeleted', room),
    onUnloaded: (room) => each('onUnloaded', room),
    onMoved: (room) => each('onMoved', room),
    onComments: (room, comments) => each('onComments', room, comments),
  };
}
