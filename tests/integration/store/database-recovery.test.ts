import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../../electron/services/store/database';
import { createHost } from '../../../electron/services/host/create-host';
import { tempDir, removeTempDirs } from '../helpers';

afterEach(removeTempDirs);

describe('opening a damaged database', () => {
  it('moves a file that is not a database aside, keeps its bytes, and starts fresh', () => {
    const dir = tempDir();
    const file = path.join(dir, 'rongmei.db');
    const garbage = Buffer.from(
      '这不是数据库文件 — not a database, just bytes from a broken USB stick'.repeat(100),
    );
    fs.writeFileSync(file, garbage);
    const { db, recoveredFrom } = openDatabase(file);
    expect(recoveredFrom).not.toBeNull();
    expect(recoveredFrom!.movedTo).toMatch(/rongmei\.db\.damaged-\d{8}T\d{6}Z$/);
    expect(fs.readFileSync(recoveredFrom!.movedTo)).toEqual(garbage);
    expect(db.prepare('SELECT count(*) n FROM stories').get()).toEqual({ n: 0 });
    db.close();
  });

  it('detects a database with a damaged page and never overwrites an earlier moved-aside copy', () => {
    const dir = tempDir();
    const file = path.join(dir, 'rongmei.db');
    const first = openDatabase(file).db;
    first
      .prepare("INSERT INTO settings (key, value) VALUES ('k', ?)")
      .run(JSON.stringify('x'.repeat(20000)));
    first.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0xff, 4096, 4096 * 3); // scribble over the schema's pages
    fs.writeFileSync(file, bytes);
    const a = openDatabase(file);
    expect(a.recoveredFrom).not.toBeNull();
    a.db.close();
    // Damage the new file too: its copy goes to a new name, the first copy stays.
    fs.writeFileSync(file, 'garbage');
    const b = openDatabase(file);
    expect(b.recoveredFrom!.movedTo).not.toBe(a.recoveredFrom!.movedTo);
    expect(fs.readFileSync(a.recoveredFrom!.movedTo)).toEqual(bytes);
    b.db.close();
  });

  it('tells the user through a notice that survives restarts until dismissed', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'rongmei.db'), 'not sqlite');
    const host = createHost({ dataDir: dir, host: 'web', version: 't', log: () => undefined });
    const conn = { id: 'c', emit: () => undefined };
    const info = await host.handlers['app.info']({}, { connection: conn });
    expect(info.notices).toHaveLength(1);
    expect(info.notices[0]).toMatchObject({ kind: 'database_recovered', severity: 'warning' });
    expect(info.notices[0]!.params.movedTo).toContain(dir);
    host.close();
    const again = createHost({ dataDir: dir, host: 'web', version: 't', log: () => undefined });
    const info2 = await again.handlers['app.info']({}, { connection: conn });
    expect(info2.notices).toHaveLength(1);
    await again.handlers['app.dismissNotice']({ id: info2.notices[0]!.id }, { connection: conn });
    expect((await again.handlers['app.info']({}, { connection: conn })).notices).toHaveLength(0);
    again.close();
  });
});
