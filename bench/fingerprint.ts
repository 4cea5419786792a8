/** A document's content as comparable text: same content and same state vector, same fingerprint. */
import * as Y from 'yjs';
import { stableJson } from '../shared/stableJson';

export function fingerprint(doc: Y.Doc): string {
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort((a, b) => a[0] - b[0]);
  return stableJson([doc.getArray('objectives').toJSON(), sv]);
}
