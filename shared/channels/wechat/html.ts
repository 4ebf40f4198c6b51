// The WeChat article body as the inline-style HTML the 公众号 editor keeps:
// only the tags and attributes in WECHAT_ALLOWED, every style inline, no
// class/id/script/iframe, no <a> (WeChat drops links outside its own articles).
import type { Block, ListBlock, Run } from '../../body/blocks';
import type { WechatVariant } from './schema';

/** Tags and attributes the renderer may emit (CHANNELS.md); tests check the output against this. */
export const WECHAT_ALLOWED: {
  tags: ReadonlySet<string>;
  attributes: Readonly<Record<string, readonly string[]>>;
} = {
  tags: new Set([
    'section',
    'p',
    'span',
    'strong',
    'em',
    'br',
    'img',
    'blockquote',
    'h1',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'table',
  ]),
  attributes: { '*': ['style'], img: ['src', 'alt', 'style'] },
};

const S = {
  article: 'font-size:16px;line-height:1.75;color:#222;letter-spacing:0.5px;',
  p: 'margin:0 0 1em;text-align:justify;',
  h: ['', 'font-size:22px;', 'font-size:20px;', 'font-size:18px;', 'font-size:17px;'],
  hBase: 'font-weight:bold;margin:1.5em 0 0.75em;line-height:1.4;',
  quote:
    'margin:1em 0;padding:0.5em 1em;border-left:3px solid #b71c1c;color:#555;background:#f7f7f7;',
  list: 'margin:0 0 1em;padding-left:2em;',
  li: 'margin:0 0 0.5em;',
  hr: 'margin:1.5em 0;border-top:1px solid #ddd;',
  figure: 'margin:1em 0;text-align:center;',
  img: 'max-width:100%;height:auto;display:block;margin:0 auto;',
  caption: 'margin:0.5em 0 1em;font-size:14px;color:#888;text-align:center;',
  underline: 'text-decoration:underline;',
  strike: 'text-decoration:line-through;',
  code: 'font-family:Menlo,Consolas,monospace;font-size:14px;background:#f3f3f3;padding:0 2px;',
};

// HTML cannot carry most C0 controls; a paste from Word can.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export function htmlEscape(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function run(r: Run): string {
  if (r.text === '\n') return '<br/>';
  let h = htmlEscape(r.text).replace(/\n/g, '<br/>');
  if (r.code) h = `<span style="${S.code}">${h}</span>`;
  if (r.strike) h = `<span style="${S.strike}">${h}</span>`;
  if (r.underline) h = `<span style="${S.underline}">${h}</span>`;
  if (r.italic) h = `<em>${h}</em>`;
  if (r.bold) h = `<strong>${h}</strong>`;
  return h;
}

const runs = (rs: readonly Run[]) => rs.map(run).join('');

function list(l: ListBlock): string {
  const tag = l.ordered ? 'ol' : 'ul';
  const items = l.items
    .map((it) => `<li style="${S.li}">${runs(it.runs)}${(it.lists ?? []).map(list).join('')}</li>`)
    .join('');
  return `<${tag} style="${S.list}">${items}</${tag}>`;
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return b.runs.length ? `<p style="${S.p}">${runs(b.runs)}</p>` : '';
    case 'heading':
      return `<h${b.level} style="${S.hBase}${S.h[b.level]}">${runs(b.runs)}</h${b.level}>`;
    case 'quote':
      return `<blockquote style="${S.quote}">${runs(b.runs)}</blockquote>`;
    case 'list':
      return list(b);
    case 'hr':
      return `<section style="${S.hr}"></section>`;
  }
}

export interface WechatHtmlOptions {
  /** URLs returned by media/uploadimg, by image id. Photos without one get a `rongmei-asset:` placeholder. */
  imageUrls?: Record<string, string>;
}

/** `src` for a photo before upload: the host swaps these for media/uploadimg URLs. */
export const ASSET_PLACEHOLDER = 'rongmei-asset:';

function photo(p: WechatVariant['photos'][number], opts: WechatHtmlOptions): string {
  const src = opts.imageUrls?.[p.image.id] ?? ASSET_PLACEHOLDER + p.image.id;
  const caption = p.caption.trim()
    ? `<p style="${S.caption}">${htmlEscape(p.caption.trim())}</p>`
    : '';
  return `<section style="${S.figure}"><img src="${htmlEscape(src)}" alt="${htmlEscape(p.caption.trim())}" style="${S.img}"/>${caption}</section>`;
}

/** One piece of the article: a body block's HTML, or a photo placed after a block. */
export interface WechatHtmlPart {
  kind: 'block' | 'photo';
  /** The body block (for `block`) or the block the photo follows (-1: before the first). */
  index: number;
  html: string;
}

/** The article's outer element, around the parts. */
export const WECHAT_ARTICLE_OPEN = `<section style="${S.article}">`;
export const WECHAT_ARTICLE_CLOSE = '</section>';
export const WECHAT_ARTICLE_STYLE = S.article;

/**
 * Each block's HTML, kept per block object: it depends on the block alone, and
 * the preview (on every keystroke) and the checks (on every pause) ask again
 * for blocks that did not change.
 */
const blockHtml = new WeakMap<Block, string>();

/** The HTML of one body block, as it appears in the article. */
function wechatBlockHtml(b: Block): string {
  let html = blockHtml.get(b);
  if (html === undefined) blockHtml.set(b, (html = block(b)));
  return html;
}

/**
 * The article in order: blocks and photos. `wechatHtml` is exactly these
 * joined inside the article element; the preview renders them one by one.
 */
export function wechatHtmlParts(
  v: Pick<WechatVariant, 'body' | 'photos'>,
  opts: WechatHtmlOptions = {},
): WechatHtmlPart[] {
  const after = new Map<number, string[]>();
  for (const p of v.photos) {
    const at = Math.min(p.afterBlock, v.body.length - 1);
    after.set(at, [...(after.get(at) ?? []), photo(p, opts)]);
  }
  const parts: WechatHtmlPart[] = [];
  for (const html of after.get(-1) ?? []) parts.push({ kind: 'photo', index: -1, html });
  v.body.forEach((b, i) => {
    parts.push({ kind: 'block', index: i, html: wechatBlockHtml(b) });
    for (const html of after.get(i) ?? []) parts.push({ kind: 'photo', index: i, html });
  });
  return parts;
}

/** The `content` of draft/add: the body with photos placed, inline styles only. */
export function wechatHtml(
  v: Pick<WechatVariant, 'body' | 'photos'>,
  opts: WechatHtmlOptions = {},
): string {
  return (
    WECHAT_ARTICLE_OPEN +
    wechatHtmlParts(v, opts)
      .map((p) => p.html)
      .join('') +
    WECHAT_ARTICLE_CLOSE
  );
}
