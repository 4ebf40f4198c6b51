// Turns channel HTML (our own WeChat output) into an inert node tree the
// preview renders with React. A small strict tokenizer, not the DOM: nothing
// is ever parsed into a live document (a DOMParser document would also trip
// the page's CSP on every style attribute). Only allowed tags and attributes
// are kept, inline styles become CSSOM style objects (a style *attribute*
// would be refused by `style-src 'self'`), images load only from data:/blob:.
export interface SafeElement {
  tag: string;
  style: Record<string, string>;
  src?: string;
  alt?: string;
  /** An image the host has not uploaded yet (rongmei-asset:<id>): drawn as a placeholder. */
  assetId?: string;
  children: SafeNode[];
}
export type SafeNode = string | SafeElement;

export interface Allowlist {
  tags: ReadonlySet<string>;
  attributes: Readonly<Record<string, readonly string[]>>;
}

const ASSET = 'rongmei-asset:';
const SAFE_IMAGE = /^(data:image\/(png|jpeg|gif|webp);|blob:)/i;
// Property names are plain CSS identifiers; values never reach for URLs or old IE expressions.
const PROPERTY = /^-?[a-z][a-z-]*$/;
const UNSAFE_VALUE = /url\s*\(|expression\s*\(|javascript:|@import|[<>{}\\]/i;

/** `font-size:16px;line-height:1.75` → { fontSize: '16px', lineHeight: '1.75' } for React. */
export function parseStyle(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of css.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).trim();
    if (!PROPERTY.test(prop) || !value || UNSAFE_VALUE.test(value)) continue;
    out[prop.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = value;
  }
  return out;
}

const VOID = new Set(['br', 'img', 'hr', 'wbr']);
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'template',
  'iframe',
  'object',
  'svg',
  'math',
]);
const TOKEN =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e] ?? m;
  });
}

function attributes(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of raw.matchAll(ATTR))
    out.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  return out;
}

interface Open {
  tag: string;
  /** Null for an element that is not kept (its children go to the parent, or nowhere). */
  el: SafeElement | null;
  drop: boolean;
  children: SafeNode[];
}

function element(tag: string, attrs: Map<string, string>, allow: Allowlist): SafeElement | null {
  if (!allow.tags.has(tag)) return null;
  const allowed = new Set([...(allow.attributes['*'] ?? []), ...(allow.attributes[tag] ?? [])]);
  const el: SafeElement = { tag, style: {}, children: [] };
  if (allowed.has('style')) el.style = parseStyle(attrs.get('style') ?? '');
  if (tag === 'img' && allowed.has('src')) {
    const src = attrs.get('src') ?? '';
    if (src.startsWith(ASSET)) el.assetId = src.slice(ASSET.length);
    else if (SAFE_IMAGE.test(src)) el.src = src;
  }
  if (allowed.has('alt') && attrs.has('alt')) el.alt = attrs.get('alt');
  return el;
}

/** Parses an HTML fragment into safe nodes. */
export function safeHtml(html: string, allow: Allowlist): SafeNode[] {
  const root: Open = { tag: '#root', el: null, drop: false, children: [] };
  const stack: Open[] = [root];
  const top = () => stack[stack.length - 1]!;
  const close = (o: Open) => {
    const parent = top();
    if (o.drop) return;
    if (o.el) {
      o.el.children = o.children;
      if (!parent.drop) parent.children.push(o.el);
    } else if (!parent.drop) parent.children.push(...o.children);
  };
  let last = 0;
  const text = (t: string) => {
    if (t && !top().drop) top().children.push(decodeEntities(t));
  };
  for (const m of html.matchAll(TOKEN)) {
    text(html.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    if (m[0].startsWith('<!--')) continue;
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    if (closing) {
      // Close up to the matching element; a stray closing tag is ignored.
      const at = stack.map((o) => o.tag).lastIndexOf(tag);
      if (at <= 0) continue;
      while (stack.length > at) close(stack.pop()!);
      continue;
    }
    const drop = top().drop || DROP_WITH_CONTENT.has(tag);
    const el = drop ? null : element(tag, attributes(m[3] ?? ''), allow);
    const open: Open = { tag, el, drop, children: [] };
    if (VOID.has(tag) || m[4] === '/') {
      stack.push(open);
      close(stack.pop()!);
    } else stack.push(open);
  }
  text(html.slice(last));
  while (stack.length > 1) close(stack.pop()!);
  return root.children;
}
