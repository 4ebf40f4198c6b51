// Encryption at rest for the drafts database (SQLite3 Multiple Ciphers, in
// SQLCipher 4 format so standard SQLCipher tools can open a copy with the
// key). Also turns an older plaintext database into an encrypted one, in a
// way that a crash at any moment leaves either the old file or the new one,
// never neither and never half of one.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './database';

export const KEY_BYTES = 32;

/** Selects the cipher and supplies the raw 256-bit key; must come first on a connection. */
export function applyKey(db: Db, key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/** True when `file` is an ordinary (unencrypted) SQLite database. */
export function isPlaintextDatabase(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    return n === 16 && header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    fs.closeSync(fd);
  }
}

/** Steps of encryptInPlace, named so a test can crash the process at each one. */
export const ENCRYPT_STEPS = ['checkpointed', 'copied', 'rekeyed', 'verified', 'replaced'] as const;
export type EncryptStep = (typeof ENCRYPT_STEPS)[number];

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = db.prepare<[], { n: number }>(`SELECT count(*) n FROM "${t}"`).get()!.n;
  return out;
}

/**
 * Encrypts the plaintext database at `file` with `key`:
 *   1. checkpoint its WAL into the main file and close it;
 *   2. copy it to `<file>.encrypting` (a leftover copy from a crash is discarded first);
 *   3. encrypt the copy in place (PRAGMA rekey);
 *   4. open the copy with the key and compare every table's row count with the original;
 *   5. fsync, then rename the copy over the original (atomic), and remove the old WAL files.
 * Until step 5 the original is untouched; after it, the encrypted file is complete.
 */
export function encryptInPlace(
  file: string,
  key: Buffer,
  crashAt?: (step: EncryptStep) => void,
): void {
  const temp = `${file}.encrypting`;
  fs.rmSync(temp, { force: true });
  fs.rmSync(`${temp}-journal`, { force: true });

  const plain = new Database(file);
  let expected: Record<string, number>;
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    expected = tableCounts(plain);
  } finally {
    plain.close();
  }
  crashAt?.('checkpointed');

  fs.copyFileSync(file, temp);
  crashAt?.('copied');

  const enc = new Database(temp);
  try {
    // Rekeying works in rollback-journal mode; the database returns to WAL when opened for use.
    enc.pragma('journal_mode = DELETE');
    enc.pragma(`cipher = 'sqlcipher'`);
    enc.pragma('legacy = 4');
    enc.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    enc.close();
  }
  crashAt?.('rekeyed');

  if (isPlaintextDatabase(temp)) throw new Error('encryption did not take effect');
  const check = new Database(temp);
  try {
    applyKey(check, key);
    const ok = check.pragma('quick_check', { simple: true });
    const got = tableCounts(check);
    if (ok !== 'ok' || JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(`encrypted copy does not match the original (${String(ok)})`);
    }
  } finally {
    check.close();
  }
  crashAt?.('verified');

  fsyncFile(temp);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(temp, file);
  crashAt?.('replaced');
}
