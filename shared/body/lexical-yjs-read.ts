// Reads the story body straight out of the Yjs structure that @lexical/yjs
// writes (an XmlText tree whose attributes carry Lexical's node properties).
// Walking Yjs directly is ~50× cheaper than binding a headless editor, which
// matters because the host re-projects the body after every burst of typing.
import * as Y from 'yjs';
import { normalizeRuns, type Block, type ListBlock, type ListItem, type Run } from './blocks';

// Lexical's TextNode format bits (lexical/src/LexicalConstants.ts).
const IS_BOLD = 1;
const IS_ITALIC = 2;
const IS_STRIKETHROUGH = 4;
const IS_UNDERLINE = 8;
const IS_CODE = 16;

type Attrs = Record<string, unknown>;
type DeltaOp = { insert: unknown };

export const BODY_ROOT = 'root';

function marksFromFormat(format: number): Omit<Run, 'text'> {
  const m: Omit<Run, 'text'> = {};
  if (format & IS_BOLD) m.bold = true;
  if (format & IS_ITALIC) m.italic = true;
  if (format & IS_UNDERLINE) m.underline = true;
  if (format & IS_STRIKETHROUGH) m.strike = true;
  if (format & IS_CODE) m.code = true;
  return m;
}

function typeOf(x: Y.XmlText | Y.XmlElement): string {
  const t = (x.getAttributes() as Attrs).__type;
  return typeof t === 'string' ? t : '';
}

/** Inline content of an element: text runs, line breaks, links (flattened onto runs). */
function readInline(x: Y.XmlText, href: string | undefined, out: Run[]): void {
  let marks: Omit<Run, 'text'> = {};
  for (const op of x.toDelta() as DeltaOp[]) {
    const ins = op.insert;
    if (typeof ins === 'string') {
      out.push(href ? { text: ins, ...marks, href } : { text: ins, ...marks });
    } else if (ins instanceof Y.Map) {
      const t = ins.get('__type');
      if (t === 'linebreak') out.push({ text: '\n' });
      else if (t === 'tab') out.push({ text: '\t' });
      else marks = marksFromFormat(Number(ins.get('__format') ?? 0));
    } else if (ins instanceof Y.XmlText) {
      const attrs = ins.getAttributes() as Attrs;
      if (attrs.__type === 'link' || attrs.__type === 'autolink') {
        readInline(ins, typeof attrs.__url === 'string' ? attrs.__url : undefined, out);
      } else {
        readInline(ins, href, out);
      }
    }
  }
}

function runsOf(x: Y.XmlText): Run[] {
  const runs: Run[] = [];
  readInline(x, undefined, runs);
  return normalizeRuns(runs);
}

function readList(x: Y.XmlText): ListBlock {
  const attrs = x.getAttributes() as Attrs;
  const list: ListBlock = { type: 'list', ordered: attrs.__listType === 'number', items: [] };
  for (const op of x.toDelta() as DeltaOp[]) {
    if (!(op.insert instanceof Y.XmlText) || typeOf(op.insert) !== 'listitem') continue;
    const li = op.insert;
    const nested: ListBlock[] = [];
    let hasInline = false;
    for (const child of li.toDelta() as DeltaOp[]) {
      if (child.insert instanceof Y.XmlText && typeOf(child.insert) === 'list')
        nested.push(readList(child.insert));
      else hasInline = true;
    }
    // Lexical nests a list as a list item holding only that list: hang it on the item before.
    const prev = list.items[list.items.length - 1];
    if (!hasInline && nested.length > 0 && prev) {
      prev.lists = [...(prev.lists ?? []), ...nested];
      continue;
    }
    const item: ListItem = { runs: runsOf(li) };
    if (nested.length) item.lists = nested;
    list.items.push(item);
  }
  return list;
}

function headingLevel(tag: unknown): 1 | 2 | 3 | 4 {
  const n = typeof tag === 'string' ? Number(tag.slice(1)) : 2;
  return n === 1 || n === 2 || n === 3 ? n : 4;
}

/** One child of the body's root as a block; null for anything that is not a block. */
export function readRootChild(ins: unknown): Block | null {
  if (ins instanceof Y.XmlElement) return typeOf(ins) === 'horizontalrule' ? { type: 'hr' } : null;
  if (!(ins instanceof Y.XmlText)) return null;
  const attrs = ins.getAttributes() as Attrs;
  switch (attrs.__type) {
    case 'heading':
      return { type: 'heading', level: headingLevel(attrs.__tag), runs: runsOf(ins) };
    case 'quote':
      return { type: 'quote', runs: runsOf(ins) };
    case 'list':
      return readList(ins);
    default:
      return { type: 'paragraph', runs: runsOf(ins) };
  }
}

/** The body's root, where @lexical/yjs keeps the editor's content. */
export function bodyRoot(doc: Y.Doc): Y.XmlText {
  return doc.get(BODY_ROOT, Y.XmlText);
}

/** Converts the body stored in `doc` (Lexical's Yjs layout) into blocks. */
export function readBodyBlocks(doc: Y.Doc): Block[] {
  const blocks: Block[] = [];
  for (const op of bodyRoot(doc).toDelta() as DeltaOp[]) {
    const b = readRootChild(op.insert);
    if (b) blocks.push(b);
  }
  return blocks;
}
