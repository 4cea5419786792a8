/**
 * The embedded store's schema, as numbered migrations applied in order when the store opens (the
 * version lives in SQLite's `user_version`). A migration is never edited once released: a change
 * is a new one at the end. Stores older than the numbering (version 0) had the tables of
 * migration 1 already, maybe without later columns: migration 1 brings them to its shape.
 */
import type Database from 'better-sqlite3';
import type { Participant } from '../../../shared/workshop';

/**
 * A workshop's row holds its state as JSON without the participants and the activity time: a join
 * writes the newcomer's row (~100 bytes), not the whole state (~106 KB at 1,000 participants).
 * Participants are read back in join order (their rowid; an upsert keeps it).
 */
const SCHEMA_1 = `
CREATE TABLE IF NOT EXISTS workshops (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  facilitator_key_hash TEXT NOT NULL,
  last_active INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE TABLE IF NOT EXISTS seats (
  token_hash TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS seats_by_workshop ON seats(workshop_id, participant_id);
CREATE INDEX IF NOT EXISTS workshops_by_activity ON workshops(last_active);
CREATE TABLE IF NOT EXISTS doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  group_id TEXT NOT NULL,
  data BLOB NOT NULL,
  at INTEGER NOT NULL,
  parts INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS comments (
  workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (workshop_id, id)
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates(workshop_id, group_id, seq);
`;

/** Each migration runs in one transaction with the version bump. */
export const SQLITE_MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  (db) => {
    db.exec(SCHEMA_1);
    // Stores written before updates were batched: every row holds one update.
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(doc_updates)').all();
    if (!columns.some((c) => c.name === 'parts')) db.exec('ALTER TABLE doc_updates ADD COLUMN parts INTEGER NOT NULL DEFAULT 1');
    moveParticipantsToRows(db);
  },
  // 2: the coaching record of each workshop (issue #23).
  (db) => {
    db.exec(`CREATE TABLE IF NOT EXISTS coaching (
      workshop_id TEXT PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE,
      data TEXT NOT NULL
    )`);
  },
];

/**
 * Stores written before participants had rows of their own kept them in the workshop's JSON: they
 * are moved to their rows (one way: an older build cannot read the result).
 */
function moveParticipantsToRows(db: Database.Database): void {
  const legacy = db.prepare<[], { id: string; state: string }>("SELECT id, state FROM workshops WHERE json_extract(state, '$.participants') IS NOT NULL").all();
  const put = db.prepare('INSERT INTO participants (workshop_id, id, data) VALUES (?, ?, ?) ON CONFLICT (workshop_id, id) DO UPDATE SET data = excluded.data');
  const strip = db.prepare("UPDATE workshops SET state = json_remove(state, '$.participants') WHERE id = ?");
  for (const { id, state } of legacy) {
    for (const p of (JSON.parse(state) as { participants: Participant[] }).participants) put.run(id, p.id, JSON.stringify(p));
    strip.run(id);
  }
}

/** Applies the migrations this store has not had yet; returns the version it is at now. */
export function migrateSqlite(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(`This store was written by a newer Draftroom (schema version ${current}; this build knows ${SQLITE_MIGRATIONS.length}).`);
  }
  for (let version = current + 1; version <= SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      SQLITE_MIGRATIONS[version - 1]!(db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
  return SQLITE_MIGRATIONS.length;
}
