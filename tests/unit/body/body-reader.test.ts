import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BodyReader } from '@shared/body/body-reader';
import { readBodyBlocks } from '@shared/body/lexical-yjs-read';
import { paragraph } from '@shared/body/blocks';
import { patchBody, replaceBody } from '@shared/editor/headless-body';

const PARAS = [
  '新华社北京11月27日电 记者从国家粮食和物资储备局获悉，主产区累计收购秋粮超过1亿吨。',
  '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定。',
  '各地认真落实最低收购价政策，玉米、大豆等品种收购有序推进🌾。',
];

describe('BodyReader', () => {
  it('reads what readBodyBlocks reads, and keeps unchanged blocks (and the array) identical', () => {
    const doc = new Y.Doc();
    replaceBody(doc, [
      ...PARAS.map(paragraph),
      { type: 'list', ordered: true, items: [{ runs: [{ text: '加快收购进度' }] }] },
    ]);
    const reader = new BodyReader(doc);
    const a = reader.read();
    expect(a).toEqual(readBodyBlocks(doc));
    expect(reader.read()).toBe(a);
    expect(reader.changed).toBe(false);

    // Type in the second paragraph: only that block is new.
    const root = doc.get('root', Y.XmlText);
    const second = (root.toDelta() as Array<{ insert: Y.XmlText }>)[1]!.insert;
    second.insert(second.length, '据介绍');
    expect(reader.changed).toBe(true);
    const b = reader.read();
    expect(b).toEqual(readBodyBlocks(doc));
    expect(b[0]).toBe(a[0]);
    expect(b[1]).not.toBe(a[1]);
    expect(b[2]).toBe(a[2]);
    expect(b[3]).toBe(a[3]);

    // A paragraph added and one removed: the others stay identical.
    const next = readBodyBlocks(doc);
    next.splice(0, 1);
    next.push(paragraph('（完）'));
    patchBody(doc, next);
    const c = reader.read();
    expect(c).toEqual(readBodyBlocks(doc));
    expect(c[0]).toBe(b[1]);
    expect(c[2]).toBe(b[3]);
    reader.dispose();
  });
});
