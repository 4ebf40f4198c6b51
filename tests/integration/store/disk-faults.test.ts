// Real disk faults: the data directory lives on a tiny tmpfs that we fill
// up or remount read-only while a story is being typed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import { fieldText, applyTextEdit, storyDocId, readStoryDoc } from '@shared/body/story-doc';
import { newId } from '@shared/domain/ids';
import { canMount, tempDir } from '../helpers';

const mountable = canMount();
const mnt = mountable ? tempDir('rongmei-tmpfs-') : '';

beforeAll(() => {
  if (mountable) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt]);
});
afterAll(() => {
  if (mountable) execFileSync('umount', ['-l', mnt]);
});

let host: Host | null = null;
afterEach(() => {
  host?.close();
  host = null;
});

const conn = { id: 'c', emit: () => undefined };
const ctx = { connection: conn };

/** Opens the document and brings the local replica up to the host's state, as the editor does. */
async function openInto(h: Host, docId: string, local: Y.Doc) {
  const r = await dispatch(h.handlers, 'doc.open', { docId, clientId: 'client-01' }, ctx);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  Y.applyUpdate(local, fromBase64((r.value as { state: string }).state));
}

async function typeInto(h: Host, docId: string, local: Y.Doc, text: string) {
  const sv = Y.encodeStateVector(local);
  applyTextEdit(fieldText(local, 'notes'), fieldText(local, 'notes').toString() + text);
  const r = await dispatch(
    h.handlers,
    'doc.push',
    { docId, clientId: 'client-01', update: toBase64(Y.encodeStateAsUpdate(local, sv)) },
    ctx,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.value as { persisted: boolean }).persisted;
}

describe.runIf(mountable)('on a real disk', () => {
  it('a full disk keeps edits in memory, and they are on disk after space returns', async () => {
    const dataDir = path.join(mnt, 'full');
    host = createHost({
      dataDir,
      host: 'web',
      version: 't',
      retryDelayMs: 50,
      log: () => undefined,
    });
    const id = newId();
    await dispatch(host.handlers, 'stories.create', { id }, ctx);
    const docId = storyDocId(id);
    const local = new Y.Doc();
    await openInto(host, docId, local);
    // Fill the disk with a file, leaving almost nothing.
    const filler = path.join(mnt, 'filler');
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k', 'count=1000'], {
        stdio: 'ignore',
      });
    } catch {
      // dd stops with ENOSPC, which is what we want
    }
    let refused = 0;
    const paragraph = '记者从农业农村部获悉，今年全国粮食总产量再创新高，秋粮收购进度过半。'.repeat(
      20,
    );
    for (let i = 0; i < 120 && refused === 0; i++)
      if (!(await typeInto(host, docId, local, paragraph))) refused++;
    for (let i = 0; i < 5; i++) await typeInto(host, docId, local, `第${i}段补充。`);
    expect(refused).toBeGreaterThan(0);
    const info = await host.handlers['app.info']({}, ctx);
    expect(info.storage).toMatchObject({
      writable: false,
      code: expect.stringMatching(/storage_full|storage_failed/),
    });
    fs.rmSync(filler);
    await new Promise((r) => setTimeout(r, 400));
    expect((await host.handlers['app.info']({}, ctx)).storage).toEqual({
      writable: true,
      pendingUpdates: 0,
    });
    host.close();
    host = createHost({ dataDir, host: 'web', version: 't', log: () => undefined });
    expect(readStoryDoc(host.docs.get(docId)).fields.notes).toBe(
      fieldText(local, 'notes').toString(),
    );
  });

  it('database files that turn read-only mid-session keep edits in memory until they are writable again', async () => {
    // A remount to read-only is refused while files are open for writing, so
    // the database and its WAL are made immutable (chattr +i), which the
    // kernel enforces on open descriptors too. (Not the -shm file: SQLite
    // maps it into memory, and a write fault there is SIGBUS, not an error.)
    const dataDir = tempDir('rongmei-ro-');
    host = createHost({
      dataDir,
      host: 'web',
      version: 't',
      retryDelayMs: 50,
      log: () => undefined,
    });
    const id = newId();
    await dispatch(host.handlers, 'stories.create', { id }, ctx);
    const docId = storyDocId(id);
    const local = new Y.Doc();
    await openInto(host, docId, local);
    expect(await typeInto(host, docId, local, '可写时输入。')).toBe(true);
    const files = ['rongmei.db', 'rongmei.db-wal'].map((f) => path.join(dataDir, f));
    execFileSync('chattr', ['+i', ...files]);
    try {
      expect(await typeInto(host, docId, local, '只读时输入。')).toBe(false);
      expect((await host.handlers['app.info']({}, ctx)).storage).toMatchObject({
        writable: false,
        pendingUpdates: 1,
      });
    } finally {
      execFileSync('chattr', ['-i', ...files]);
    }
    await new Promise((r) => setTimeout(r, 400));
    expect((await host.handlers['app.info']({}, ctx)).storage).toEqual({
      writable: true,
      pendingUpdates: 0,
    });
    host.close();
    host = createHost({ dataDir, host: 'web', version: 't', log: () => undefined });
    expect(readStoryDoc(host.docs.get(docId)).fields.notes).toBe('可写时输入。只读时输入。');
  });
});
