import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { replaceBody } from '@shared/editor/headless-body';
import { readBodyBlocks } from '@shared/body/lexical-yjs-read';
import type { Block } from '@shared/body/blocks';

const story: Block[] = [
  { type: 'heading', level: 2, runs: [{ text: '一、收购进度过半' }] },
  {
    type: 'paragraph',
    runs: [
      { text: '新华社北京11月27日电 截至25日，主产区累计收购秋粮' },
      { text: '1.2亿吨', bold: true },
      { text: '，' },
      { text: '同比增加', italic: true, underline: true },
      { text: '。详见' },
      { text: '国家粮食和物资储备局', href: 'https://www.lswz.gov.cn/' },
      { text: '\n' },
      { text: '🌾 丰收在望' },
    ],
  },
  { type: 'quote', runs: [{ text: '“今年的玉米卖了个好价钱。”' }] },
  {
    type: 'list',
    ordered: true,
    items: [
      {
        runs: [{ text: '加快收购进度' }],
        lists: [{ type: 'list', ordered: false, items: [{ runs: [{ text: '东北地区' }] }] }],
      },
      { runs: [{ text: '稳定市场价格' }] },
    ],
  },
  { type: 'hr' },
  { type: 'paragraph', runs: [{ text: '（完）' }] },
];

describe('body in Yjs', () => {
  it('reads back exactly the blocks the headless writer wrote', () => {
    const doc = new Y.Doc();
    replaceBody(doc, story);
    expect(readBodyBlocks(doc)).toEqual(story);
  });

  it('replaces an existing body with a delta that applies to another replica', () => {
    const a = new Y.Doc();
    replaceBody(a, [{ type: 'paragraph', runs: [{ text: '旧稿' }] }]);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const delta = replaceBody(a, story);
    Y.applyUpdate(b, delta);
    expect(readBodyBlocks(b)).toEqual(story);
  });

  it('writes an empty paragraph for an empty body', () => {
    const doc = new Y.Doc();
    replaceBody(doc, []);
    expect(readBodyBlocks(doc)).toEqual([{ type: 'paragraph', runs: [] }]);
  });

  it('drops unsafe link targets', () => {
    const doc = new Y.Doc();
    replaceBody(doc, [
      { type: 'paragraph', runs: [{ text: '点击', href: 'javascript:alert(1)' }] },
    ]);
    expect(readBodyBlocks(doc)).toEqual([{ type: 'paragraph', runs: [{ text: '点击' }] }]);
  });
});
