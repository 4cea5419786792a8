/**
 * PostgreSQL for tests: the real server the machine runs (PG_TEST_URL, default the `test`
 * database on 127.0.0.1), and a schema of its own per test, dropped afterwards, so that runs
 * and tests never see each other's data.
 */
import { nanoid } from 'nanoid';
import pg from 'pg';
import { onCleanup } from './helpers';

export const PG_TEST_URL = process.env.PG_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema name for one test (dropped, with everything in it, when the test ends). */
export function testSchema(): string {
  const schema = `t_${nanoid(12).toLowerCase().replace(/[^a-z0-9]/g, '_')}`;
  onCleanup(() => dropSchema(schema));
  return schema;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs one query on its own connection (to look at the tables, or to break something). */
export async function pgQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(schema: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, options: `-c search_path="${schema}"` });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
