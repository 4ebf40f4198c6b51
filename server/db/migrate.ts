// Brings the database to the newest schema, one numbered migration per
// transaction with its version recorded inside it, so a crash leaves the
// previous version and never half of one. On PostgreSQL an advisory lock
// makes instances that start together take turns.
import { sql, type Kysely } from 'kysely';
import { MIGRATIONS, type Migration } from './migrations';
import { columnTypes, type Engine } from './migrations/types';

const LOCK_KEY = 0x726f6e67; // "rong"

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema ${found} is newer than this server understands (${supported})`);
  }
}

async function ensureTable(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', columnTypes(engine).bigint, (c) => c.notNull())
    .execute();
}

export async function schemaVersion(db: Kysely<unknown>): Promise<number> {
  const r = await sql<{ v: number | string | null }>`
    SELECT MAX(version) AS v FROM schema_migrations`.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}

export async function migrate(
  db: Kysely<unknown>,
  engine: Engine,
  opts: { migrations?: readonly Migration[]; target?: number } = {},
): Promise<number> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const newest = migrations.at(-1)?.version ?? 0;
  const goal = opts.target ?? newest;
  await ensureTable(db, engine);
  for (const m of migrations) {
    if (m.version > goal) break;
    await db.transaction().execute(async (tx) => {
      if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(tx);
      const current = await schemaVersion(tx);
      if (current > newest) throw new NewerSchemaError(current, newest);
      if (m.version <= current) return;
      await m.up(tx, engine, columnTypes(engine));
      await sql`INSERT INTO schema_migrations (version, name, applied_at)
                VALUES (${m.version}, ${m.name}, ${Date.now()})`.execute(tx);
    });
  }
  return schemaVersion(db);
}
