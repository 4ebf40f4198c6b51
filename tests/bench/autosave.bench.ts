// Durable autosave of one edit: the host's whole path for a keystroke (check
// the Yjs update, append it to SQLite with synchronous=FULL, apply, relay)
// against a bare better-sqlite3 insert of the same bytes into the same kind
// of database. Target: p99 < 2 ms.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/services/store/database';
import { DocHub } from '../../electron/services/docs/doc-hub';
import { applyTextEdit, fieldText } from '@shared/body/story-doc';
import { fmt, report, sample } from './harness';

const EDITS = 3000;
const DOC = 'story:0190b7a0-0000-7000-8000-00000000be01';
const TEXT = '记者从农业农村部获悉今年全国粮食总产量再创新高秋粮收购进度过半玉米价格稳中有升';

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-bench-autosave-'));
  // Encrypted at rest, as the desktop app runs it.
  const { db } = openDatabase(path.join(dir, 'hub.db'), { key: crypto.randomBytes(32) });
  const hub = new DocHub(db, { compactEvery: 1_000_000 });
  const local = new Y.Doc();
  const text = fieldText(local, 'notes');
  // Pre-make the keystroke updates so only the host's work is timed.
  const updates: Uint8Array[] = [];
  for (let i = 0; i < EDITS + 100; i++) {
    const sv = Y.encodeStateVector(local);
    applyTextEdit(text, text.toString() + TEXT[i % TEXT.length]!);
    updates.push(Y.encodeStateAsUpdate(local, sv));
  }
  const hubStats = await sample((i) => hub.push(DOC, 'bench-client', updates[i]!), EDITS, 100);

  const raw = new Database(path.join(dir, 'raw.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE u (id INTEGER PRIMARY KEY, doc TEXT, data BLOB, at TEXT)');
  const insert = raw.prepare('INSERT INTO u (doc, data, at) VALUES (?, ?, ?)');
  const rawStats = await sample(
    (i) => insert.run(DOC, updates[i % updates.length]!, new Date().toISOString()),
    EDITS,
    100,
  );
  const bytes = updates.slice(0, 100).reduce((a, u) => a + u.byteLength, 0) / 100;

  report({
    name: 'autosave: one keystroke, durable (synchronous=FULL, encrypted at rest)',
    figure: `p50 ${fmt(hubStats.p50)}, p99 ${fmt(hubStats.p99)}, max ${fmt(hubStats.max)} over ${EDITS} edits; ${bytes.toFixed(0)} B per update`,
    baseline: `raw better-sqlite3 insert (plaintext) p50 ${fmt(rawStats.p50)}, p99 ${fmt(rawStats.p99)}`,
    ratio: `${(hubStats.p99 / rawStats.p99).toFixed(2)}× the raw insert at p99`,
    target: 'p99 < 2 ms',
    pass: hubStats.p99 < 2,
  });
  hub.shutdown();
  db.close();
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
