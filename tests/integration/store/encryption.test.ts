// Drafts are encrypted at rest; an old plaintext database is converted in
// place, and a crash at any step of that conversion loses nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../electron/services/store/database';
import { ENCRYPT_STEPS, isPlaintextDatabase } from '../../../electron/services/store/encryption';
import { loadOrCreateKeyFile } from '../../../electron/services/store/key-file';
import { tempDir, removeTempDirs } from '../helpers';

afterEach(removeTempDirs);

const SECRET = '消息来源：农业农村部内部人士（未公开）';

function plaintextWithStories(file: string, n = 50): void {
  const { db } = openDatabase(file);
  const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) insert.run(`note-${i}`, JSON.stringify(`${SECRET} #${i}`));
  })();
  db.close();
}

function count(db: Database.Database): number {
  return db
    .prepare<[], { n: number }>("SELECT count(*) n FROM settings WHERE key LIKE 'note-%'")
    .get()!.n;
}

describe('encryption at rest', () => {
  it('keeps nothing readable on disk, and refuses to open without the key', () => {
    const file = path.join(tempDir(), 'rongmei.db');
    const key = crypto.randomBytes(32);
    const { db } = openDatabase(file, { key });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
      'secret',
      JSON.stringify(SECRET),
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(isPlaintextDatabase(file)).toBe(false);
    const raw = Buffer.concat([
      fs.readFileSync(file),
      fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0),
    ]);
    expect(raw.includes(Buffer.from('农业农村部'))).toBe(false);
    expect(() => new Database(file).prepare('SELECT * FROM settings').all()).toThrow(
      /not a database/,
    );
    const again = openDatabase(file, { key });
    expect(again.db.prepare("SELECT value FROM settings WHERE key = 'secret'").get()).toEqual({
      value: JSON.stringify(SECRET),
    });
    again.db.close();
  });

  it('encrypts an older plaintext database in place, keeping every row', () => {
    const file = path.join(tempDir(), 'rongmei.db');
    plaintextWithStories(file);
    expect(isPlaintextDatabase(file)).toBe(true);
    const key = crypto.randomBytes(32);
    const opened = openDatabase(file, { key });
    expect(opened.encryptedNow).toBe(true);
    expect(count(opened.db)).toBe(50);
    opened.db.close();
    expect(isPlaintextDatabase(file)).toBe(false);
    expect(fs.existsSync(`${file}.encrypting`)).toBe(false);
  });

  for (const step of ENCRYPT_STEPS) {
    it(`survives a SIGKILL after "${step}" while encrypting`, () => {
      const file = path.join(tempDir(), 'rongmei.db');
      plaintextWithStories(file);
      const key = crypto.randomBytes(32);
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(__dirname, 'encrypt-crash-child.ts'),
          file,
          key.toString('hex'),
          step,
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(child.signal).toBe('SIGKILL');
      // Either the original plaintext file or the complete encrypted one is in place.
      const opened = openDatabase(file, { key });
      expect(opened.recoveredFrom).toBeNull();
      expect(count(opened.db)).toBe(50);
      opened.db.close();
      expect(isPlaintextDatabase(file)).toBe(false);
      expect(fs.readdirSync(path.dirname(file)).filter((f) => f.includes('encrypting'))).toEqual(
        [],
      );
    });
  }

  it('moves aside a database it cannot decrypt (wrong or lost key) instead of failing or overwriting it', () => {
    const file = path.join(tempDir(), 'rongmei.db');
    const first = openDatabase(file, { key: crypto.randomBytes(32) });
    first.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('x', '"y"');
    first.db.close();
    const bytes = fs.readFileSync(file);
    const other = openDatabase(file, { key: crypto.randomBytes(32) });
    expect(other.recoveredFrom).not.toBeNull();
    expect(fs.readFileSync(other.recoveredFrom!.movedTo)).toEqual(bytes);
    other.db.close();
  });
});

describe('key file', () => {
  it('is created once with owner-only permissions and reused', () => {
    const file = path.join(tempDir(), 'keys', 'dev.key');
    const a = loadOrCreateKeyFile(file);
    expect(a).toHaveLength(32);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file).equals(a)).toBe(true);
    fs.chmodSync(file, 0o644);
    loadOrCreateKeyFile(file);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a key file that does not hold a 32-byte key', () => {
    const file = path.join(tempDir(), 'bad.key');
    fs.writeFileSync(file, 'abcd');
    expect(() => loadOrCreateKeyFile(file)).toThrow(/32-byte key/);
  });
});
