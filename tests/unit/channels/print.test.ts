import { describe, expect, it } from 'vitest';
import { DOMParser } from '@xmldom/xmldom';
import decodeQR from '@paulmillr/qr/decode.js';
import {
  BUILTIN_TEMPLATES,
  copyfit,
  copyfitLines,
  print,
  printCopyfit,
  printQrCodes,
  spanWidthZi,
  splitColumnWidthZi,
} from '@shared/channels/print';
import { qrCode } from '@shared/channels/common/qr';
import {
  parseTrackedLink,
  storyIdFromKey,
  storyKey,
  trackedLink,
} from '@shared/channels/common/tracked-link';
import { CTX, STORY_ID, longStory, master } from './fixtures';

const broadsheet = BUILTIN_TEMPLATES.find((t) => t.id === 'broadsheet')!;

describe('print templates and copyfit', () => {
  it('computes spanning and re-split widths as CHANNELS.md says', () => {
    expect([1, 2, 3, 5].map((n) => spanWidthZi(broadsheet, n))).toEqual([13, 27, 41, 69]);
    expect(splitColumnWidthZi(broadsheet, 3, 2)).toBe(20);
  });
  it('reports lines used, available and overset in lines and 字', () => {
    const text = '国家统计局今天发布数据显示消费市场温和回暖'.repeat(40); // 840 字
    const fit = copyfit({
      blocks: [{ kind: 'paragraph', text }],
      template: broadsheet,
      span: 1,
      depthLines: 50,
      headlineRows: 0,
    });
    expect(fit.columnWidthZi).toBe(13);
    expect(fit.linesUsed).toBe(Math.ceil((text.length + 2) / 13));
    expect(fit.linesAvailable).toBe(50);
    expect(fit.oversetLines).toBe(fit.linesUsed - 50);
    expect(fit.oversetZi).toBeGreaterThan(0);
    expect(fit.columns[0]).toHaveLength(50);
    expect(fit.columns[0]![0]!.text).toBe('国家统计局今天发布数据'); // 11 字 after the 2-字 indent
  });
  it('sets a 20,000-字 story and keeps every character', () => {
    const s = longStory(20_000);
    const v = print.derive(s, CTX);
    const fit = printCopyfit(v, CTX)!;
    expect(fit.totalZi).toBeGreaterThan(18_000);
    const set = [...fit.columns.flat(), ...fit.overset].filter((l) => l.block === 5);
    expect(set.map((l) => l.text).join('')).toBe(
      v.body[5]!.type === 'paragraph' ? v.body[5]!.runs.map((r) => r.text).join('') : '',
    );
    expect(fit.oversetLines).toBeGreaterThan(0);
  });
  it('re-sets only the paragraph typed in, and gives what a fresh copyfit gives', () => {
    const s = longStory(20_000);
    const v = print.derive(s, CTX, { share: true });
    const before = printCopyfit(v, CTX)!;
    const edited = { ...v.body[3]! } as (typeof v.body)[number];
    if (edited.type !== 'paragraph') throw new Error('fixture: block 3 is a paragraph');
    edited.runs = [
      ...edited.runs,
      { text: '记者从国家粮食和物资储备局获悉，收购进度快于去年同期。' },
    ];
    const body = v.body.map((b, i) => (i === 3 ? edited : b));
    const after = printCopyfit({ ...v, body }, CTX)!;
    // A fresh copyfit of the same text (new block objects, nothing cached).
    const fresh = printCopyfit({ ...v, body: structuredClone(body) }, CTX)!;
    expect(after).toEqual(fresh);
    expect(after.linesUsed).toBeGreaterThan(before.linesUsed);
    const all = (f: typeof after) => [...f.columns.flat(), ...f.overset];
    const lineOf = (f: typeof after, block: number) => all(f).find((l) => l.block === block)!;
    // Untouched paragraphs keep their very line objects; the typed one is set again.
    expect(lineOf(after, 2)).toBe(lineOf(before, 2));
    expect(lineOf(after, 40)).toBe(lineOf(before, 40));
    expect(lineOf(after, 3)).not.toBe(lineOf(before, 3));
    // A paragraph inserted at the top moves every index: lines are set again with the new ones.
    const shifted = printCopyfit({ ...v, body: [edited, ...body] }, CTX)!;
    expect(lineOf(shifted, 41).text).toBe(lineOf(after, 40).text);
    expect(shifted).toEqual(printCopyfit({ ...v, body: structuredClone([edited, ...body]) }, CTX));
  });
  it('keeps the columns while typing in the overset, and sets them again when the change reaches them', () => {
    const s = longStory(20_000);
    const v = print.derive(s, CTX, { share: true });
    const typed = (body: typeof v.body, i: number, text: string) =>
      body.map((b, k) =>
        k === i && b.type === 'paragraph' ? { ...b, runs: [...b.runs, { text }] } : b,
      );
    const before = printCopyfit(v, CTX)!;
    expect(before.oversetLines).toBeGreaterThan(0);
    const lastFitting = before.columns.flat().at(-1)!.block;

    // Far down, in the overset: the columns are the same arrays, the figures move.
    const far = typed(
      v.body,
      lastFitting + 20,
      '记者从国家粮食和物资储备局获悉，收购进度快于去年同期。',
    );
    const after = printCopyfit({ ...v, body: far }, CTX)!;
    expect(after.columns).toBe(before.columns);
    expect(after.oversetZi).toBeGreaterThan(before.oversetZi);
    // Then in the last paragraph that fits: its lines move, the columns are set again.
    const near = typed(far, lastFitting, '秋粮🌾');
    const moved = printCopyfit({ ...v, body: near }, CTX)!;
    expect(moved.columns).not.toBe(after.columns);
    // Both as a fresh copyfit of the same text gives them.
    expect(after).toEqual(printCopyfit({ ...v, body: structuredClone(far) }, CTX));
    expect(moved).toEqual(printCopyfit({ ...v, body: structuredClone(near) }, CTX));

    // A paragraph taken out near the top: everything after it moves up.
    const cut = near.filter((_, k) => k !== 1);
    expect(printCopyfit({ ...v, body: cut }, CTX)).toEqual(
      printCopyfit({ ...v, body: structuredClone(cut) }, CTX),
    );
  });
  it('gives any run of set lines, spacing lines above subheadings included, as the whole setting has them', () => {
    const para = '国家统计局今天发布数据显示，10月份全国居民消费价格同比上涨0.3%。';
    const blocks = [
      { kind: 'paragraph' as const, text: para.repeat(3) },
      { kind: 'heading' as const, text: '第一部分：市场观察' },
      { kind: 'paragraph' as const, text: para.repeat(4) },
      { kind: 'heading' as const, text: '第二部分：价格走势' },
      { kind: 'paragraph' as const, text: para.repeat(5) },
      { kind: 'heading' as const, text: '' },
    ];
    const fit = copyfit({ blocks, template: broadsheet, span: 2, bodyColumns: 2, depthLines: 16 });
    const whole = [...fit.columns.flat(), ...fit.overset];
    expect(whole).toHaveLength(fit.linesUsed);
    expect(whole.filter((l) => l.kind === 'space')).toHaveLength(2 * broadsheet.subheadSpaceLines);
    expect(whole.at(-1)!.kind).toBe('paragraph'); // the empty subheading's spacing is not kept
    for (const [from, to] of [
      [0, 5],
      [3, 40],
      [fit.linesAvailable, fit.linesAvailable + 6],
      [fit.linesUsed - 2, fit.linesUsed + 10],
    ] as const)
      expect(copyfitLines(fit, from, to)).toEqual(whole.slice(from, to));
    expect(fit.oversetZi).toBe(Math.ceil(fit.overset.reduce((n, l) => n + l.zi * 2, 0) / 2));
  });
});

describe('print channel', () => {
  it('derives a clean variant for a normal story', () => {
    const v = print.derive(master(), CTX);
    expect(v.headline).toBe('消费市场温和回暖 核心CPI涨幅连续三个月扩大');
    expect(v.layout).toEqual({ templateId: 'broadsheet', span: 3, reservedLines: 0 });
    const problems = print.validate(v, CTX);
    expect(problems.filter((p) => p.severity === 'block')).toEqual([]);
  });
  it('flags overset with position, missing headline, over-long headline and bad punctuation', () => {
    const s = longStory(20_000);
    const v = {
      ...print.derive(s, CTX),
      headline: '',
      subheadline: '服务价格上涨带动,旅游、机票价格涨幅居前',
    };
    const problems = print.validate(v, CTX);
    const rules = problems.map((p) => p.rule);
    expect(rules).toContain('overset');
    expect(rules).toContain('headlineMissing');
    const overset = problems.find((p) => p.rule === 'overset')!;
    expect(overset.at.field).toBe('body');
    expect(typeof overset.at.index).toBe('number');
    expect(overset.text['zh-CN']).toMatch(/超版 \d+ 行/);
    const punct = problems.find(
      (p) => p.rule === 'halfWidthPunct' && p.at.field === 'subheadline',
    )!;
    expect(punct.at.start).toBe(8);
    const long = print.validate(
      {
        ...print.derive(master(), CTX),
        headline: '消费市场温和回暖核心CPI涨幅连续三个月扩大服务价格上涨带动旅游机票价格涨幅居前',
      },
      CTX,
    );
    expect(long.map((p) => p.rule)).toContain('headlineTooLong');
  });
  it('exports ICML that parses, with the stories and styles used', () => {
    const v = print.derive(master(), CTX);
    v.body.push({
      type: 'paragraph',
      runs: [{ text: '加粗', bold: true }, { text: ' & <特殊> 字符\u0001' }],
    });
    const files = print.export(v, CTX);
    const icml = files.find((f) => f.path === 'story.icml');
    expect(icml?.kind).toBe('text');
    const xml = icml!.kind === 'text' ? icml!.content : '';
    expect(xml).toContain('<?aid SnippetType="InCopyInterchange"?>');
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: {
        // xmldom reports mismatched tags as warnings; any message fails the test.
        warning: (msg: string) => errors.push(msg),
        error: (msg: string) => errors.push(msg),
        fatalError: (msg: string) => errors.push(msg),
      },
    }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagName('Story')).toHaveLength(1);
    const declared = Array.from(doc.getElementsByTagName('ParagraphStyle')).map((e) =>
      e.getAttribute('Self'),
    );
    const used = new Set(
      Array.from(doc.getElementsByTagName('ParagraphStyleRange')).map((e) =>
        e.getAttribute('AppliedParagraphStyle'),
      ),
    );
    for (const u of used) expect(declared).toContain(u);
    expect(declared).toContain('ParagraphStyle/正文');
    expect(declared).toContain('ParagraphStyle/主题');
    const charDeclared = Array.from(doc.getElementsByTagName('CharacterStyle')).map((e) =>
      e.getAttribute('Self'),
    );
    expect(charDeclared).toContain('CharacterStyle/粗体');
    const contents = Array.from(doc.getElementsByTagName('Content'))
      .map((e) => e.textContent)
      .join('');
    expect(contents).toContain('国家统计局城市司首席统计师');
    expect(contents).toContain(' & <特殊> 字符');
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'story.icml',
        'captions.icml',
        'story.docx',
        'qr-online.svg',
        'layout.json',
      ]),
    );
  });
});

describe('QR codes and tracked links', () => {
  it('round-trips story keys and parses tracked links', () => {
    expect(storyIdFromKey(storyKey(STORY_ID))).toBe(STORY_ID);
    const url = trackedLink(
      { baseUrl: 'https://s.rmnews.cn/' },
      { storyId: STORY_ID, channel: 'print', target: 'shop' },
    );
    expect(url).toMatch(/^https:\/\/s\.rmnews\.cn\/q\/[0-9A-Za-z]{22}\/print\/shop$/);
    expect(parseTrackedLink({ baseUrl: 'https://s.rmnews.cn' }, url)).toMatchObject({
      storyId: STORY_ID,
      channel: 'print',
      target: 'shop',
    });
    expect(
      parseTrackedLink({ baseUrl: 'https://s.rmnews.cn' }, 'https://evil.cn/q/x/print/shop'),
    ).toBeNull();
  });
  it('draws a code with a 4-module quiet zone that decodes back to the link', () => {
    const v = {
      ...print.derive(master(), CTX),
      qr: { online: true, shopUrl: 'https://shop.rmnews.cn/item/42', shopLabel: '扫码购买' },
    };
    const codes = printQrCodes(v, CTX);
    expect(codes.map((c) => c.target)).toEqual(['online', 'shop']);
    const q = qrCode(codes[0]!.url);
    expect(q.ecc).toBe('medium');
    expect(q.svg).toContain(`viewBox="0 0 ${q.modules + 8} ${q.modules + 8}"`);
    expect(q.svg).toContain('width="20mm"');
    // Rasterise the matrix with its quiet zone and decode it.
    const scale = 4;
    const side = (q.modules + 8) * scale;
    const data = new Uint8Array(side * side * 4).fill(255);
    q.matrix.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (!dark) return;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const i = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
            data[i] = data[i + 1] = data[i + 2] = 0;
          }
      }),
    );
    expect(decodeQR({ width: side, height: side, data })).toBe(codes[0]!.url);
  });
});
