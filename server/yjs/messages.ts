/** y-websocket wire messages (y-protocols sync + awareness), encoded with lib0. */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync step 1: "here is my state vector, send me what I miss". */
export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything the peer's state vector lacks. */
export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** An incremental document update. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness update about nobody: the stock client hears from the server, and nothing changes. */
export const KEEPALIVE: Uint8Array = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
})();

/** An awareness update for the given clients. */
export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  /** `reply`: a sync step 2 (what the client has that the server lacks), else a live edit. */
  | { type: 'sync-update'; update: Uint8Array; reply: boolean }
  | { type: 'awareness'; update: Uint8Array; clients: number[] }
  | { type: 'query-awareness' }
  | { type: 'unknown' };

/** Parses one client message; throws on malformed input (the caller closes the connection). */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  const kind = decoding.readVarUint(decoder);
  switch (kind) {
    case MESSAGE_SYNC: {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      // A live edit is forwarded byte for byte: nothing may follow the payload.
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes after a sync message');
      if (sub === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step1', stateVector: payload };
      if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
        return { type: 'sync-update', update: payload, reply: sub === syncProtocol.messageYjsSyncStep2 };
      }
      throw new Error(`unknown sync message ${sub}`);
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      // Forwarded byte for byte to the others: nothing may follow the update.
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes after an awareness update');
      return { type: 'awareness', update, clients: awarenessClients(update) };
    }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    default:
      return { type: 'unknown' };
  }
}

/**
 * The client ids an awareness update speaks for, validating its structure on the way. The states'
 * JSON is skipped, not decoded: applying the update parses it (and rejects what is not JSON).
 */
function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > 1000) throw new Error('awareness update lists too many clients');
  const clients: number[] = [];
  for (let i = 0; i < count; i++) {
    clients.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    // The state's JSON is skipped by its length: not decoded, not even viewed.
    const length = decoding.readVarUint(decoder);
    if (decoder.pos + length > decoder.arr.length) throw new Error('unexpected end of an awareness update');
    decoder.pos += length;
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in an awareness update');
  return clients;
}
