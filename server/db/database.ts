// Opens the server's database: SQLite in the data directory by default (one
// newsroom, zero set-up), PostgreSQL when a URL is given (production, several
// instances). Both get the same migrations and the same queries.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Schema } from './schema';
import type { Engine } from './migrations/types';
import { migrate } from './migrate';

export type Db = Kysely<Schema>;

export interface Store {
  db: Db;
  engine: Engine;
  /** Where the data lives, for logs (never the password). */
  where: string;
  /** The raw SQLite handle, for the one hot path (appending document updates) that skips the query builder. */
  sqlite?: Database.Database;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** SQLite file lives here when no databaseUrl is given. */
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL schema (created if missing); lets test runs and tenants share a database. */
  databaseSchema?: string | undefined;
  poolSize?: number;
  /** False leaves the schema as it is (migration tests step through versions themselves). */
  migrate?: boolean;
}

const INT8_OID = 20;

export const SQLITE_FILE = 'rongmei-server.db';

export async function openStore(opts: StoreOptions): Promise<Store> {
  const store = opts.databaseUrl ? await openPostgres(opts) : openSqlite(opts.dataDir);
  if (opts.migrate === false) return store;
  try {
    await migrate(store.db as unknown as Kysely<unknown>, store.engine);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/**
 * synchronous=FULL: an update is acknowledged only after its commit reached
 * the disk, so "saved" survives a power cut, not only a crash.
 */
function openSqlite(dataDir: string): Store {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SQLITE_FILE);
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    engine: 'sqlite',
    where: file,
    sqlite: database,
    async ping() {
      await sql`SELECT 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad schema name: ${name}`);
  return `"${name}"`;
}

async function openPostgres(opts: StoreOptions): Promise<Store> {
  const schema = opts.databaseSchema ?? 'public';
  const url = opts.databaseUrl!;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? (v: string) => Number(v)
        : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    options: `-c search_path=${quoteIdent(schema)}`,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its connection must not crash the server.
  pool.on('error', () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return {
    db,
    engine: 'postgres',
    where: `postgres://${u.host}${u.pathname} schema ${schema}`,
    async ping() {
      await sql`SELECT 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
