/** Chooses the store: PostgreSQL when DATABASE_URL is set (several nodes), else the embedded SQLite store. */
import type { Config } from '../config';
import type { Log } from '../guard';
import { PgStore } from './PgStore';
import { SqliteStore } from './SqliteStore';
import type { WorkshopStore } from './types';

export function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'databaseSchema'>, log: Log): WorkshopStore {
  if (config.databaseUrl) return new PgStore({ url: config.databaseUrl, schema: config.databaseSchema }, log);
  return new SqliteStore(config.dataDir, log);
}
