// Finds the PostgreSQL and Redis the tests run against. Absent services fail
// the run in CI (CI=true) and are skipped with a loud message elsewhere.
import pg from 'pg';
import { Redis } from 'ioredis';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probePostgres(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function probeRedis(): Promise<boolean> {
  const r = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

function need(name: string, up: boolean): boolean {
  if (up) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required in CI but is not reachable`);
  console.warn(
    `\n!!!!!!!!\n!!! ${name} is not reachable: its server tests are SKIPPED (they run in CI)\n!!!!!!!!\n`,
  );
  return false;
}

export const hasPostgres = need(`PostgreSQL at ${PG_URL}`, await probePostgres());
export const hasRedis = need(`Redis at ${REDIS_URL}`, await probeRedis());

/** A schema name of its own for each test run, so runs never collide. */
export function freshSchema(tag: string): string {
  return `t_${tag}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

export type EngineName = 'sqlite' | 'postgres';
/** The engines every engine-neutral test runs against. */
export const ENGINES: EngineName[] = hasPostgres ? ['sqlite', 'postgres'] : ['sqlite'];
