import { describe, expect, it, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { toBase64, fromBase64 } from 'lib0/buffer';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import { newId } from '@shared/domain/ids';
import { fieldText, applyTextEdit, storyDocId, readStoryDoc } from '@shared/body/story-doc';

const hosts: Host[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
});

function tmpDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-host-'));
}

describe('host', () => {
  it('creates a story, takes edits and finds them by search', async () => {
    const host = createHost({ dataDir: tmpDir(), host: 'web', version: 't', projectionDelayMs: 1 });
    hosts.push(host);
    const events: string[] = [];
    const conn: Connection = { id: 'c1', emit: (n) => void events.push(n) };
    host.attach(conn);
    const ctx = { connection: conn };
    const id = newId();
    const created = await dispatch(host.handlers, 'stories.create', { id }, ctx);
    expect(created.ok).toBe(true);
    const opened = await dispatch(
      host.handlers,
      'doc.open',
      { docId: storyDocId(id), clientId: 'client-0001' },
      ctx,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64((opened.value as { state: string }).state));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半');
    const pushed = await dispatch(
      host.handlers,
      'doc.push',
      { docId: storyDocId(id), clientId: 'client-0001', update: toBase64(Y.mergeUpdates(updates)) },
      ctx,
    );
    expect(pushed).toEqual({ ok: true, value: { persisted: true } });
    await new Promise((r) => setTimeout(r, 20));
    const found = await dispatch(host.handlers, 'stories.list', { query: '秋粮收购' }, ctx);
    expect(found.ok && (found.value as { total: number }).total).toBe(1);
    const short = await dispatch(host.handlers, 'stories.list', { query: '秋粮' }, ctx);
    expect(short.ok && (short.value as { total: number }).total).toBe(1);
    expect(readStoryDoc(host.docs.get(storyDocId(id))).fields.headline).toBe(
      '全国秋粮收购进度过半',
    );
  });
});
