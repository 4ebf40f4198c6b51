// The plain text a comment is anchored in, and the way back to Yjs. The body
// is Lexical's tree of Y.XmlTexts (a paragraph holds a marker map per text
// node, then its characters; a link is a nested XmlText), so a plain-text
// offset is mapped to the deepest XmlText holding that character, and a Yjs
// relative position made there survives every edit that keeps the character.
// Blocks are joined with '\n'; block ids match the scan's segments (block:3,
// block:5.1 for a list item).
import * as Y from 'yjs';
import { BODY_ROOT } from '../body/lexical-yjs-read';

/** A run of characters inside one Yjs text type. */
export interface Piece {
  type: Y.Text;
  /** Index of the first character in the type's own index space (embeds count as one). */
  yIndex: number;
  /** Offset of the first character in the projection's plain text. */
  offset: number;
  length: number;
}

export interface ProjectedBlock {
  /** block:3, block:5.1 — the scan's segment ids. */
  id: string;
  /** Offset of the block's first character in the projection's text. */
  offset: number;
  text: string;
}

export interface Projection {
  /** 'body' or 'field:<name>'. */
  segment: string;
  text: string;
  blocks: ProjectedBlock[];
  pieces: Piece[];
  /** Pieces per live type, in index order: a type that is absent was deleted (or is not text). */
  byType: Map<Y.Text, Piece[]>;
}

type Attrs = Record<string, unknown>;
type DeltaOp = { insert: unknown };

function typeName(x: Y.XmlText): string {
  const t = (x.getAttributes() as Attrs).__type;
  return typeof t === 'string' ? t : '';
}

class Builder {
  text = '';
  blocks: ProjectedBlock[] = [];
  pieces: Piece[] = [];
  byType = new Map<Y.Text, Piece[]>();

  private push(type: Y.Text, yIndex: number, s: string): void {
    const piece: Piece = { type, yIndex, offset: this.text.length, length: s.length };
    this.text += s;
    this.pieces.push(piece);
    const list = this.byType.get(type);
    if (list) list.push(piece);
    else this.byType.set(type, [piece]);
  }

  /** Inline content; nested lists found inside go to `lists`. */
  inline(x: Y.XmlText, lists: Y.XmlText[]): void {
    if (!this.byType.has(x)) this.byType.set(x, []);
    let yIndex = 0;
    for (const op of x.toDelta() as DeltaOp[]) {
      const ins = op.insert;
      if (typeof ins === 'string') {
        this.push(x, yIndex, ins);
        yIndex += ins.length;
        continue;
      }
      if (ins instanceof Y.Map) {
        const t = ins.get('__type');
        if (t === 'linebreak') this.text += '\n';
        else if (t === 'tab') this.text += '\t';
      } else if (ins instanceof Y.XmlText) {
        if (typeName(ins) === 'list') lists.push(ins);
        else this.inline(ins, lists);
      }
      yIndex += 1;
    }
  }

  block(id: string, x: Y.XmlText): Y.XmlText[] {
    if (this.blocks.length > 0) this.text += '\n';
    const offset = this.text.length;
    const lists: Y.XmlText[] = [];
    this.inline(x, lists);
    this.blocks.push({ id, offset, text: this.text.slice(offset) });
    return lists;
  }

  list(prefix: string, list: Y.XmlText): void {
    let j = 0;
    for (const op of list.toDelta() as DeltaOp[]) {
      if (!(op.insert instanceof Y.XmlText) || typeName(op.insert) !== 'listitem') continue;
      const nested = this.block(`${prefix}.${j}`, op.insert);
      nested.forEach((sub, k) => this.list(`${prefix}.${j}.${k}`, sub));
      j++;
    }
  }
}

/** The body's plain text and where each character lives in Yjs. */
export function projectBody(doc: Y.Doc): Projection {
  const b = new Builder();
  const root = doc.get(BODY_ROOT, Y.XmlText);
  let i = 0;
  for (const op of root.toDelta() as DeltaOp[]) {
    const ins = op.insert;
    if (ins instanceof Y.XmlElement) {
      i++; // a horizontal rule: a block without text
      continue;
    }
    if (!(ins instanceof Y.XmlText)) continue;
    if (typeName(ins) === 'list') b.list(`block:${i}`, ins);
    else b.block(`block:${i}`, ins).forEach((sub, k) => b.list(`block:${i}.${k}`, sub));
    i++;
  }
  return { segment: 'body', text: b.text, blocks: b.blocks, pieces: b.pieces, byType: b.byType };
}

/** A text field (`field.headline`…) as a projection: one piece, one block. */
export function projectField(doc: Y.Doc, field: string): Projection {
  const type = doc.getText(`field.${field}`);
  const text = type.toString();
  const piece: Piece = { type, yIndex: 0, offset: 0, length: text.length };
  const segment = `field:${field}`;
  return {
    segment,
    text,
    blocks: [{ id: segment, offset: 0, text }],
    pieces: text.length ? [piece] : [],
    byType: new Map<Y.Text, Piece[]>([[type, text.length ? [piece] : []]]),
  };
}

/** The projection a segment id names ('body', 'field:headline'). */
export function project(doc: Y.Doc, segment: string): Projection | null {
  if (segment === 'body') return projectBody(doc);
  if (segment.startsWith('field:')) return projectField(doc, segment.slice(6));
  return null;
}

function pieceAt(p: Projection, offset: number): Piece | null {
  // Binary search: the last piece starting at or before `offset` that covers it.
  let lo = 0;
  let hi = p.pieces.length - 1;
  let found: Piece | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = p.pieces[mid]!;
    if (piece.offset <= offset) {
      found = piece;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset < found.offset + found.length ? found : null;
}

/**
 * A relative position before the character at `offset` (a range's start) or
 * after the character before `offset` (a range's end), so text typed at
 * either edge stays outside the range. Null when there is no character there
 * (a line break, an empty field).
 */
export function relativeAt(
  p: Projection,
  offset: number,
  edge: 'start' | 'end',
): Y.RelativePosition | null {
  if (edge === 'start') {
    const piece = pieceAt(p, offset);
    if (!piece) return null;
    return Y.createRelativePositionFromTypeIndex(
      piece.type,
      piece.yIndex + offset - piece.offset,
      0,
    );
  }
  const piece = pieceAt(p, offset - 1);
  if (!piece) return null;
  return Y.createRelativePositionFromTypeIndex(
    piece.type,
    piece.yIndex + offset - piece.offset,
    -1,
  );
}

/** The projection offset a relative position points at now; null when its text type is gone. */
export function resolveRelative(
  p: Projection,
  doc: Y.Doc,
  rel: Y.RelativePosition,
  edge: 'start' | 'end',
): number | null {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs) return null;
  if (!(abs.type instanceof Y.Text)) return null;
  const pieces = p.byType.get(abs.type);
  if (!pieces) return null; // the paragraph (or field) it was in was deleted
  const index = abs.index;
  if (pieces.length === 0) return null;
  if (edge === 'start') {
    for (const piece of pieces) {
      if (index < piece.yIndex + piece.length)
        return piece.offset + Math.max(0, index - piece.yIndex);
    }
    const last = pieces[pieces.length - 1]!;
    return last.offset + last.length;
  }
  for (let k = pieces.length - 1; k >= 0; k--) {
    const piece = pieces[k]!;
    if (index > piece.yIndex) return piece.offset + Math.min(piece.length, index - piece.yIndex);
  }
  return pieces[0]!.offset;
}

/** Which block an offset falls in, and the offset inside it. */
export function blockAt(
  p: Projection,
  offset: number,
): { block: ProjectedBlock; index: number; start: number } | null {
  for (let k = p.blocks.length - 1; k >= 0; k--) {
    const block = p.blocks[k]!;
    if (block.offset <= offset) return { block, index: k, start: offset - block.offset };
  }
  return null;
}
