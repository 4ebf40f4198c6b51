import { describe, expect, it } from 'vitest';
import { WECHAT_ALLOWED, wechatHtml, wechatHtmlParts } from '@shared/channels/wechat';
import { deriveAll } from '@shared/channels';
import {
  decodeEntities,
  parseStyle,
  safeHtml,
  type SafeNode,
} from '../../../renderer/src/workspace/safe-html';
import {
  COLLAPSED_WIDTH,
  MASTER_MIN,
  PANE_MAX,
  autoMasterWidth,
  defaultLayout,
  loadLayout,
  saveLayout,
} from '../../../renderer/src/workspace/layout';
import { SHORTCUTS, jumpKeys, shortcutFor } from '../../../renderer/src/workspace/shortcuts';
import { weiboSegments } from '../../../renderer/src/workspace/channels/weibo/segments';
import {
  copyfitSummary,
  ziPixels,
} from '../../../renderer/src/workspace/channels/print/copyfit-summary';
import { countBySeverity, problemWhere } from '../../../renderer/src/workspace/problems';
import { diffSummary } from '../../../renderer/src/workspace/diff-summary';
import { BUILTIN_TEMPLATES, copyfit } from '@shared/channels/print';
import { CTX, master } from '../channels/fixtures';
import type { Problem } from '@shared/channels';

const text = (nodes: SafeNode[]): string =>
  nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');

describe('safe HTML for the WeChat preview', () => {
  it('keeps our article exactly: tags, text and styles, as CSSOM style objects', () => {
    const v = deriveAll(master(), CTX).wechat as Parameters<typeof wechatHtml>[0];
    const nodes = safeHtml(wechatHtml(v), WECHAT_ALLOWED);
    expect(nodes).toHaveLength(1);
    const article = nodes[0] as Exclude<SafeNode, string>;
    expect(article.tag).toBe('section');
    expect(article.style).toMatchObject({ fontSize: '16px', lineHeight: '1.75' });
    expect(article.children.filter((c) => typeof c !== 'string' && c.tag === 'p').length).toBe(5);
    expect(text(nodes)).toContain('——这是今年以来的较高水平');
    expect(text(nodes)).toContain('“稳物价”');
  });

  it('renders part by part to the same text as the whole', () => {
    const v = deriveAll(master(), CTX).wechat as Parameters<typeof wechatHtml>[0];
    const parts = wechatHtmlParts(v);
    const whole = text(safeHtml(wechatHtml(v), WECHAT_ALLOWED));
    expect(parts.map((p) => text(safeHtml(p.html, WECHAT_ALLOWED))).join('')).toBe(whole);
  });

  it('drops scripts, handlers, links, classes and remote images; keeps text of unknown wrappers', () => {
    const nodes = safeHtml(
      '<p style="color:red" onclick="alert(1)" class="x"><a href="https://evil.example">点此</a>正文<script>alert(2)</script></p>' +
        '<img src="https://evil.example/t.gif" alt="追踪"><img src="rongmei-asset:img-001" alt="湖滨">' +
        '<style>p{}</style><p style="background:url(https://evil.example/x);font-size:14px">尾</p>',
      WECHAT_ALLOWED,
    );
    const [p, img1, img2, p2] = nodes as Array<Exclude<SafeNode, string>>;
    expect(p!.tag).toBe('p');
    expect(Object.keys(p!)).not.toContain('onclick');
    expect(p!.style).toEqual({ color: 'red' });
    expect(text([p!])).toBe('点此正文');
    expect(img1).toMatchObject({ tag: 'img', alt: '追踪' });
    expect(img1!.src).toBeUndefined();
    expect(img2).toMatchObject({ tag: 'img', assetId: 'img-001' });
    expect(p2!.style).toEqual({ fontSize: '14px' });
    expect(nodes).toHaveLength(4);
  });

  it('decodes entities and survives broken markup', () => {
    expect(decodeEntities('A&amp;B &lt;正文&gt; &#x1F33E; &#20013; &bogus;')).toBe(
      'A&B <正文> 🌾 中 &bogus;',
    );
    expect(text(safeHtml('<p>未闭合<strong>加粗</p>后</span>文', WECHAT_ALLOWED))).toBe(
      '未闭合加粗后文',
    );
    expect(
      parseStyle('font-size:16px; -webkit-box-orient: vertical; bad prop:1; x:expression(1)'),
    ).toEqual({
      fontSize: '16px',
      WebkitBoxOrient: 'vertical',
    });
  });
});

describe('workspace layout', () => {
  it('loads what was saved, and repairs what is missing or out of range', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(loadLayout(storage)).toEqual(defaultLayout());
    saveLayout(storage, { ...defaultLayout(), masterWidth: 600, previewsHidden: true });
    expect(loadLayout(storage)).toMatchObject({ masterWidth: 600, previewsHidden: true });
    store.set(
      'rongmei.workspace.layout',
      JSON.stringify({
        masterWidth: 5,
        paneWidths: { print: 99999, wechat: 'wide' },
        collapsed: { weibo: true },
      }),
    );
    const l = loadLayout(storage);
    expect(l.masterWidth).toBe(MASTER_MIN);
    expect(l.paneWidths.print).toBe(PANE_MAX);
    expect(l.paneWidths.wechat).toBe(defaultLayout().paneWidths.wechat);
    expect(l.collapsed).toEqual({
      print: false,
      wechat: false,
      weibo: true,
      douyin: false,
      app: false,
    });
    store.set('rongmei.workspace.layout', '{not json');
    expect(loadLayout(storage)).toEqual(defaultLayout());
    expect(loadLayout(null)).toEqual(defaultLayout());
    expect(COLLAPSED_WIDTH).toBeLessThan(MASTER_MIN);
  });

  it('gives the master what is left when every pane fits, else about a third of the window', () => {
    const panes = Object.values(defaultLayout().paneWidths);
    // 1366×768 (sidebar aside): panes scroll, the master keeps a third.
    expect(autoMasterWidth(1190, panes)).toBe(440);
    // 1920: still not all five; a comfortable master.
    expect(autoMasterWidth(1744, panes)).toBe(560);
    // 4K at 150 %: all five panes fit beside the master.
    const w = autoMasterWidth(2384, panes);
    expect(w).toBeGreaterThanOrEqual(560);
    expect(w + panes.reduce((a, b) => a + b) + 4 * 8 + 16 + 7).toBeLessThanOrEqual(2384);
    // Panes folded away leave the master more room.
    expect(autoMasterWidth(1744, [40, 40, 40, 320, 340])).toBe(760);
  });
});

describe('workspace shortcuts', () => {
  const key = (k: Partial<KeyboardEvent> & { code: string }) => ({
    key: '',
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...k,
  });
  it('maps Alt+0…5 to the master and the channels in order, by physical key', () => {
    expect(shortcutFor(key({ code: 'Digit0' }))).toEqual({ kind: 'jump', to: 'master' });
    expect(shortcutFor(key({ code: 'Digit3', key: '£' }))).toEqual({ kind: 'jump', to: 'weibo' });
    expect(shortcutFor(key({ code: 'KeyP', key: 'π' }))).toEqual({ kind: 'togglePreviews' });
    expect(shortcutFor(key({ code: 'KeyE' }))).toEqual({ kind: 'toggleEdit' });
    expect(shortcutFor(key({ code: 'Digit3', ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key({ code: 'Digit9' }))).toBeNull();
    expect(shortcutFor({ ...key({ code: 'Digit1' }), altKey: false })).toBeNull();
    expect(shortcutFor({ ...key({ code: 'Digit1' }), isComposing: true })).toBeNull();
    expect(jumpKeys('app')).toBe('Alt+5');
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
  });
});

describe('channel preview helpers', () => {
  it('splits a Weibo post into text, links, topics and mentions', () => {
    expect(
      weiboSegments(
        '【秋粮收购过半】主产区收购超1亿吨 https://s.rmnews.cn/q/abc/weibo/online #秋粮# @新华社 好',
      ),
    ).toEqual([
      { kind: 'text', text: '【秋粮收购过半】主产区收购超1亿吨 ' },
      { kind: 'link', text: 'https://s.rmnews.cn/q/abc/weibo/online' },
      { kind: 'text', text: ' ' },
      { kind: 'topic', text: '#秋粮#' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', text: '@新华社' },
      { kind: 'text', text: ' 好' },
    ]);
  });

  it('summarises copyfit and sizes a 字 to the pane', () => {
    const t = BUILTIN_TEMPLATES[0]!;
    const text = '国家统计局今天发布数据显示，10月份全国居民消费价格指数同比上涨0.2%。'.repeat(80);
    const over = copyfitSummary(
      copyfit({ blocks: [{ kind: 'paragraph', text }], template: t, span: 1 }),
    );
    expect(over.status).toBe('overset');
    expect(over.oversetLines).toBeGreaterThan(0);
    const fits = copyfitSummary(
      copyfit({ blocks: [{ kind: 'paragraph', text: '短讯。' }], template: t, span: 3 }),
    );
    expect(fits).toMatchObject({ status: 'fits', used: 1 });
    expect(ziPixels(330, 41)).toBe(8);
    expect(ziPixels(0, 41)).toBe(5);
    expect(ziPixels(2000, 13)).toBe(18);
  });

  it('counts problems by severity and says where they are', () => {
    const p = (severity: Problem['severity'], at: Problem['at']): Problem => ({
      channel: 'weibo',
      rule: 'r',
      severity,
      at,
      params: {},
      text: { 'zh-CN': '', en: '' },
      fix: { 'zh-CN': '', en: '' },
      uncertain: false,
    });
    const ps = [
      p('block', { field: 'text', start: 3 }),
      p('hint', { field: 'body', index: 2 }),
      p('block', { field: '' }),
    ];
    expect(countBySeverity(ps)).toEqual({ block: 2, warn: 0, hint: 1 });
    expect(countBySeverity(undefined)).toEqual({ block: 0, warn: 0, hint: 0 });
    expect(problemWhere('weibo', ps[0]!)).toEqual({
      fieldKey: 'variant.fields.weibo.text',
      item: undefined,
      char: 4,
    });
    expect(problemWhere('weibo', ps[1]!)).toMatchObject({ item: 3 });
    expect(problemWhere('weibo', ps[2]!).fieldKey).toBeNull();
    expect(
      diffSummary({
        changed: true,
        fields: [{ field: 'headline', before: 'a', after: 'b', parts: [] }],
        paragraphs: [],
        images: { added: [], removed: [], changed: [] },
      }),
    ).toEqual({ fields: ['headline'], paragraphs: 0 });
  });
});
