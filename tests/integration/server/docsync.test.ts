// Document sync over Hocuspocus on SQLite and PostgreSQL: edits acknowledged
// only once stored, authorisation per document, and what happens to bad
// tokens, garbage updates and oversized frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '@shared/domain/ids';
import { applyTextEdit, fieldText, readFields, storyDocId } from '@shared/body/story-doc';
import type { RunningServer } from '../../../server/app';
import { createSession, revokeSession, hashToken } from '../../../server/auth/sessions';
import { applyAll } from '../../../server/docs/update-log';
import { ENGINES } from './services';
import {
  openDoc,
  seedNewsroom,
  start,
  testEnv,
  until,
  type Newsroom,
  type TestEnv,
} from './harness';
import { openRaw } from './raw-socket';

async function storedDoc(server: RunningServer, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyAll(doc, (await server.log.load(name)).updates);
  return doc;
}

async function logRows(server: RunningServer, name: string): Promise<number> {
  const r = await server.store.db
    .selectFrom('doc_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('doc_name', '=', name)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What is stored for a document, in a form that compares equal when nothing changed. */
async function storedState(server: RunningServer, name: string): Promise<string> {
  const doc = await storedDoc(server, name);
  return `${Buffer.from(Y.encodeStateVector(doc)).toString('hex')}|${JSON.stringify(readFields(doc))}`;
}

/** Waits until the server has let go of a document (its last store ran). */
async function unloaded(server: RunningServer, name: string): Promise<void> {
  await until(() => !server.sync.hocuspocus.documents.has(name), 5000, `${name} unloaded`);
}

describe.each(ENGINES)('document sync on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let n: Newsroom;

  beforeAll(async () => {
    env = testEnv(engine, {
      MAX_WS_MESSAGE_BYTES: String(256 * 1024),
      DOC_STORE_DEBOUNCE_MS: '50',
      SESSION_CHECK_MS: '200',
    });
    server = await start(env.env);
    n = await seedNewsroom(server);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  it('stores every acknowledged edit, and a filed story is shared with its desk', async () => {
    const storyId = newId();
    const name = storyDocId(storyId);
    const reporter = await openDoc(server.syncUrl, name, n.tokens.reporter);
    applyTextEdit(fieldText(reporter.doc, 'headline'), '全国秋粮收购进度过半');
    for (const piece of [
      '新华社北京11月3日电',
      '（记者王立）',
      '国家粮食和物资储备局3日发布，',
      '截至10月底累计收购秋粮1.2亿吨🌾。',
    ])
      fieldText(reporter.doc, 'notes').insert(fieldText(reporter.doc, 'notes').length, piece);
    await reporter.acked();
    // Acknowledged ⇒ in the log, before any debounced store has run.
    const stored = await storedDoc(server, name);
    expect(readFields(stored).headline).toBe('全国秋粮收购进度过半');
    expect(readFields(stored).notes).toContain('1.2亿吨🌾');

    // A private draft: the desk head cannot open it.
    await expect(openDoc(server.syncUrl, name, n.tokens.deskHead)).rejects.toThrow(
      /authentication failed/,
    );
    await n.as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId: n.desks.politics.id,
    });
    const head = await openDoc(server.syncUrl, name, n.tokens.deskHead);
    expect(readFields(head.doc).headline).toBe('全国秋粮收购进度过半');
    applyTextEdit(fieldText(head.doc, 'headline'), '全国秋粮收购进度过半 新粮上市平稳');
    await head.acked();
    await until(
      () => readFields(reporter.doc).headline.endsWith('新粮上市平稳'),
      3000,
      'edit reaching the reporter',
    );
    // The story row follows the text (projection on Hocuspocus's store), and the feed carries it.
    const t = Date.now();
    let headline = '';
    while (Date.now() - t < 5000 && !headline.endsWith('新粮上市平稳')) {
      headline = (await n.as.deskHead.story(storyId)).headline;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(headline).toBe('全国秋粮收购进度过半 新粮上市平稳');
    reporter.destroy();
    head.destroy();
  });

  it('refuses a bad token: 401 at the upgrade, 4401 after the auth message', async () => {
    const name = storyDocId(newId());
    await expect(
      openRaw(server.syncUrl, { authorization: 'Bearer ' + 'x'.repeat(43) }),
    ).rejects.toMatchObject({ status: 401 });
    const raw = await openRaw(server.syncUrl);
    expect(await raw.auth(name, 'y'.repeat(43))).toMatch(/^denied:/);
    expect((await raw.closed).code).toBe(4401);
    // Nothing was made for the document.
    expect(
      await server.store.db
        .selectFrom('stories')
        .select('id')
        .where('id', '=', name.slice(6))
        .execute(),
    ).toEqual([]);
  });

  it('keeps another desk’s story closed to a reporter, on the same socket that may open its own', async () => {
    const storyId = newId();
    await n.as.deskHead.command({
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId: n.desks.wechat.id,
    });
    const raw = await openRaw(server.syncUrl);
    expect(await raw.auth(storyDocId(storyId), n.tokens.reporter)).toBe('denied:forbidden');
    expect(await raw.auth(storyDocId(newId()), n.tokens.reporter)).toBe('authenticated');
    expect(await raw.auth('budget:2026', n.tokens.reporter)).toBe('denied:unknown-document');
    raw.ws.close();
  });

  it('closes the socket on a malformed update and keeps the stored document as it was', async () => {
    const storyId = newId();
    const name = storyDocId(storyId);
    const good = await openDoc(server.syncUrl, name, n.tokens.reporter);
    applyTextEdit(fieldText(good.doc, 'headline'), '暴雨红色预警：京津冀局地特大暴雨');
    await good.acked();
    good.destroy();
    await unloaded(server, name);
    const before = await storedState(server, name);
    const real = Y.encodeStateAsUpdate(good.doc);
    const garbage = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]),
      real.slice(0, Math.floor(real.length / 2)),
      new Uint8Array([1, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
    ];
    for (const bad of garbage) {
      const raw = await openRaw(server.syncUrl);
      expect(await raw.auth(name, n.tokens.reporter)).toBe('authenticated');
      raw.sendUpdate(name, bad);
      expect((await raw.closed).code).toBe(4400);
    }
    expect(await storedState(server, name)).toBe(before);
    const again = await openDoc(server.syncUrl, name, n.tokens.reporter);
    expect(readFields(again.doc).headline).toBe('暴雨红色预警：京津冀局地特大暴雨');
    again.destroy();
  });

  it('closes the socket with 1009 on an oversized frame, storing nothing', async () => {
    const name = storyDocId(newId());
    const raw = await openRaw(server.syncUrl);
    expect(await raw.auth(name, n.tokens.reporter)).toBe('authenticated');
    const big = new Y.Doc();
    big.getText('t').insert(0, '特大暴雨'.repeat(40_000));
    raw.sendUpdate(name, Y.encodeStateAsUpdate(big));
    expect((await raw.closed).code).toBe(1009);
    expect(await logRows(server, name)).toBe(0);
  });

  it('does not store edits on a published story (read-only)', async () => {
    const storyId = newId();
    const name = storyDocId(storyId);
    const w = await openDoc(server.syncUrl, name, n.tokens.reporter);
    applyTextEdit(fieldText(w.doc, 'headline'), '已发布的稿件');
    await w.acked();
    w.destroy();
    await unloaded(server, name);
    await server.store.db
      .updateTable('stories')
      .set({ status: 'published' })
      .where('id', '=', storyId)
      .execute();
    const before = await storedState(server, name);
    const r = await openDoc(server.syncUrl, name, n.tokens.reporter);
    applyTextEdit(fieldText(r.doc, 'headline'), '改动已发布的稿件');
    await new Promise((res) => setTimeout(res, 200));
    expect(r.provider.hasUnsyncedChanges).toBe(true);
    r.destroy();
    await unloaded(server, name);
    expect(await storedState(server, name)).toBe(before);
    expect(readFields(await storedDoc(server, name)).headline).toBe('已发布的稿件');
  });

  it('closes an open socket when its session expires or is revoked', async () => {
    const short = await createSession(server.store.db, n.people.reporter.id, 1500, 'test');
    const a = await openRaw(server.syncUrl);
    expect(await a.auth(storyDocId(newId()), short.token)).toBe('authenticated');
    const long = await createSession(server.store.db, n.people.reporter.id, 3600_000, 'test');
    const b = await openRaw(server.syncUrl);
    expect(await b.auth(storyDocId(newId()), long.token)).toBe('authenticated');
    await revokeSession(server.store.db, hashToken(long.token));
    expect((await b.closed).code).toBe(4401);
    expect((await a.closed).code).toBe(4401);
  });
});
