// Brings a database up to the newest schema, one numbered migration at a
// time, each in its own transaction with `PRAGMA user_version` bumped inside
// it — so a crash mid-way leaves the previous version, never half of one.
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`database schema ${found} is newer than this app understands (${supported})`);
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
  target?: number,
): number {
  const newest = migrations.at(-1)?.version ?? 0;
  const goal = target ?? newest;
  const current = schemaVersion(db);
  if (current > newest) throw new NewerSchemaError(current, newest);
  for (const m of migrations) {
    if (m.version <= current || m.version > goal) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
