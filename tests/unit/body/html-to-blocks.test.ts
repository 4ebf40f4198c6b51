import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { htmlTreeToBlocks } from '@shared/body/html-to-blocks';
import { textToBlocks } from '@shared/body/text-to-blocks';
import { bodyToPlainText } from '@shared/body/blocks';
import { parseHtml } from '../../../electron/services/import/html-tree';

const fixtures = path.resolve(__dirname, '../../fixtures/paste');
const load = (name: string) =>
  htmlTreeToBlocks(parseHtml(fs.readFileSync(path.join(fixtures, name), 'utf8')));

describe('htmlTreeToBlocks', () => {
  it('cleans Word HTML: drops mso styles, <o:p>, conditional comments; keeps bold, italics and lists', () => {
    const blocks = load('word.html');
    expect(blocks[0]).toEqual({
      type: 'heading',
      level: 1,
      runs: [{ text: '全省秋粮收购进度过半' }],
    });
    const p = blocks[1]!;
    expect(p.type).toBe('paragraph');
    if (p.type !== 'paragraph') return;
    expect(p.runs).toEqual([
      { text: '本报讯 截至11月25日，全省累计收购秋粮' },
      { text: '312万吨', bold: true },
      { text: '，同比增加' },
      { text: '8.6%', italic: true },
      { text: '。' },
    ]);
    const list = blocks.find((b) => b.type === 'list');
    expect(list).toEqual({
      type: 'list',
      ordered: true,
      items: [{ runs: [{ text: '加快收购进度；' }] }, { runs: [{ text: '稳定市场价格。' }] }],
    });
    expect(JSON.stringify(blocks)).not.toMatch(/mso|o:p|Normal/);
  });

  it('reads Google Docs wrapper <b style="font-weight:normal"> as not bold, and spans with font-weight:700 as bold', () => {
    const blocks = htmlTreeToBlocks(
      parseHtml(
        '<b style="font-weight:normal" id="docs-internal-guid-1"><p><span style="font-weight:400">乡村振兴</span><span style="font-weight:700">新气象</span></p></b>',
      ),
    );
    expect(blocks).toEqual([
      { type: 'paragraph', runs: [{ text: '乡村振兴' }, { text: '新气象', bold: true }] },
    ]);
  });

  it('drops scripts, styles, images, iframes and javascript: links from web pages', () => {
    const blocks = load('web.html');
    const text = bodyToPlainText(blocks);
    expect(text).toContain('今年以来，我国新能源汽车产销量继续保持增长');
    expect(text).not.toMatch(/alert|tracker|广告位|iframe/);
    const links = JSON.stringify(blocks);
    expect(links).toContain('https://www.news.cn/');
    expect(links).not.toContain('javascript:');
  });

  it('keeps WPS paragraphs and strips the 　　 indent and &nbsp; padding', () => {
    const blocks = load('wps.html');
    expect(
      blocks.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : b.type)),
    ).toEqual([
      '11月26日，记者走进黄河岸边的合作社，只见晾晒场上金黄的玉米堆成了小山。',
      '“今年亩产比去年高了一成多。”合作社负责人说。',
    ]);
  });

  it('turns nested <ul><li> into nested lists and <hr> into a rule', () => {
    const blocks = htmlTreeToBlocks(
      parseHtml('<ul><li>一<ul><li>一之一</li></ul></li><li>二</li></ul><hr><p>完</p>'),
    );
    expect(blocks).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [
          {
            runs: [{ text: '一' }],
            lists: [{ type: 'list', ordered: false, items: [{ runs: [{ text: '一之一' }] }] }],
          },
          { runs: [{ text: '二' }] },
        ],
      },
      { type: 'hr' },
      { type: 'paragraph', runs: [{ text: '完' }] },
    ]);
  });

  it('returns nothing for empty or tag-only HTML', () => {
    expect(htmlTreeToBlocks(parseHtml(''))).toEqual([]);
    expect(htmlTreeToBlocks(parseHtml('<p>&nbsp;</p><div><br></div><script>x()</script>'))).toEqual(
      [],
    );
  });
});

describe('textToBlocks', () => {
  it('makes a paragraph of each non-empty line and trims 　　 indents', () => {
    expect(textToBlocks('　　第一段。\r\n\r\n　　第二段 😀\n')).toEqual([
      { type: 'paragraph', runs: [{ text: '第一段。' }] },
      { type: 'paragraph', runs: [{ text: '第二段 😀' }] },
    ]);
  });
});
