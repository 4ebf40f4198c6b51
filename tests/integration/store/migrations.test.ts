import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, schemaVersion, NewerSchemaError } from '../../../electron/services/store/migrate';
import { MIGRATIONS } from '../../../electron/services/store/migrations';
import { tempDir, removeTempDirs } from '../helpers';

afterEach(removeTempDirs);

function tables(db: Database.Database): string[] {
  return db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name",
    )
    .all()
    .map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… without gaps', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('001 creates stories, search, documents and settings on an empty database', () => {
    const db = new Database(path.join(tempDir(), 'a.db'));
    expect(migrate(db, MIGRATIONS, 1)).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'stories',
        'story_text',
        'story_fts',
        'doc_snapshots',
        'doc_updates',
        'settings',
      ]),
    );
    // The search triggers keep the trigram index in step with story_text.
    db.prepare(
      "INSERT INTO stories (id, created_at, updated_at) VALUES ('s1', 'now', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO story_text (story_id, titles, body) VALUES ('s1', '秋粮收购', '玉米价格稳中有升')",
    ).run();
    expect(
      db.prepare('SELECT count(*) n FROM story_fts WHERE story_fts MATCH \'"价格稳"\'').get(),
    ).toEqual({ n: 1 });
    db.prepare("UPDATE story_text SET body = '小麦播种' WHERE story_id = 's1'").run();
    expect(
      db.prepare('SELECT count(*) n FROM story_fts WHERE story_fts MATCH \'"价格稳"\'').get(),
    ).toEqual({ n: 0 });
    db.pragma('foreign_keys = ON');
    db.prepare("DELETE FROM stories WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) n FROM story_text').get()).toEqual({ n: 0 });
  });

  it('002 indexes the text already stored for 1–2 字 search, and follows deletions', () => {
    const db = new Database(path.join(tempDir(), 'v1.db'));
    migrate(db, MIGRATIONS, 1);
    db.prepare(
      "INSERT INTO stories (id, created_at, updated_at) VALUES ('s1', 'now', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO story_text (story_id, titles, body) VALUES ('s1', '喀什见闻', '记者李娜报道：5G基站覆盖全部乡镇。')",
    ).run();
    expect(migrate(db, MIGRATIONS, 2)).toBe(2);
    const hits = (q: string) =>
      db
        .prepare<[string], { n: number }>(
          'SELECT count(*) n FROM story_fts_short WHERE story_fts_short MATCH ?',
        )
        .get(q)!.n;
    expect(hits('"喀 什"')).toBe(1);
    expect(hits('"李 娜"')).toBe(1);
    expect(hits('"5g"')).toBe(1);
    expect(hits('"娜 李"')).toBe(0);
    db.pragma('foreign_keys = ON');
    db.prepare("DELETE FROM stories WHERE id = 's1'").run();
    expect(hits('"喀 什"')).toBe(0);
  });

  it('003 adds the server facts to stories, the outbox and the unsent-edits table', () => {
    const db = new Database(path.join(tempDir(), 'v2.db'));
    migrate(db, MIGRATIONS, 2);
    db.prepare(
      "INSERT INTO stories (id, created_at, updated_at, headline) VALUES ('s1', 'now', 'now', '旧稿')",
    ).run();
    expect(migrate(db, MIGRATIONS, 3)).toBe(3);
    expect(
      db
        .prepare(
          "SELECT headline, desk_id, server_revision, server_seq FROM stories WHERE id = 's1'",
        )
        .get(),
    ).toEqual({
      headline: '旧稿',
      desk_id: null,
      server_revision: 0,
      server_seq: null,
    });
    db.prepare(
      "INSERT INTO outbox (id, seq, story_id, command, undo, created_at) VALUES ('c1', 1, 's1', '{}', '{}', 'now')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO outbox (id, seq, story_id, command, undo, created_at) VALUES ('c2', 1, 's1', '{}', '{}', 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(
      "INSERT INTO sync_dirty (doc_id, since, updates) VALUES ('story:s1', 'now', 3)",
    ).run();
    expect(db.prepare('SELECT sum(updates) n FROM sync_dirty').get()).toEqual({ n: 3 });
  });

  it('005 adds content-addressed assets linked to stories, cascading with the story only', () => {
    const db = new Database(path.join(tempDir(), 'v5.db'));
    migrate(db, MIGRATIONS, 4);
    db.prepare(
      "INSERT INTO stories (id, created_at, updated_at) VALUES ('s1', 'now', 'now')",
    ).run();
    expect(migrate(db, MIGRATIONS, 5)).toBe(5);
    expect(tables(db)).toEqual(expect.arrayContaining(['assets', 'story_assets']));
    db.pragma('foreign_keys = ON');
    const id = 'ab'.repeat(32);
    const insert = db.prepare(
      "INSERT INTO assets (id, mime, width, height, bytes, exif, data, created_at) VALUES (?, ?, 10, 10, 1, '{}', x'00', 'now')",
    );
    insert.run(id, 'image/jpeg');
    expect(() => insert.run('AB'.repeat(32), 'image/jpeg')).toThrow(/CHECK/);
    expect(() => insert.run('cd'.repeat(32), 'text/plain')).toThrow(/CHECK/);
    db.prepare(
      "INSERT INTO story_assets (story_id, asset_id, file_name, added_at) VALUES ('s1', ?, 'a.jpg', 'now')",
    ).run(id);
    expect(() =>
      db
        .prepare(
          "INSERT INTO story_assets (story_id, asset_id, file_name, added_at) VALUES ('s1', ?, 'a.jpg', 'now')",
        )
        .run('ef'.repeat(32)),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM stories WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) n FROM story_assets').get()).toEqual({ n: 0 });
    // The bytes stay: another story (or an export in progress) may still use them.
    expect(db.prepare('SELECT count(*) n FROM assets').get()).toEqual({ n: 1 });
  });

  it('004 adds variant state and master revisions, keeps existing stories, and cascades with them', () => {
    const db = new Database(path.join(tempDir(), 'v2.db'));
    migrate(db, MIGRATIONS, 3);
    db.prepare(
      "INSERT INTO stories (id, created_at, updated_at, headline) VALUES ('s1', 'now', 'now', '秋粮收购进度过半')",
    ).run();
    expect(migrate(db, MIGRATIONS, 4)).toBe(4);
    expect(tables(db)).toEqual(expect.arrayContaining(['story_variants', 'master_revisions']));
    // The story written under v2 is untouched, and has no variant rows: it goes to every channel.
    expect(db.prepare('SELECT headline FROM stories').get()).toEqual({
      headline: '秋粮收购进度过半',
    });
    expect(db.prepare('SELECT count(*) n FROM story_variants').get()).toEqual({ n: 0 });
    db.pragma('foreign_keys = ON');
    const rev = 'a'.repeat(64);
    db.prepare(
      "INSERT INTO master_revisions (story_id, revision, content, yjs_snapshot, created_at) VALUES ('s1', ?, '{}', x'00', 'now')",
    ).run(rev);
    db.prepare(
      "INSERT INTO story_variants (story_id, channel, derived_at, base_revision, derived_hash, updated_at) VALUES ('s1', 'wechat', 'now', ?, ?, 'now')",
    ).run(rev, rev);
    db.prepare(
      "INSERT INTO story_variants (story_id, channel, enabled, updated_at) VALUES ('s1', 'douyin', 0, 'now')",
    ).run();
    expect(
      db.prepare("SELECT enabled, edited FROM story_variants WHERE channel = 'wechat'").get(),
    ).toEqual({ enabled: 1, edited: 0 });
    // A base must be a stored revision, and a variant with a base has been derived.
    expect(() =>
      db
        .prepare(
          "INSERT INTO story_variants (story_id, channel, derived_at, base_revision, derived_hash, updated_at) VALUES ('s1', 'app', 'now', ?, ?, 'now')",
        )
        .run('b'.repeat(64), rev),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO story_variants (story_id, channel, base_revision, updated_at) VALUES ('s1', 'print', ?, 'now')",
        )
        .run(rev),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO story_variants (story_id, channel, updated_at) VALUES ('s1', 'WeChat; DROP', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // A revision a variant still stands on cannot be deleted from under it.
    expect(() => db.prepare('DELETE FROM master_revisions').run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM stories WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) n FROM story_variants').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) n FROM master_revisions').get()).toEqual({ n: 0 });
  });

  it('are idempotent and record the version', () => {
    const db = new Database(path.join(tempDir(), 'b.db'));
    migrate(db);
    migrate(db);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('refuse a database from a newer app instead of damaging it', () => {
    const db = new Database(path.join(tempDir(), 'c.db'));
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(NewerSchemaError);
  });

  it('roll back a failing migration whole, leaving the previous version', () => {
    const db = new Database(path.join(tempDir(), 'd.db'));
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up: (d: Database.Database) => d.exec('CREATE TABLE half (x); SELECT * FROM no_such_table;'),
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('half');
  });
});
