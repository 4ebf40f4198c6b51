// The library through the contract: create, search (Chinese, short terms,
// phrases), filters, sorting, duplicate, trash, restore, purge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import {
  applyTextEdit,
  fieldText,
  fieldsMap,
  readStoryDoc,
  storyDocId,
} from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { newId } from '@shared/domain/ids';
import { tempDir, removeTempDirs } from '../helpers';

let host: Host;
const ctx = { connection: { id: 'c', emit: () => undefined } };
beforeEach(() => {
  host = createHost({
    dataDir: tempDir(),
    host: 'web',
    version: 't',
    projectionDelayMs: 1,
    log: () => undefined,
  });
});
afterEach(() => {
  host.close();
  removeTempDirs();
});

async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const r = await dispatch(host.handlers, name, input, ctx);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as CallOutput<N>;
}

/** Creates a story and edits it like the editor does: open, change the replica, push the delta. */
async function write(
  headline: string,
  body: string,
  extra: (doc: Y.Doc) => void = () => undefined,
) {
  const id = newId();
  await call('stories.create', { id });
  const docId = storyDocId(id);
  const local = new Y.Doc();
  Y.applyUpdate(
    local,
    fromBase64((await call('doc.open', { docId, clientId: 'client-01' })).state),
  );
  const sv = Y.encodeStateVector(local);
  applyTextEdit(fieldText(local, 'headline'), headline);
  replaceBody(
    local,
    body.split('\n').map((t) => ({ type: 'paragraph' as const, runs: [{ text: t }] })),
  );
  extra(local);
  await call('doc.push', {
    docId,
    clientId: 'client-01',
    update: toBase64(Y.encodeStateAsUpdate(local, sv)),
  });
  await call('doc.close', { docId, clientId: 'client-01' });
  await new Promise((r) => setTimeout(r, 10));
  return id;
}

describe('story library', () => {
  it('projects what was typed into the list: headline, 字数, paragraphs, excerpt', async () => {
    const id = await write(
      '全国秋粮收购进度过半',
      '新华社北京11月27日电 记者从国家粮食和物资储备局获悉。\n今年秋粮收购工作开局良好🌾。',
    );
    const s = await call('stories.get', { id });
    expect(s).toMatchObject({
      headline: '全国秋粮收购进度过半',
      paragraphCount: 2,
      status: 'draft',
    });
    // 23 字 + "11" + "27" + 。 ; 12 字 + 🌾 + 。
    expect(s.wordCount).toBe(40);
    expect(s.excerpt).toMatch(/^新华社北京11月27日电/);
  });

  it('finds Chinese text by trigram search, by 1–2 字 terms, by several terms and by quoted phrases', async () => {
    const a = await write(
      '全国秋粮收购进度过半',
      '主产区累计收购秋粮超过1亿吨，玉米价格稳中有升。',
    );
    const b = await write('冬小麦播种基本结束', '全国冬小麦播种面积稳定在3.3亿亩以上。');
    const c = await write(
      '新能源汽车产销两旺',
      'New energy vehicle sales rose 30% — 市场渗透率持续提升。',
    );
    const ids = async (query: string) =>
      (await call('stories.list', { query })).items.map((s) => s.id).sort();
    expect(await ids('秋粮收购')).toEqual([a]);
    expect(await ids('亿')).toEqual([a, b].sort());
    expect(await ids('玉米')).toEqual([a]);
    expect(await ids('全国 播种')).toEqual([b]);
    expect(await ids('"vehicle sales"')).toEqual([c]);
    expect(await ids('VEHICLE')).toEqual([c]);
    expect(await ids('不存在的词')).toEqual([]);
    expect(await ids('"unbalanced')).toEqual([]);
  });

  it('filters by section and status and sorts by headline, priority and time', async () => {
    const a = await write('B 稿件', '正文', (d) => fieldsMap(d).set('section', 'rural'));
    const b = await write('A 稿件', '正文', (d) => {
      fieldsMap(d).set('section', 'economy');
      fieldsMap(d).set('priority', 'flash');
    });
    expect((await call('stories.list', { section: 'rural' })).items.map((s) => s.id)).toEqual([a]);
    expect((await call('stories.list', { status: 'published' })).total).toBe(0);
    expect(
      (await call('stories.list', { sort: 'headline', order: 'asc' })).items.map((s) => s.id),
    ).toEqual([b, a]);
    expect((await call('stories.list', { sort: 'priority', order: 'asc' })).items[0]!.id).toBe(b);
    expect((await call('stories.list', { sort: 'created', order: 'desc' })).items[0]!.id).toBe(b);
  });

  it('duplicates a story into a new document with the same text and a marked headline', async () => {
    const a = await write('乡村振兴见闻', '合作社带动农民增收。');
    const copy = newId();
    const s = await call('stories.duplicate', { id: a, newId: copy });
    expect(s.headline).toBe('乡村振兴见闻（副本）');
    const content = readStoryDoc(host.docs.get(storyDocId(copy)));
    expect(content.body).toEqual([{ type: 'paragraph', runs: [{ text: '合作社带动农民增收。' }] }]);
    await expect(call('stories.duplicate', { id: a, newId: copy })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('moves stories to the trash and back, and deletes forever only from the trash', async () => {
    const a = await write('待删除稿件', '正文');
    await expect(call('stories.purge', { id: a })).rejects.toMatchObject({ code: 'conflict' });
    await call('stories.trash', { id: a });
    expect((await call('stories.list', {})).total).toBe(0);
    expect((await call('stories.list', { trashed: true })).items.map((s) => s.id)).toEqual([a]);
    await call('stories.restore', { id: a });
    expect((await call('stories.list', {})).total).toBe(1);
    await call('stories.trash', { id: a });
    await call('stories.purge', { id: a });
    expect((await call('stories.list', { trashed: true })).total).toBe(0);
    await expect(call('stories.get', { id: a })).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      call('doc.open', { docId: storyDocId(a), clientId: 'client-01' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(host.db.prepare('SELECT count(*) n FROM doc_updates').get()).toEqual({ n: 0 });
  });

  it('refuses a second story with the same id and edits to a story that does not exist', async () => {
    const id = newId();
    await call('stories.create', { id });
    await expect(call('stories.create', { id })).rejects.toMatchObject({ code: 'conflict' });
    const other = newId();
    await expect(
      call('doc.push', {
        docId: storyDocId(other),
        clientId: 'client-01',
        update: toBase64(Y.encodeStateAsUpdate(new Y.Doc())),
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
