/**
 * Checks on a client's Yjs update before and after it is applied, so that a malformed or forged
 * update cannot leave the server's document in a state other clients cannot reproduce.
 */
import * as Y from 'yjs';

const MAX_CLIENT_ID = 0xffffffff;

/** The first clock of each client id an update writes (see Y.parseUpdateMeta). */
export type UpdateStarts = Map<number, number>;

export function updateStarts(update: Uint8Array): UpdateStarts {
  return Y.parseUpdateMeta(update).from;
}

/** Client ids are uint32 and an update must continue where the server is (no gaps, which would stay pending). */
export function continuesDocument(doc: Y.Doc, from: UpdateStarts): boolean {
  for (const [client, clock] of from) {
    if (!Number.isInteger(client) || client < 0 || client > MAX_CLIENT_ID) return false;
    if (clock > Y.getState(doc.store, client)) return false;
  }
  return true;
}

/**
 * Drops anything the update left pending (structs or deletions it could not place): kept, it
 * would be sent to every new client and make their documents differ. True when something was dropped.
 */
export function dropPending(doc: Y.Doc): boolean {
  if (doc.store.pendingStructs === null && doc.store.pendingDs === null) return false;
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  return true;
}
