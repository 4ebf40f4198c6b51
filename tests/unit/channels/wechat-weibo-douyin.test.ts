import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { htmlTreeToBlocks } from '@shared/body/html-to-blocks';
import { parseHtml } from '../../../electron/services/import/html-tree';
import {
  WECHAT_ALLOWED,
  shownDigest,
  wechat,
  wechatClipboard,
  wechatDraftPayload,
  wechatHtml,
} from '@shared/channels/wechat';
import { weibo, weiboFeedPreview, weiboPost } from '@shared/channels/weibo';
import { douyin, douyinText } from '@shared/channels/douyin';
import { countWeibo } from '@shared/text/counters';
import { CTX, PHOTO, longStory, master } from './fixtures';

function forbidden(html: string): string[] {
  const bad: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        if (!WECHAT_ALLOWED.tags.has(n.name)) bad.push(`<${n.name}>`);
        const allowed = [
          ...(WECHAT_ALLOWED.attributes['*'] ?? []),
          ...(WECHAT_ALLOWED.attributes[n.name] ?? []),
        ];
        for (const a of Object.keys(n.attribs))
          if (!allowed.includes(a)) bad.push(`${n.name}[${a}]`);
        walk(n.children);
      }
    }
  };
  walk(parseDocument(html).children);
  return bad;
}

const PASTED = `<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>
<div class="article" id="main"><p class="MsoNormal" style="font-family:宋体">国家统计局<b>今天</b>发布数据&nbsp;显示，<a href="https://www.example.com/cpi" onclick="x()">10月份CPI</a>同比上涨0.2%。</p>
<iframe src="https://evil.example"></iframe><table><tr><td>表格里的字</td></tr></table><img src="x.png" onerror="alert(1)"></div></body></html>`;

describe('wechat', () => {
  it('derives title, author, a digest from the lead and centred cover crops', () => {
    const v = wechat.derive(master(), CTX);
    expect(v.title).toBe('消费市场温和回暖 核心CPI涨幅连续三个月扩大');
    expect(v.digest.startsWith('本报北京11月3日电')).toBe(true);
    expect(Array.from(v.digest).length).toBeLessThanOrEqual(128);
    expect(v.cover?.crop235.x1).toBe(0);
    expect(v.cover!.crop11.x2 - v.cover!.crop11.x1).toBeCloseTo(2667 / 4000, 3);
    expect(v.photos[0]!.afterBlock).toBe(0);
    expect(wechat.validate(v, CTX).filter((p) => p.severity === 'block')).toEqual([]);
  });
  it('renders only allowed tags and attributes, even from HTML pasted off a web page', () => {
    const m = master({ body: [...master().body, ...htmlTreeToBlocks(parseHtml(PASTED))] });
    const v = wechat.derive(m, CTX);
    v.body.push({
      type: 'list',
      ordered: true,
      items: [{ runs: [{ text: '第一', italic: true, underline: true }] }],
    });
    const html = wechatHtml(v);
    expect(forbidden(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<iframe|class=|onclick|onerror/i);
    expect(html).toContain('10月份CPI');
    const problems = wechat.validate(v, CTX);
    expect(
      problems.some(
        (p) => p.rule === 'externalLink' && p.params.url === 'https://www.example.com/cpi',
      ),
    ).toBe(true);
  });
  it('builds the draft/add payload and the clipboard payload', () => {
    const v = wechat.derive(master(), CTX);
    const payload = wechatDraftPayload(v, {
      ...CTX,
      uploaded: {
        thumbMediaId: 'MEDIA_1',
        imageUrls: { [PHOTO.id]: 'https://mmbiz.qpic.cn/x.jpg' },
      },
    });
    const a = payload.articles[0]!;
    expect(a).toMatchObject({
      article_type: 'news',
      thumb_media_id: 'MEDIA_1',
      need_open_comment: 1,
      only_fans_can_comment: 0,
    });
    expect(a.pic_crop_235_1).toMatch(/^[\d.]+_[\d.]+_[\d.]+_[\d.]+$/);
    expect(a.content).toContain('src="https://mmbiz.qpic.cn/x.jpg"');
    const clip = wechatClipboard(v);
    expect(clip.text.split('\n')[0]).toBe(
      master().body[0]!.type === 'paragraph'
        ? (master().body[0] as { runs: { text: string }[] }).runs[0]!.text
        : '',
    );
    expect(clip.html).not.toContain('<img');
    expect(forbidden(clip.html)).toEqual([]);
  });
  it('flags the platform limits with positions', () => {
    const v = {
      ...wechat.derive(master(), CTX),
      title: '消费市场温和回暖，核心CPI涨幅连续三个月扩大，服务价格上涨带动旅游机票价格',
      author: '本报记者 王晓明 李华 张伟 陈晨 赵磊',
      cover: null,
      contentSourceUrl: 'javascript:alert(1)',
    };
    const rules = wechat.validate(v, CTX);
    const title = rules.find((p) => p.rule === 'titleMax')!;
    expect(title.severity).toBe('block');
    expect(title.at).toMatchObject({ field: 'title', start: 32 });
    expect(title.text['zh-CN']).toContain('超过 32 字上限');
    expect(rules.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['authorMax', 'coverMissing', 'sourceUrlInvalid']),
    );
    const sdk = wechat
      .validate({ ...v, title: '消费市场温和回暖 核心CPI涨幅连续三个月扩大' }, CTX)
      .find((p) => p.rule === 'titleSdkMax')!;
    expect(sdk.uncertain).toBe(true);
    expect(sdk.text['zh-CN']).toContain('平台惯例');
    const big = wechat.validate(wechat.derive(longStory(20_000), CTX), CTX);
    expect(big.find((p) => p.rule === 'contentChars')?.severity).toBe('block');
  });
  it('shows WeChat’s 54-character fallback digest when the digest is empty', () => {
    const v = { ...wechat.derive(master(), CTX), digest: '' };
    expect(Array.from(shownDigest(v))).toHaveLength(54);
  });
});

describe('weibo', () => {
  it('derives 【标题】 + lead + link + #话题# within 140', () => {
    const v = weibo.derive(master(), CTX);
    const post = weiboPost(v);
    expect(post.startsWith('【消费市场温和回暖 核心CPI涨幅连续三个月扩大】本报北京')).toBe(true);
    expect(post).toMatch(/ https:\/\/s\.rmnews\.cn\/q\/\w{22}\/weibo\/online #CPI##消费#$/);
    expect(countWeibo(post)).toBeLessThanOrEqual(140);
    expect(weibo.validate(v, CTX).filter((p) => p.severity === 'block')).toEqual([]);
  });
  it('goes over the limit when the lead is pasted back in full, and points at the overflow', () => {
    const v = weibo.derive(master(), CTX);
    const over = {
      ...v,
      text: `【${master().fields.headline}】${master()
        .body.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''))
        .join('')}`,
    };
    const p = weibo.validate(over, CTX).find((x) => x.rule === 'postMax')!;
    expect(p.severity).toBe('block');
    expect(p.at.field).toBe('text');
    expect(p.at.start).toBeGreaterThan(100);
    expect(weibo.validate({ ...over, longPost: true }, CTX).some((x) => x.rule === 'postMax')).toBe(
      false,
    );
    expect(weiboFeedPreview({ ...over, longPost: true }).truncated).toBe(true);
  });
  it('checks images, topics and mentions', () => {
    const v = weibo.derive(master(), CTX);
    const bad = {
      ...v,
      text: v.text + ' #双11 @新华社',
      images: Array.from({ length: 10 }, (_, i) => ({
        ...PHOTO,
        id: `p${i}`,
        bytes: i === 0 ? 6_000_000 : 100,
        mime: i === 1 ? 'image/webp' : 'image/jpeg',
      })),
      topics: ['稳 物价'],
      mentions: ['x'],
    };
    const rules = weibo.validate(bad, CTX).map((p) => p.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'imagesMax',
        'imageBytes',
        'imageFormat',
        'topicUnclosed',
        'topicInvalid',
        'mentionInvalid',
      ]),
    );
  });
});

describe('douyin', () => {
  it('derives title, caption, hashtags, a 9:16 cover and a script of text cards', () => {
    const v = douyin.derive(master(), CTX);
    expect(v.hashtags).toEqual(['CPI', '消费', '国家统计局']);
    expect(douyinText(v)).toMatch(/#CPI #消费 #国家统计局$/);
    const c = v.cover!.crop;
    expect(((c.x2 - c.x1) * PHOTO.width) / ((c.y2 - c.y1) * PHOTO.height)).toBeCloseTo(9 / 16, 2);
    expect(v.script[0]!.kind).toBe('title');
    expect(v.script.at(-1)!.kind).toBe('end');
    expect(v.script.filter((s) => s.kind === 'point').length).toBeGreaterThan(0);
    for (const s of v.script.filter((x) => x.kind === 'lead'))
      expect(Array.from(s.text).length).toBeLessThanOrEqual(20);
    expect(douyin.validate(v, CTX).filter((p) => p.severity === 'block')).toEqual([]);
  });
  it('flags long titles, too many hashtags, a wrong cover crop and long video', () => {
    const v = douyin.derive(master(), CTX);
    const bad = {
      ...v,
      title: v.title + '，服务价格上涨带动旅游机票价格涨幅居前',
      hashtags: ['a', 'b', 'c', 'd', 'e', 'f'],
      cover: { ...v.cover!, crop: { x1: 0, y1: 0, x2: 1, y2: 1 } },
      video: { fileName: 'v.mp4', seconds: 1000, bytes: 10, width: 1920, height: 1080 },
    };
    const p = douyin.validate(bad, CTX);
    const rules = p.map((x) => x.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'titleMax',
        'hashtagsMax',
        'coverRatio',
        'videoDuration',
        'videoNotVertical',
      ]),
    );
    expect(p.find((x) => x.rule === 'hashtagsMax')!.uncertain).toBe(true);
  });
});
