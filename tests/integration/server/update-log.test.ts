// The document update log on SQLite and PostgreSQL: group commit, folding
// into snapshots, and loading what a late commit left behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openStore, type Store } from '../../../server/db/database';
import { UpdateLog, applyAll } from '../../../server/docs/update-log';
import { ENGINES } from './services';
import { testEnv, type TestEnv } from './harness';

function edits(texts: string[]): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const t of texts) doc.getText('body').insert(doc.getText('body').length, t);
  return { doc, updates };
}

async function loaded(log: UpdateLog, name: string): Promise<string> {
  const d = new Y.Doc();
  applyAll(d, (await log.load(name)).updates);
  return d.getText('body').toString();
}

describe.each(ENGINES)('update log on %s', (engine) => {
  let env: TestEnv;
  let store: Store;
  let log: UpdateLog;
  beforeAll(async () => {
    env = testEnv(engine);
    store = await openStore({
      dataDir: env.env.RONGMEI_DATA_DIR!,
      databaseUrl: env.env.DATABASE_URL,
      databaseSchema: env.env.DATABASE_SCHEMA,
    });
    log = new UpdateLog(store.db, store.engine, Date.now, store.sqlite);
  });
  afterAll(async () => {
    await store?.close();
    await env?.cleanup();
  });

  it('commits concurrent appends together and keeps them all', async () => {
    const { updates } = edits(Array.from({ length: 100 }, (_, i) => `第${i}字`));
    const commitsBefore = log.commits;
    await Promise.all(updates.map((u) => log.append('story:group', u)));
    expect(log.commits - commitsBefore).toBeLessThan(10);
    expect(await loaded(log, 'story:group')).toBe(
      Array.from({ length: 100 }, (_, i) => `第${i}字`).join(''),
    );
  });

  it('folds the log into a snapshot and loads the same text', async () => {
    const { updates } = edits(['乡村振兴', '产业兴旺', '生态宜居']);
    for (const u of updates) await log.append('story:fold', u);
    expect(await log.compact('story:fold')).toBe(3);
    const rows = await store.db
      .selectFrom('doc_updates')
      .select('id')
      .where('doc_name', '=', 'story:fold')
      .execute();
    expect(rows).toEqual([]);
    expect(await loaded(log, 'story:fold')).toBe('乡村振兴产业兴旺生态宜居');
    expect(await log.compact('story:fold')).toBe(0);
  });

  it('loads a row that committed after a compaction with a lower id than it folded', async () => {
    const { updates } = edits(['长江', '禁渔', '五年']);
    // An id handed out first and committed last, as happens on PostgreSQL.
    const hole = await store.db
      .insertInto('doc_updates')
      .values({ doc_name: 'story:hole', data: Buffer.from([0]), created_at: Date.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.deleteFrom('doc_updates').where('id', '=', hole.id).execute();
    await log.append('story:late', updates[0]!);
    await log.append('story:late', updates[2]!);
    await log.compact('story:late');
    const snap = await store.db
      .selectFrom('doc_snapshots')
      .select('up_to')
      .where('doc_name', '=', 'story:late')
      .executeTakeFirstOrThrow();
    expect(Number(snap.up_to)).toBeGreaterThan(hole.id);
    await store.db
      .insertInto('doc_updates')
      .values({
        id: hole.id,
        doc_name: 'story:late',
        data: Buffer.from(updates[1]!),
        created_at: Date.now(),
      } as never)
      .execute();
    expect(await loaded(log, 'story:late')).toBe('长江禁渔五年');
    // The next compaction folds it and removes only it.
    expect(await log.compact('story:late')).toBe(1);
    expect(await loaded(log, 'story:late')).toBe('长江禁渔五年');
  });

  it('skips a stored update that cannot be applied instead of failing the whole document', async () => {
    const { updates } = edits(['台风']);
    await log.append('story:bad', updates[0]!);
    await store.db
      .insertInto('doc_updates')
      .values({
        doc_name: 'story:bad',
        data: Buffer.from([0xff, 0xff, 0xff]),
        created_at: Date.now(),
      })
      .execute();
    const bad: unknown[] = [];
    const d = new Y.Doc();
    applyAll(d, (await log.load('story:bad')).updates, (e) => bad.push(e));
    expect(bad).toHaveLength(1);
    expect(d.getText('body').toString()).toBe('台风');
  });
});
