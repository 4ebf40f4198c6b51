import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as Y from 'yjs';
import { openDatabase } from '../../../electron/services/store/database';
import { DocHub, type StorageState } from '../../../electron/services/docs/doc-hub';
import type { Connection } from '../../../electron/services/host/connection';
import { HostError } from '@shared/api/errors';
import { tempDir, removeTempDirs } from '../helpers';

afterEach(removeTempDirs);

const DOC = 'story:0190b7a0-0000-7000-8000-000000000001';

function typed(doc: Y.Doc, text: string): Uint8Array {
  const sv = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, sv);
}

function recorder(id: string) {
  const events: Array<{ name: string; payload: unknown }> = [];
  const conn: Connection = { id, emit: (name, payload) => void events.push({ name, payload }) };
  return { conn, events };
}

describe('DocHub', () => {
  it('stores every update before acknowledging it and reloads the same document', () => {
    const file = path.join(tempDir(), 'r.db');
    const { db } = openDatabase(file);
    const hub = new DocHub(db);
    const local = new Y.Doc();
    for (const ch of '记者从农业农村部获悉')
      expect(hub.push(DOC, 'c1', typed(local, ch))).toEqual({ persisted: true });
    // A second process reading the file sees every acknowledged update.
    const { db: other } = openDatabase(file);
    const reread = new DocHub(other).get(DOC);
    expect(reread.getText('t').toString()).toBe('记者从农业农村部获悉');
    hub.shutdown();
    db.close();
    other.close();
  });

  it('relays an update to the other editors of the document once per connection, not to its sender', () => {
    const { db } = openDatabase(path.join(tempDir(), 'r.db'));
    const hub = new DocHub(db);
    const a = recorder('a');
    const b = recorder('b');
    hub.open(DOC, 'editor-a', a.conn);
    hub.open(DOC, 'editor-b1', b.conn);
    hub.open(DOC, 'editor-b2', b.conn);
    hub.push(DOC, 'editor-a', typed(new Y.Doc(), '新'));
    expect(a.events).toHaveLength(0);
    expect(b.events).toHaveLength(1);
    expect(b.events[0]).toMatchObject({
      name: 'doc.update',
      payload: { docId: DOC, origin: 'editor-a' },
    });
    hub.shutdown();
    db.close();
  });

  it('refuses a malformed update and stores nothing', () => {
    const file = path.join(tempDir(), 'r.db');
    const { db } = openDatabase(file);
    const hub = new DocHub(db);
    expect(() => hub.push(DOC, 'c', Uint8Array.from([0xff, 0xfe, 0x01, 0x02, 0x03]))).toThrow(
      HostError,
    );
    expect(db.prepare('SELECT count(*) n FROM doc_updates').get()).toEqual({ n: 0 });
    hub.shutdown();
    db.close();
  });

  it('compacts the update log into one snapshot without losing anything', async () => {
    const file = path.join(tempDir(), 'r.db');
    const { db } = openDatabase(file);
    const hub = new DocHub(db, { compactEvery: 50 });
    const local = new Y.Doc();
    const text = '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定。'.repeat(4);
    for (const ch of text) hub.push(DOC, 'c1', typed(local, ch));
    await new Promise((r) => setImmediate(r));
    const rows = db.prepare<[], { n: number }>('SELECT count(*) n FROM doc_updates').get()!.n;
    expect(rows).toBeLessThan(50);
    expect(db.prepare('SELECT count(*) n FROM doc_snapshots').get()).toEqual({ n: 1 });
    hub.shutdown();
    db.close();
    const { db: again } = openDatabase(file);
    expect(new DocHub(again).get(DOC).getText('t').toString()).toBe(text);
    again.close();
  });

  it('unloads the least recently used documents nobody has open, never an open one', () => {
    const { db } = openDatabase(path.join(tempDir(), 'r.db'));
    const hub = new DocHub(db, { maxIdleDocs: 5 });
    const open = recorder('w');
    const docId = (i: number) => `story:0190b7a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    hub.open(docId(0), 'editor-0', open.conn);
    for (let i = 1; i <= 20; i++) hub.push(docId(i), 'c', typed(new Y.Doc(), `第${i}篇`));
    expect(hub.loadedCount).toBe(6); // 5 idle + the open one
    hub.push(docId(0), 'c', typed(new Y.Doc(), '仍然打开'));
    expect(open.events).toHaveLength(1);
    // An unloaded document reloads from disk intact.
    expect(hub.get(docId(1)).getText('t').toString()).toBe('第1篇');
    hub.shutdown();
    db.close();
  });

  it('keeps edits in memory when the disk is full, says so, and writes them once space returns', async () => {
    const file = path.join(tempDir(), 'r.db');
    const { db } = openDatabase(file);
    const states: StorageState[] = [];
    const persisted: string[] = [];
    const hub = new DocHub(db, {
      retryDelayMs: 20,
      onStorage: (s) => states.push(s),
      onPersisted: (d) => persisted.push(d),
    });
    const local = new Y.Doc();
    hub.push(DOC, 'c1', typed(local, '开头'));
    // SQLite's own limit on database size: the next write that needs a page fails with SQLITE_FULL.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    let refused = 0;
    for (let i = 0; i < 200; i++) {
      if (!hub.push(DOC, 'c1', typed(local, '记者'.repeat(200))).persisted) refused++;
    }
    expect(refused).toBeGreaterThan(0);
    expect(states.at(-1)).toMatchObject({ writable: false, code: 'storage_full' });
    expect(hub.pendingCount).toBe(refused);
    // The in-memory document has every edit even now.
    expect(hub.get(DOC).getText('t').toString()).toBe(local.getText('t').toString());
    db.pragma('max_page_count = 1073741823');
    await new Promise((r) => setTimeout(r, 200));
    expect(hub.pendingCount).toBe(0);
    expect(states.at(-1)).toEqual({ writable: true, pendingUpdates: 0 });
    expect(persisted).toContain(DOC);
    hub.shutdown();
    db.close();
    const { db: again } = openDatabase(file);
    expect(new DocHub(again).get(DOC).getText('t').toString()).toBe(local.getText('t').toString());
    again.close();
  });

  it('keeps edits in memory while the database is read-only and writes them when it is writable again', async () => {
    const { db } = openDatabase(path.join(tempDir(), 'r.db'));
    const states: StorageState[] = [];
    const hub = new DocHub(db, { retryDelayMs: 20, onStorage: (s) => states.push(s) });
    const local = new Y.Doc();
    db.pragma('query_only = 1');
    expect(hub.push(DOC, 'c1', typed(local, '只读')).persisted).toBe(false);
    expect(states.at(-1)).toMatchObject({ writable: false, code: 'storage_readonly' });
    db.pragma('query_only = 0');
    await new Promise((r) => setTimeout(r, 150));
    expect(hub.pendingCount).toBe(0);
    expect(db.prepare('SELECT count(*) n FROM doc_updates').get()).toEqual({ n: 1 });
    hub.shutdown();
    db.close();
  });
});
