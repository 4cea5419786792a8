/**
 * y-websocket's provider (3.1.0) sends every awareness change it sees, its peers' as well as its
 * own: each cursor move it receives goes straight back to the server, four times per keystroke in
 * a group of five. Draftroom's server drops those echoes (a connection speaks only for its own
 * client id, server/yjs/DocRoom.ts), so they only cost every browser an upload and the server a
 * read. With this, a provider sends only changes of its own client's state: its cursor, its name,
 * its leaving. Peers' states reach everyone from the server, which relays each one as it comes.
 */
import type { WebsocketProvider } from 'y-websocket';

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  const send = provider._awarenessUpdateHandler;
  awareness.off('update', send);
  // Replaced on the provider itself, so that its destroy() unregisters this one.
  provider._awarenessUpdateHandler = ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
    const own = awareness.clientID;
    if (added.includes(own) || updated.includes(own) || removed.includes(own)) send({ added: [], updated: [own], removed: [] }, origin);
  };
  awareness.on('update', provider._awarenessUpdateHandler);
}
