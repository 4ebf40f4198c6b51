// Cleans HTML from anywhere — Word, WPS, web pages, Google Docs, mammoth's
// .docx output — down to our block and mark set. Everything else (classes,
// styles, fonts, scripts, images, tables' layout) is dropped; text is kept.
// Works on a minimal tree shape so both htmlparser2 (host) and the browser's
// DOMParser (renderer paste) can feed it.
import { normalizeRuns, type Block, type ListBlock, type ListItem, type Run } from './blocks';
import { isSafeHref } from '../text/links';

export type HtmlNode =
  | { type: 'text'; data: string }
  | { type: 'element'; name: string; attribs: Record<string, string>; children: HtmlNode[] }
  | { type: 'other' };

type Marks = Omit<Run, 'text'>;

const SKIP = new Set([
  'script',
  'style',
  'head',
  'title',
  'meta',
  'link',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'img',
  'video',
  'audio',
  'canvas',
  'input',
  'button',
  'select',
  'textarea',
  'noscript',
  'template',
  'form',
  'xml',
  'o:p',
  'v:shape',
  'v:imagedata',
  'w:sdt',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'hr',
  'pre',
  'table',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  'dl',
  'dt',
  'dd',
  'address',
  'center',
  'body',
  'html',
]);

/** Parses a `style` attribute into lower-case property → value. */
function styleOf(attribs: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const decl of (attribs.style ?? '').split(';')) {
    const i = decl.indexOf(':');
    if (i > 0)
      out.set(
        decl.slice(0, i).trim().toLowerCase(),
        decl
          .slice(i + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return out;
}

function marksFor(name: string, attribs: Record<string, string>, inherited: Marks): Marks {
  const m: Marks = { ...inherited };
  if (name === 'b' || name === 'strong') m.bold = true;
  if (name === 'i' || name === 'em' || name === 'cite') m.italic = true;
  if (name === 'u' || name === 'ins') m.underline = true;
  if (name === 's' || name === 'strike' || name === 'del') m.strike = true;
  if (name === 'code' || name === 'kbd' || name === 'samp') m.code = true;
  const style = styleOf(attribs);
  const weight = style.get('font-weight');
  if (weight) {
    // Google Docs wraps everything in <b style="font-weight:normal">.
    const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
    if (bold) m.bold = true;
    else if (weight === 'normal' || Number(weight) > 0) delete m.bold;
  }
  const fontStyle = style.get('font-style');
  if (fontStyle === 'italic' || fontStyle === 'oblique') m.italic = true;
  else if (fontStyle === 'normal') delete m.italic;
  const deco = `${style.get('text-decoration') ?? ''} ${style.get('text-decoration-line') ?? ''}`;
  if (deco.includes('underline')) m.underline = true;
  if (deco.includes('line-through')) m.strike = true;
  if (name === 'a') {
    const href = attribs.href?.trim();
    if (href && isSafeHref(href)) m.href = href;
  }
  return m;
}

/** Content the source page did not show (inline styles only; stylesheets are not evaluated). */
function isHidden(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return true;
  const style = styleOf(attribs);
  return style.get('display') === 'none' || style.get('visibility') === 'hidden';
}

/** Word marks list paragraphs with `mso-list`; their bullet sits in a `mso-list:Ignore` span. */
function wordListInfo(attribs: Record<string, string>): { level: number } | null {
  const v = styleOf(attribs).get('mso-list');
  if (!v || v === 'ignore') return null;
  const level = /level(\d+)/.exec(v);
  return { level: level ? Math.max(1, Number(level[1])) : 1 };
}
function isWordListMarker(attribs: Record<string, string>): boolean {
  return styleOf(attribs).get('mso-list') === 'ignore';
}

const ORDERED_MARKER =
  /^\s*[(（]?([0-9]+|[a-zA-Z]|[ivxlcIVXLC]+|[一二三四五六七八九十百]+)[.)）、．]/;

interface Para {
  kind: 'paragraph' | 'heading' | 'quote' | 'pre' | 'li' | 'wordli';
  level?: 1 | 2 | 3 | 4;
  runs: Run[];
  /** List nesting: each entry is `ordered` for one level. */
  listPath?: boolean[];
  marker?: string;
}

class Collector {
  paras: Para[] = [];
  private current: Para | null = null;

  open(p: Omit<Para, 'runs'>): void {
    this.close();
    this.current = { ...p, runs: [] };
  }
  close(): void {
    if (this.current) this.paras.push(this.current);
    this.current = null;
  }
  /** Text outside any block element goes into an implicit paragraph. */
  text(text: string, marks: Marks): void {
    if (!this.current) {
      // Whitespace between block tags is layout, not content.
      if (!/[^\s]/.test(text)) return;
      this.current = { kind: 'paragraph', runs: [] };
    }
    this.current.runs.push({ text, ...marks });
  }
  hr(): void {
    this.close();
    this.paras.push({ kind: 'paragraph', runs: [{ text: '\u0000hr' }] });
  }
  get inPre(): boolean {
    return this.current?.kind === 'pre';
  }
  setMarker(marker: string): void {
    if (this.current) this.current.marker = (this.current.marker ?? '') + marker;
  }
}

function walk(
  nodes: readonly HtmlNode[],
  marks: Marks,
  c: Collector,
  ctx: { listPath: boolean[]; quote: boolean; inMarker: boolean },
): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      if (ctx.inMarker) c.setMarker(node.data);
      else c.text(node.data, marks);
      continue;
    }
    if (node.type !== 'element') continue;
    const name = node.name.toLowerCase();
    if (SKIP.has(name) || name.startsWith('v:') || name.startsWith('w:') || isHidden(node.attribs))
      continue;
    if (name === 'br') {
      c.text('\n', {});
      continue;
    }
    if (name === 'hr') {
      c.hr();
      continue;
    }
    if (name === 'span' && isWordListMarker(node.attribs)) {
      walk(node.children, marks, c, { ...ctx, inMarker: true });
      continue;
    }
    const childMarks = marksFor(name, node.attribs, marks);
    if (!BLOCKS.has(name)) {
      walk(node.children, childMarks, c, ctx);
      continue;
    }
    if (name === 'ul' || name === 'ol') {
      c.close();
      walk(node.children, childMarks, c, { ...ctx, listPath: [...ctx.listPath, name === 'ol'] });
      c.close();
      continue;
    }
    if (name === 'blockquote') {
      c.close();
      walk(node.children, childMarks, c, { ...ctx, quote: true });
      c.close();
      continue;
    }
    const heading = /^h([1-6])$/.exec(name);
    const wordList = name === 'p' ? wordListInfo(node.attribs) : null;
    if (name === 'li') {
      c.open({ kind: 'li', listPath: ctx.listPath.length ? ctx.listPath : [false] });
    } else if (wordList) {
      c.open({ kind: 'wordli', listPath: new Array<boolean>(wordList.level).fill(false) });
    } else if (heading) {
      const n = Number(heading[1]);
      c.open({ kind: 'heading', level: (n <= 4 ? n : 4) as 1 | 2 | 3 | 4 });
    } else if (name === 'pre') {
      c.open({ kind: 'pre' });
    } else if (ctx.quote) {
      c.open({ kind: 'quote' });
    } else {
      c.open({ kind: 'paragraph' });
    }
    walk(node.children, childMarks, c, ctx);
    c.close();
  }
}

const EDGE_SPACE = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g;

/** Collapses HTML whitespace inside runs and trims the paragraph's ends (incl. 　 indents). */
function tidyRuns(runs: Run[], pre: boolean): Run[] {
  let out = runs.map((r) =>
    r.text === '\n' || pre
      ? r
      : { ...r, text: r.text.replace(/[\t\n\r ]+/g, ' ').replace(/[\u200b\ufeff]/g, '') },
  );
  out = normalizeRuns(out);
  // Trim the leading and trailing whitespace of the paragraph as a whole.
  while (out.length && (out[0]!.text === '\n' || out[0]!.text.replace(EDGE_SPACE, '') === ''))
    out.shift();
  while (
    out.length &&
    (out.at(-1)!.text === '\n' || out.at(-1)!.text.replace(EDGE_SPACE, '') === '')
  )
    out.pop();
  if (out.length) {
    out[0] = { ...out[0]!, text: out[0]!.text.replace(/^[\s\u3000\u00a0]+/, '') };
    const last = out.length - 1;
    out[last] = { ...out[last]!, text: out[last]!.text.replace(/[\s\u3000\u00a0]+$/, '') };
  }
  return normalizeRuns(out);
}

function listFromParas(items: Para[]): ListBlock {
  // Build nested lists from each item's depth.
  const rootOrdered = items[0]!.listPath![0] ?? false;
  const root: ListBlock = { type: 'list', ordered: rootOrdered, items: [] };
  const stack: ListBlock[] = [root];
  for (const p of items) {
    const depth = Math.max(1, p.listPath!.length);
    while (stack.length > depth) stack.pop();
    while (stack.length < depth) {
      const parent = stack.at(-1)!;
      let host: ListItem | undefined = parent.items.at(-1);
      if (!host) {
        host = { runs: [] };
        parent.items.push(host);
      }
      const sub: ListBlock = {
        type: 'list',
        ordered: p.listPath![stack.length] ?? false,
        items: [],
      };
      host.lists = [...(host.lists ?? []), sub];
      stack.push(sub);
    }
    stack.at(-1)!.items.push({ runs: p.runs });
  }
  return root;
}

export function htmlTreeToBlocks(nodes: readonly HtmlNode[]): Block[] {
  const c = new Collector();
  walk(nodes, {}, c, { listPath: [], quote: false, inMarker: false });
  c.close();
  const blocks: Block[] = [];
  let pendingList: Para[] = [];
  const flushList = () => {
    if (pendingList.length) blocks.push(listFromParas(pendingList));
    pendingList = [];
  };
  for (const p of c.paras) {
    if (p.runs.length === 1 && p.runs[0]!.text === '\u0000hr') {
      flushList();
      blocks.push({ type: 'hr' });
      continue;
    }
    const runs = tidyRuns(p.runs, p.kind === 'pre');
    if (p.kind === 'wordli') {
      const ordered = ORDERED_MARKER.test(p.marker ?? '');
      const path = p.listPath!.map(() => ordered);
      pendingList.push({ ...p, runs, listPath: path });
      continue;
    }
    if (p.kind === 'li') {
      pendingList.push({ ...p, runs });
      continue;
    }
    // An empty paragraph (Word's spacing, <p>&nbsp;</p>) carries nothing and does not end a list.
    if (runs.length === 0) continue;
    flushList();
    if (p.kind === 'heading') blocks.push({ type: 'heading', level: p.level ?? 2, runs });
    else if (p.kind === 'quote') blocks.push({ type: 'quote', runs });
    else blocks.push({ type: 'paragraph', runs });
  }
  flushList();
  return blocks;
}
