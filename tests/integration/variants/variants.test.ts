// The variant calls against a real host over a real SQLite file: derive,
// follow the master while unedited, desk edits, "原稿已更新" diff / pull /
// dismiss, switching a channel off, export to a zip and a folder read back,
// WeChat's rich-text copy, and everything surviving a restart.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { toBase64, fromBase64 } from 'lib0/buffer';
import { unzipSync, strFromU8 } from 'fflate';
import mammoth from 'mammoth';
import { DOMParser } from '@xmldom/xmldom';
import { createHost, type Host } from '../../../electron/services/host/create-host';
import { dispatch } from '../../../electron/services/host/dispatch';
import type { Connection } from '../../../electron/services/host/connection';
import type { CallInput, CallName, CallOutput } from '@shared/api/contract';
import { newId } from '@shared/domain/ids';
import { paragraph } from '@shared/body/blocks';
import { applyTextEdit, fieldText, storyDocId, variantDocId } from '@shared/body/story-doc';
import { replaceBody, patchBody } from '@shared/editor/headless-body';
import { readVariantDoc, variantText } from '@shared/variants/variant-doc';
import { getChannel } from '@shared/channels';
import { WECHAT_ALLOWED } from '@shared/channels/wechat';
import type { ChannelId } from '@shared/domain/channel-ids';
import { tempDir, removeTempDirs } from '../helpers';

const hosts: Host[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  removeTempDirs();
});

const LEAD =
  '新华社北京11月27日电（记者 王晓明）记者从国家粮食和物资储备局获悉，截至11月25日，主产区累计收购秋粮超过1亿吨，收购进度过半。';
const SECOND =
  '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定。各地认真落实最低收购价政策，玉米、大豆等品种收购有序推进。';
const THIRD =
  '国家粮食和物资储备局有关负责人表示，将继续加强市场监测，守住农民“种粮卖得出”底线🌾。';

function start(dataDir = tempDir(), projectionDelayMs = 1) {
  const host = createHost({ dataDir, host: 'web', version: 't', projectionDelayMs });
  hosts.push(host);
  const events: Array<{ name: string; payload: unknown }> = [];
  const conn: Connection = {
    id: 'c1',
    emit: (name, payload) => void events.push({ name, payload }),
  };
  host.attach(conn);
  const call = async <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> => {
    const r = await dispatch(host.handlers, name, input, { connection: conn }, () => undefined);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value as CallOutput<N>;
  };
  /** Opens a document as an editor would, changes it, and pushes the change. */
  const edit = async (docId: string, change: (doc: Y.Doc) => void) => {
    const clientId = `client-${docId.length}-${events.length}-x`;
    const { state } = await call('doc.open', { docId, clientId });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(state));
    const sv = Y.encodeStateVector(doc);
    change(doc);
    const update = Y.encodeStateAsUpdate(doc, sv);
    const r = await call('doc.push', { docId, clientId, update: toBase64(update) });
    await call('doc.close', { docId, clientId });
    return r;
  };
  return { host, call, edit, events, dataDir };
}

async function story(h: ReturnType<typeof start>) {
  const id = newId();
  await h.call('stories.create', {
    id,
    fields: {
      headline: '全国秋粮收购进度过半',
      byline: '记者 王晓明',
      keywords: ['秋粮', '收购'],
    },
  });
  await h.edit(storyDocId(id), (doc) => replaceBody(doc, [LEAD, SECOND, THIRD].map(paragraph)));
  return id;
}

function variantOf(host: Host, id: string, channel: ChannelId) {
  return readVariantDoc(host.docs.get(variantDocId(id, channel)), getChannel(channel)!.docLayout);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('variants over the host contract', () => {
  it('lists every channel as on and not yet derived, and derives one document once', async () => {
    const h = start();
    const id = await story(h);
    const list = await h.call('variants.list', { storyId: id });
    expect(list.variants.map((v) => v.channel)).toEqual([
      'print',
      'wechat',
      'weibo',
      'douyin',
      'app',
    ]);
    expect(list.variants.every((v) => v.enabled && !v.derived && !v.edited)).toBe(true);
    expect(list.revision).toMatch(/^[0-9a-f]{64}$/);

    const wechat = await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    expect(wechat).toMatchObject({ derived: true, edited: false, masterChanged: false });
    expect(wechat.baseRevision).toBe(list.revision);
    const v = variantOf(h.host, id, 'wechat');
    expect(v.title).toBe('全国秋粮收购进度过半');
    expect(v.author).toBe('记者 王晓明');
    expect(String(v.digest)).toContain('主产区累计收购秋粮超过1亿吨');
    expect(getChannel('wechat')!.parse(v).ok).toBe(true);
    // The document is in the hub's store like the master: its updates are in SQLite.
    const rows = h.host.db
      .prepare<[string], { n: number }>('SELECT count(*) n FROM doc_updates WHERE doc_id = ?')
      .get(variantDocId(id, 'wechat'))!;
    expect(rows.n).toBe(1);
    // Deriving again changes nothing: the document is made once.
    await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    expect(
      h.host.db
        .prepare<[string], { n: number }>('SELECT count(*) n FROM doc_updates WHERE doc_id = ?')
        .get(variantDocId(id, 'wechat'))!.n,
    ).toBe(1);
    // Douyin's script cards are a Y.Array of maps with Y.Text, the Weibo post a Y.Text.
    await h.call('variants.derive', { storyId: id, channel: 'douyin' });
    const douyinDoc = h.host.docs.get(variantDocId(id, 'douyin'));
    const script = douyinDoc.getMap('fields').get('script');
    expect(script).toBeInstanceOf(Y.Array);
    expect((script as Y.Array<Y.Map<unknown>>).get(0).get('text')).toBeInstanceOf(Y.Text);
    await h.call('variants.derive', { storyId: id, channel: 'weibo' });
    expect(h.host.docs.get(variantDocId(id, 'weibo')).getMap('fields').get('text')).toBeInstanceOf(
      Y.Text,
    );
  });

  it('keeps an unedited variant following the master, and never overwrites an edited one', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 价格稳中有升'),
    );
    await settle();
    // Unedited: opening it again brings it up to the master.
    const followed = await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    expect(followed).toMatchObject({ edited: false, masterChanged: false });
    expect(variantOf(h.host, id, 'wechat').title).toBe('全国秋粮收购进度过半 价格稳中有升');

    // A desk edits the digest: the variant is now edited, and the renderers are told.
    h.events.length = 0;
    await h.edit(variantDocId(id, 'wechat'), (doc) =>
      applyTextEdit(variantText(doc, 'digest'), '秋粮收购过半，价格稳中有升。'),
    );
    expect((await h.call('variants.list', { storyId: id })).variants[1]).toMatchObject({
      channel: 'wechat',
      edited: true,
    });
    expect(h.events.some((e) => e.name === 'variants.changed')).toBe(true);

    // The master changes again: the edited variant is not touched, and says so.
    h.events.length = 0;
    await h.edit(storyDocId(id), (doc) => {
      applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 农民售粮价格稳中有升');
    });
    await settle();
    expect(h.events).toContainEqual({
      name: 'variants.changed',
      payload: { storyId: id, channels: ['wechat'] },
    });
    const state = await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    expect(state).toMatchObject({ edited: true, masterChanged: true });
    expect(variantOf(h.host, id, 'wechat').title).toBe('全国秋粮收购进度过半 价格稳中有升');
    expect(variantOf(h.host, id, 'wechat').digest).toBe('秋粮收购过半，价格稳中有升。');
  });

  it('shows the master diff since the base, pulls it in three ways, and reports conflicts', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'wechat' });
    // The desk edits the third paragraph and the digest.
    await h.edit(variantDocId(id, 'wechat'), (doc) => {
      applyTextEdit(variantText(doc, 'digest'), '主产区秋粮收购超1亿吨。');
      patchBody(
        doc,
        [LEAD, SECOND, THIRD.replace('有关负责人', '粮食储备司负责人')].map(paragraph),
      );
    });
    // The master changes the headline and the second paragraph.
    await h.edit(storyDocId(id), (doc) => {
      applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 农民售粮价格稳中有升');
      patchBody(doc, [LEAD, SECOND.replace('价格总体稳定', '价格稳中有升'), THIRD].map(paragraph));
    });
    await settle();
    const diff = await h.call('variants.masterDiff', { storyId: id, channel: 'wechat' });
    expect(diff.change.changed).toBe(true);
    expect(diff.change.fields).toEqual([
      expect.objectContaining({
        field: 'headline',
        before: '全国秋粮收购进度过半',
        after: '全国秋粮收购进度过半 农民售粮价格稳中有升',
      }),
    ]);
    expect(diff.change.paragraphs).toEqual([
      expect.objectContaining({ kind: 'changed', beforeIndex: 1, afterIndex: 1 }),
    ]);

    const pulled = await h.call('variants.pull', { storyId: id, channel: 'wechat' });
    expect(pulled.hasConflicts).toBe(false);
    const byField = Object.fromEntries(pulled.fields.map((f) => [f.field, f.status]));
    expect(byField.title).toBe('replaced');
    expect(byField.body).toBe('merged');
    expect(byField.digest).toBe('unchanged');
    expect(pulled.state.masterChanged).toBe(false);
    const v = variantOf(h.host, id, 'wechat');
    expect(v.title).toBe('全国秋粮收购进度过半 农民售粮价格稳中有升');
    expect(v.digest).toBe('主产区秋粮收购超1亿吨。');
    const body = (v.body as Array<{ runs: Array<{ text: string }> }>).map((b) =>
      b.runs.map((r) => r.text).join(''),
    );
    // Both edits are in: the master's in paragraph 2, the desk's in paragraph 3.
    expect(body[1]).toContain('价格稳中有升');
    expect(body[2]).toContain('粮食储备司负责人');

    // Now both change the title in the same place: a conflict, reported, the desk's text kept.
    await h.edit(variantDocId(id, 'wechat'), (doc) =>
      applyTextEdit(variantText(doc, 'title'), '全国秋粮收购进度过半 售粮价格稳中向好'),
    );
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 农民售粮价格上涨'),
    );
    await settle();
    const clash = await h.call('variants.pull', { storyId: id, channel: 'wechat' });
    expect(clash.hasConflicts).toBe(true);
    const title = clash.fields.find((f) => f.field === 'title')!;
    expect(title.status).toBe('conflict');
    expect(title.conflicts!.length).toBeGreaterThan(0);
    expect(variantOf(h.host, id, 'wechat').title).toBe('全国秋粮收购进度过半 售粮价格稳中向好');
    // The change is still offered until the desk resolves it …
    expect(clash.state.masterChanged).toBe(true);
    // … and dismissing it keeps the desk's version and takes the master's revision as base.
    const dismissed = await h.call('variants.dismiss', { storyId: id, channel: 'wechat' });
    expect(dismissed).toMatchObject({ masterChanged: false, edited: true });
    expect(dismissed.dismissedAt).not.toBeNull();
    expect(variantOf(h.host, id, 'wechat').title).toBe('全国秋粮收购进度过半 售粮价格稳中向好');
    // Revisions nobody stands on are not kept.
    const revisions = h.host.db
      .prepare<[string], { n: number }>(
        'SELECT count(*) n FROM master_revisions WHERE story_id = ?',
      )
      .get(id)!.n;
    expect(revisions).toBe(1);
  });

  it('offers a master change only to the channels whose version it changes', async () => {
    const h = start();
    const id = await story(h);
    for (const channel of ['wechat', 'print'] as const) {
      await h.call('variants.derive', { storyId: id, channel });
      await h.edit(variantDocId(id, channel), (doc) =>
        applyTextEdit(variantText(doc, channel === 'print' ? 'kicker' : 'digest'), '编辑改过'),
      );
    }
    // WeChat's article has no subheadline; the newspaper prints one.
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'subheadline'), '主产区累计收购秋粮超1亿吨'),
    );
    const list = await h.call('variants.list', { storyId: id });
    const by = Object.fromEntries(list.variants.map((v) => [v.channel, v]));
    expect(by.wechat).toMatchObject({ edited: true, masterChanged: false });
    expect(by.print).toMatchObject({ edited: true, masterChanged: true });
    const diff = await h.call('variants.masterDiff', { storyId: id, channel: 'print' });
    expect(diff.change.fields.map((f) => f.field)).toEqual(['subheadline']);
    const none = await h.call('variants.masterDiff', { storyId: id, channel: 'wechat' });
    expect(none.change).toEqual({
      changed: false,
      fields: [],
      paragraphs: [],
      images: { added: [], removed: [], changed: [] },
    });
  });

  it('re-derives one field or the whole variant when the desk asks', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'weibo' });
    await h.edit(variantDocId(id, 'weibo'), (doc) =>
      applyTextEdit(variantText(doc, 'text'), '【秋粮收购过半】主产区收购超1亿吨'),
    );
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'headline'), '秋粮收购进度过半'),
    );
    const one = await h.call('variants.derive', {
      storyId: id,
      channel: 'weibo',
      mode: 'rederive',
      field: 'text',
    });
    expect(one.edited).toBe(true);
    expect(String(variantOf(h.host, id, 'weibo').text)).toMatch(/^【秋粮收购进度过半】新华社/);
    const whole = await h.call('variants.derive', {
      storyId: id,
      channel: 'weibo',
      mode: 'rederive',
    });
    expect(whole).toMatchObject({ edited: false, masterChanged: false });
  });

  it('switches a channel off for a story: nothing derives, exports or edits it', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'douyin' });
    const off = await h.call('variants.setEnabled', {
      storyId: id,
      channel: 'douyin',
      enabled: false,
    });
    expect(off.enabled).toBe(false);
    await expect(
      h.call('variants.derive', { storyId: id, channel: 'douyin' }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(
      h.call('variants.export', { storyId: id, channels: ['douyin'], target: 'zip' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      h.edit(variantDocId(id, 'douyin'), (doc) => applyTextEdit(variantText(doc, 'title'), 'x')),
    ).rejects.toMatchObject({ code: 'conflict' });
    const on = await h.call('variants.setEnabled', {
      storyId: id,
      channel: 'douyin',
      enabled: true,
    });
    expect(on).toMatchObject({ enabled: true, derived: true });
  });

  it('exports every channel to a zip and a folder, and the files read back', async () => {
    const h = start();
    const id = await story(h);
    await h.call('settings.update', {
      linkBaseUrl: 'https://s.rmnews.cn',
      onlineBaseUrl: 'https://app.rmnews.cn/a',
    });
    const channels: ChannelId[] = ['print', 'wechat', 'weibo', 'douyin', 'app'];
    const zipped = await h.call('variants.export', { storyId: id, channels, target: 'zip' });
    expect(zipped.zip!.fileName).toMatch(/^\d{4}-\d{2}-\d{2} 全国秋粮收购进度过半\.zip$/);
    const zip = unzipSync(fromBase64(zipped.zip!.data));
    const names = Object.keys(zip).sort();
    expect(names).toEqual(zipped.files.map((f) => f.path).sort());
    for (const c of channels) expect(names.some((n) => n.startsWith(`${c}/`))).toBe(true);

    // print: ICML parses with the expected story and styles; DOCX reads back; QR code present.
    const icml = strFromU8(zip['print/story.icml']!);
    const errors: string[] = [];
    const xml = new DOMParser({
      errorHandler: {
        warning: (m) => errors.push(m),
        error: (m) => errors.push(m),
        fatalError: (m) => errors.push(m),
      },
    }).parseFromString(icml, 'text/xml');
    expect(errors).toEqual([]);
    expect(xml.getElementsByTagName('Story')).toHaveLength(1);
    expect(icml).toContain('ParagraphStyle/正文');
    const docx = await mammoth.extractRawText({ buffer: Buffer.from(zip['print/story.docx']!) });
    expect(docx.value).toContain('主产区累计收购秋粮超过1亿吨');
    expect(strFromU8(zip['print/qr-online.svg']!)).toMatch(/^<svg /);
    // wechat: the payload's HTML holds only allowed tags and attributes.
    const draft = JSON.parse(strFromU8(zip['wechat/draft.json']!)) as {
      articles: Array<{ title: string; content: string; content_source_url: string }>;
    };
    expect(draft.articles[0]!.title).toBe('全国秋粮收购进度过半');
    expect(draft.articles[0]!.content_source_url).toBe(`https://app.rmnews.cn/a/${id}`);
    const html = strFromU8(zip['wechat/content.html']!);
    for (const m of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/g)) {
      expect(WECHAT_ALLOWED.tags.has(m[1]!)).toBe(true);
      for (const a of m[2]!.matchAll(/\s([a-z-]+)=/g))
        expect([
          ...WECHAT_ALLOWED.attributes['*']!,
          ...(WECHAT_ALLOWED.attributes[m[1]!] ?? []),
        ]).toContain(a[1]);
    }
    // weibo and douyin: text ready to post.
    expect(strFromU8(zip['weibo/post.txt']!)).toMatch(/^【全国秋粮收购进度过半】.*#秋粮#/s);
    expect(names.some((n) => n.startsWith('douyin/'))).toBe(true);
    // app: ninjs, validated by the host against the IPTC schema.
    const ninjs = JSON.parse(strFromU8(zip['app/ninjs.json']!)) as {
      uri: string;
      headlines: unknown[];
    };
    expect(ninjs.uri).toBe(`urn:rongmei:story:${id}`);
    expect(zipped.checks).toEqual([
      { channel: 'app', check: 'ninjs-2.2-schema', ok: true, errors: [] },
    ]);

    const folder = await h.call('variants.export', { storyId: id, channels, target: 'folder' });
    expect(folder.folder!.startsWith(path.join(h.dataDir, 'exports'))).toBe(true);
    // The same files (the DOCX and ninjs carry the time they were made, so those are compared loosely).
    for (const f of folder.files) {
      const onDisk = fs.readFileSync(path.join(folder.folder!, f.path));
      if (f.path.endsWith('.docx')) expect(onDisk.byteLength).toBeGreaterThan(1000);
      else if (f.path === 'app/ninjs.json')
        expect({ ...JSON.parse(onDisk.toString('utf8')), versioncreated: 0 }).toEqual({
          ...ninjs,
          versioncreated: 0,
        });
      else expect(onDisk).toEqual(Buffer.from(zip[f.path]!));
    }
    // A second export does not overwrite the first.
    const again = await h.call('variants.export', {
      storyId: id,
      channels: ['weibo'],
      target: 'folder',
    });
    expect(again.folder).not.toBe(folder.folder);
  });

  it('names an export after the headline as just typed, not as the summary last had it', async () => {
    // A summary is projected a while after the last keystroke; an export right away must not wait for it.
    const h = start(tempDir(), 60_000);
    const id = await story(h);
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 新粮上市'),
    );
    const zipped = await h.call('variants.export', {
      storyId: id,
      channels: ['weibo'],
      target: 'zip',
    });
    expect(zipped.zip!.fileName).toMatch(/^\d{4}-\d{2}-\d{2} 全国秋粮收购进度过半 新粮上市\.zip$/);
    expect((await h.call('stories.get', { id })).headline).toBe('全国秋粮收购进度过半 新粮上市');
  });

  it('gives WeChat’s rich-text copy as allowed HTML plus plain text', async () => {
    const h = start();
    const id = await story(h);
    const copy = await h.call('variants.wechatClipboard', { storyId: id });
    expect(copy.html).toMatch(/^<section style="/);
    expect(copy.html).not.toMatch(/<(script|style|iframe|a)\b|class=|id=/);
    expect(copy.text.split('\n')).toEqual([LEAD, SECOND, THIRD]);
  });

  it('keeps variants, their state and their base across a restart', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'app' });
    await h.edit(variantDocId(id, 'app'), (doc) =>
      applyTextEdit(variantText(doc, 'summary'), '主产区秋粮收购超过1亿吨，进度过半。'),
    );
    await h.call('variants.setEnabled', { storyId: id, channel: 'douyin', enabled: false });
    await h.edit(storyDocId(id), (doc) =>
      applyTextEdit(fieldText(doc, 'headline'), '秋粮收购过半'),
    );
    h.host.close();
    hosts.splice(hosts.indexOf(h.host), 1);

    const again = start(h.dataDir);
    const list = await again.call('variants.list', { storyId: id });
    const app = list.variants.find((v) => v.channel === 'app')!;
    expect(app).toMatchObject({ derived: true, edited: true, masterChanged: true });
    expect(list.variants.find((v) => v.channel === 'douyin')!.enabled).toBe(false);
    expect(variantOf(again.host, id, 'app').summary).toBe('主产区秋粮收购超过1亿吨，进度过半。');
    const diff = await again.call('variants.masterDiff', { storyId: id, channel: 'app' });
    expect(diff.change.fields[0]).toMatchObject({ field: 'headline', after: '秋粮收购过半' });
  });

  it('deletes a story’s variant documents with the story', async () => {
    const h = start();
    const id = await story(h);
    await h.call('variants.derive', { storyId: id, channel: 'print' });
    await h.call('stories.trash', { id });
    await h.call('stories.purge', { id });
    const left = h.host.db
      .prepare<[string], { n: number }>(
        "SELECT count(*) n FROM doc_updates WHERE doc_id LIKE 'variant:' || ? || ':%'",
      )
      .get(id)!.n;
    expect(left).toBe(0);
    expect(h.host.db.prepare('SELECT count(*) n FROM story_variants').get()).toEqual({ n: 0 });
  });
});
