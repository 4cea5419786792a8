/**
 * Checks on a client's Yjs update before and after it is applied, so that a malformed or forged
 * update cannot leave the server's document in a state other clients cannot reproduce.
 */
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

const MAX_CLIENT_ID = 0xffffffff;

/** The first clock of each client id an update writes (see Y.parseUpdateMeta). */
export type UpdateStarts = Map<number, number>;

/**
 * Read from the update's header when it writes as one client (a keystroke always does): the
 * header is "clients, structs, client id, first clock". Only an update of several clients is
 * parsed whole (Y.parseUpdateMeta), to reach the second client's header. Whatever follows the
 * header is checked by Y.applyUpdate, which throws on malformed structs.
 */
export function updateStarts(update: Uint8Array): UpdateStarts {
  const decoder = decoding.createDecoder(update);
  const clients = decoding.readVarUint(decoder);
  if (clients > 1) return Y.parseUpdateMeta(update).from;
  const starts: UpdateStarts = new Map();
  if (clients === 1 && decoding.readVarUint(decoder) > 0) {
    const client = decoding.readVarUint(decoder);
    starts.set(client, decoding.readVarUint(decoder));
  }
  return starts;
}

/** Client ids are uint32 and an update must continue where the server is (no gaps, which would stay pending). */
export function continuesDocument(doc: Y.Doc, from: UpdateStarts): boolean {
  for (const [client, clock] of from) {
    if (!Number.isInteger(client) || client < 0 || client > MAX_CLIENT_ID) return false;
    if (clock > Y.getState(doc.store, client)) return false;
  }
  return true;
}

/** True when the update holds nothing of `clients` beyond what the document already has. */
export function repeatsOnly(doc: Y.Doc, update: Uint8Array, clients: number[]): boolean {
  const { to } = Y.parseUpdateMeta(update);
  return clients.every((client) => (to.get(client) ?? 0) <= Y.getState(doc.store, client));
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

/** Whether a transaction changed the document (Yjs sends an update for it only then). */
export function changedDocument(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if ((tr.beforeState.get(client) ?? 0) !== clock) return true;
  return false;
}
