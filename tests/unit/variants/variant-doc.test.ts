import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CHANNELS, deriveAll, getChannel } from '@shared/channels';
import { paragraph, type Block } from '@shared/body/blocks';
import { readBodyBlocks } from '@shared/body/lexical-yjs-read';
import { applyTextEdit } from '@shared/body/story-doc';
import { patchBody, replaceBody } from '@shared/editor/headless-body';
import { cloneData } from '@shared/channels/common/clone';
import {
  comparableVariant,
  initialVariantUpdate,
  patchVariantDoc,
  readVariantDoc,
  sameVariantContent,
  variantCards,
  variantText,
} from '@shared/variants/variant-doc';
import { masterRevision, readMaster } from '@shared/variants/master';
import { CTX, LEAD, PARAGRAPHS, longStory, master } from '../channels/fixtures';

function docOf(update: Uint8Array): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  return d;
}

describe('variant documents', () => {
  it('hold every channel’s derived variant and read it back the same', () => {
    const variants = deriveAll(master({ images: [] }), CTX);
    for (const c of CHANNELS) {
      const v = variants[c.id] as Record<string, unknown>;
      const doc = docOf(initialVariantUpdate(c.docLayout, v));
      const back = readVariantDoc(doc, c.docLayout);
      expect(c.parse(back).ok, c.id).toBe(true);
      expect(sameVariantContent(back, v, c.docLayout), c.id).toBe(true);
      for (const f of c.docLayout.text)
        expect(doc.getMap('fields').get(f), f).toBeInstanceOf(Y.Text);
    }
  });

  it('keep the body where the master keeps it, so the same editor binds to it', () => {
    const wechat = getChannel('wechat')!;
    const v = deriveAll(master(), CTX).wechat as Record<string, unknown>;
    const doc = docOf(initialVariantUpdate(wechat.docLayout, v));
    expect(readBodyBlocks(doc)).toEqual(v.body);
    expect(doc.getMap('fields').has('body')).toBe(false);
  });

  it('write a change with the smallest edits, so a desk’s concurrent typing survives', () => {
    const c = getChannel('wechat')!;
    const v = deriveAll(master(), CTX).wechat as Record<string, unknown>;
    const host = docOf(initialVariantUpdate(c.docLayout, v));
    const desk = docOf(Y.encodeStateAsUpdate(host));
    // The desk types in the digest and in paragraph 4 …
    applyTextEdit(variantText(desk, 'digest'), '【编者按】' + String(v.digest));
    const deskBody = readBodyBlocks(desk);
    deskBody[3] = paragraph(PARAGRAPHS[3]! + '（完）');
    patchBody(desk, deskBody);
    // … while the host writes a new title and a changed paragraph 2.
    const body = (v.body as Block[]).slice();
    body[1] = paragraph(PARAGRAPHS[1]!.replace('3.1%', '3.4%'));
    const update = patchVariantDoc(host, c.docLayout, {
      ...v,
      title: '核心CPI涨幅连续三个月扩大',
      body,
    });
    expect(update).not.toBeNull();
    Y.applyUpdate(desk, update!);
    Y.applyUpdate(host, Y.encodeStateAsUpdate(desk));
    const merged = readVariantDoc(host, c.docLayout);
    expect(merged.title).toBe('核心CPI涨幅连续三个月扩大');
    expect(merged.digest).toBe('【编者按】' + String(v.digest));
    const texts = (merged.body as Block[]).map((b) =>
      b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : '',
    );
    expect(texts[1]).toContain('3.4%');
    expect(texts[3]).toMatch(/（完）$/);
    expect(texts).toHaveLength(PARAGRAPHS.length);
    // Writing the same content again changes nothing.
    expect(patchVariantDoc(host, c.docLayout, merged)).toBeNull();
  });

  it('keep Douyin’s script as cards whose text is edited in place', () => {
    const c = getChannel('douyin')!;
    const v = deriveAll(master(), CTX).douyin as { script: Array<{ text: string }> };
    const doc = docOf(initialVariantUpdate(c.docLayout, v));
    const cards = variantCards(doc, 'script');
    expect(cards.length).toBe(v.script.length);
    const text = cards.get(1).get('text') as Y.Text;
    applyTextEdit(text, '10月份CPI同比上涨0.2%');
    const read = readVariantDoc(doc, c.docLayout) as typeof v;
    expect(read.script[1]!.text).toBe('10月份CPI同比上涨0.2%');
    // Fewer cards: the rest are removed, the first ones edited in place (same Y.Text).
    const shorter = {
      ...read,
      script: read.script.slice(0, 2).map((s) => ({ ...s, text: s.text + '！' })),
    };
    patchVariantDoc(doc, c.docLayout, shorter);
    expect(variantCards(doc, 'script').length).toBe(2);
    expect(variantCards(doc, 'script').get(1).get('text')).toBe(text);
    expect(text.toString()).toBe('10月份CPI同比上涨0.2%！');
  });

  it('write one field alone when the others are left out', () => {
    const c = getChannel('weibo')!;
    const v = deriveAll(master(), CTX).weibo as Record<string, unknown>;
    const doc = docOf(initialVariantUpdate(c.docLayout, v));
    patchVariantDoc(doc, c.docLayout, { topics: ['CPI', '物价'] });
    const back = readVariantDoc(doc, c.docLayout);
    expect(back.topics).toEqual(['CPI', '物价']);
    expect(back.text).toBe(v.text);
  });

  it('compare content as a reader sees it: run splits and an empty body do not count', () => {
    const layout = getChannel('app')!.docLayout;
    const a = {
      headline: '标题',
      body: [{ type: 'paragraph', runs: [{ text: '秋' }, { text: '粮' }] }],
    };
    const b = { body: [{ type: 'paragraph', runs: [{ text: '秋粮' }] }], headline: '标题' };
    expect(sameVariantContent(a, b, layout)).toBe(true);
    expect(comparableVariant({ body: [paragraph('')] }, layout)).toEqual({ body: [] });
    expect(sameVariantContent({ headline: '标题' }, { headline: '标题 ' }, layout)).toBe(false);
  });
});

describe('patchBody', () => {
  it('touches only the blocks that changed', () => {
    const doc = new Y.Doc();
    replaceBody(doc, PARAGRAPHS.map(paragraph));
    const root = doc.get('root', Y.XmlText);
    const first = (root.toDelta() as Array<{ insert: unknown }>)[0]!.insert;
    const next = PARAGRAPHS.map(paragraph);
    next.splice(2, 1, paragraph('新增的一段：记者在杭州走访。'), paragraph(PARAGRAPHS[2]!));
    const update = patchBody(doc, next);
    expect(update!.byteLength).toBeLessThan(400);
    expect(readBodyBlocks(doc)).toEqual(next);
    // The untouched first paragraph is the same Yjs object.
    expect((root.toDelta() as Array<{ insert: unknown }>)[0]!.insert).toBe(first);
    expect(patchBody(doc, next)).toBeNull();
    patchBody(doc, []);
    expect(readBodyBlocks(doc)).toEqual([paragraph('')]);
  });
});

describe('master revision', () => {
  it('changes with any visible edit, and not otherwise', () => {
    const doc = new Y.Doc();
    replaceBody(doc, [paragraph(LEAD)]);
    const id = '01936b2e-7c4a-7d10-9f3e-2a6b8c0d1e2f';
    const a = masterRevision(readMaster(doc, id));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(masterRevision(readMaster(doc, id))).toBe(a);
    replaceBody(doc, [paragraph(LEAD + '。')]);
    expect(masterRevision(readMaster(doc, id))).not.toBe(a);
  });
});

describe('cloneData', () => {
  it('gives what a JSON round trip gives, without sharing objects', () => {
    const s = longStory(3000);
    const c = cloneData(s);
    expect(c).toEqual(JSON.parse(JSON.stringify(s)));
    expect(c.body[0]).not.toBe(s.body[0]);
    expect(cloneData({ a: undefined, b: [undefined, 1], c: null })).toEqual({
      b: [null, 1],
      c: null,
    });
  });
});
