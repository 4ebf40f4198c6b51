// Opens the local SQLite database: WAL, foreign keys, migrations — and what
// to do when the file is damaged. A draft database may hold the only copy of
// a reporter's work, so a file that cannot be read is moved aside (never
// overwritten, never deleted) and the app starts on a fresh one.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type Db = Database.Database;

export interface OpenedDatabase {
  db: Db;
  /** Where a damaged file was moved, when that happened on this open. */
  recoveredFrom: { movedTo: string; reason: string } | null;
}

/**
 * synchronous=FULL: every commit reaches the disk before the update is
 * acknowledged, so an edit the UI shows as saved survives a power cut, not
 * only a crash. Measured here at p99 ≈ 0.4 ms a commit (tests/bench/autosave).
 */
function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function isDamage(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return (
    ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_SHORT_READ'].some((c) =>
      code.startsWith(c),
    ) || /malformed|not a database|file is encrypted/i.test(String((err as Error).message))
  );
}

function timestamp(d = new Date()): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Renames `file` (and its -wal/-shm) to a name that does not exist yet. */
export function moveAside(file: string, now = new Date()): string {
  const base = `${file}.damaged-${timestamp(now)}`;
  let target = base;
  for (let i = 2; fs.existsSync(target); i++) target = `${base}-${i}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

function openChecked(file: string): Db {
  const db = new Database(file);
  try {
    configure(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openDatabase(file: string): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    return { db: openChecked(file), recoveredFrom: null };
  } catch (err) {
    if (!isDamage(err) || !fs.existsSync(file)) throw err;
    const movedTo = moveAside(file);
    return {
      db: openChecked(file),
      recoveredFrom: { movedTo, reason: String((err as Error).message) },
    };
  }
}
