// Comments and suggestions on text ranges, kept in the story's (or variant's)
// own Y.Doc under the `annotations` map, so they sync with the text, work
// offline and merge like the text does. Each annotation is a Y.Map (status
// and replacement last-writer-wins) with a Y.Array thread (concurrent replies
// all survive). Anchors are Yjs relative positions in the plain-text
// projection (./projection.ts) plus the quoted text, the same shape as the
// workflow's TextAnchor, so a send-back reason can carry them unchanged.
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { z } from 'zod';
import { newId } from '../domain/ids';
import { applyTextEdit } from '../body/story-doc';
import { parseMentions } from './mentions';
import { blockAt, project, relativeAt, resolveRelative, type Projection } from './projection';

export const ANNOTATIONS_MAP = 'annotations';

export const AuthorSchema = z.object({
  /** The server's user id when signed in; null for a local, signed-out author. */
  id: z.string().max(64).nullable(),
  name: z.string().min(1).max(100),
});
export type Author = z.infer<typeof AuthorSchema>;

export const MessageSchema = z.object({
  id: z.string().min(1).max(64),
  author: AuthorSchema,
  at: z.iso.datetime({ offset: true }),
  text: z.string().min(1).max(5000),
  /** Names (or ids) mentioned with @. */
  mentions: z.array(z.string().max(100)).max(50),
});
export type Message = z.infer<typeof MessageSchema>;

export const AnchorSchema = z.object({
  /** 'body' or 'field:<name>'. */
  segment: z.string().min(1).max(200),
  /** The text when the annotation was made. */
  quote: z.string().min(1).max(500),
  start: z.base64().max(200).optional(),
  end: z.base64().max(200).optional(),
});
export type Anchor = z.infer<typeof AnchorSchema>;

export type AnnotationKind = 'comment' | 'suggestion';
/** Comments are open or resolved; suggestions are open, accepted or rejected. */
export type AnnotationStatus = 'open' | 'resolved' | 'accepted' | 'rejected';

export interface Annotation {
  id: string;
  kind: AnnotationKind;
  anchor: Anchor;
  author: Author;
  createdAt: string;
  status: AnnotationStatus;
  statusBy: Author | null;
  statusAt: string | null;
  /** A suggestion's proposed replacement for the range ('' deletes it). */
  replacement: string | null;
  thread: Message[];
}

/** Where an annotation's range is now. */
export type Placement =
  | {
      state: 'anchored' | 'moved';
      start: number;
      end: number;
      /** The text in the range now (differs from the quote after edits inside it). */
      text: string;
      /** The block the range starts in, and offsets inside that block (for jumping in the editor). */
      block: string;
      blockIndex: number;
      blockStart: number;
      blockEnd: number;
    }
  | { state: 'orphaned' };

export interface PlacedAnnotation extends Annotation {
  placement: Placement;
}

export function annotationsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(ANNOTATIONS_MAP);
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function readAnnotation(id: string, m: Y.Map<unknown>): Annotation | null {
  const anchor = AnchorSchema.safeParse(m.get('anchor'));
  const author = AuthorSchema.safeParse(m.get('author'));
  const kind = m.get('kind');
  if (!anchor.success || !author.success || (kind !== 'comment' && kind !== 'suggestion'))
    return null;
  const status = m.get('status');
  const statusBy = AuthorSchema.safeParse(m.get('statusBy'));
  const thread = m.get('thread');
  const messages: Message[] = [];
  if (thread instanceof Y.Array)
    for (const raw of thread.toArray()) {
      const msg = MessageSchema.safeParse(raw);
      if (msg.success) messages.push(msg.data);
    }
  messages.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return {
    id,
    kind,
    anchor: anchor.data,
    author: author.data,
    createdAt: str(m.get('createdAt')) ?? '',
    status:
      status === 'resolved' || status === 'accepted' || status === 'rejected' ? status : 'open',
    statusBy: statusBy.success ? statusBy.data : null,
    statusAt: str(m.get('statusAt')),
    replacement: kind === 'suggestion' ? (str(m.get('replacement')) ?? '') : null,
    thread: messages,
  };
}

/** Every annotation in the document, unplaced, oldest first. */
export function readAnnotations(doc: Y.Doc): Annotation[] {
  const out: Annotation[] = [];
  annotationsMap(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const a = readAnnotation(id, m);
    if (a) out.push(a);
  });
  return out.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Makes the anchor for [start, end) of a segment's plain text; null when the range holds no text. */
export function makeAnchor(doc: Y.Doc, segment: string, start: number, end: number): Anchor | null {
  const p = project(doc, segment);
  if (!p || end <= start) return null;
  const quote = p.text.slice(start, end);
  if (!quote.trim()) return null;
  const s = relativeAt(p, start, 'start');
  const e = relativeAt(p, end, 'end');
  return {
    segment,
    quote: quote.slice(0, 500),
    ...(s ? { start: toBase64(Y.encodeRelativePosition(s)) } : {}),
    ...(e ? { end: toBase64(Y.encodeRelativePosition(e)) } : {}),
  };
}

/** How far from where the range collapsed a quote is looked for after a paragraph split or merge. */
const REFIND_WINDOW = 200;

function nearestOccurrence(text: string, quote: string, near: number): number {
  let best = -1;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best >= 0 && Math.abs(best - near) <= REFIND_WINDOW + quote.length ? best : -1;
}

function decode(b64: string | undefined): Y.RelativePosition | null {
  if (!b64) return null;
  try {
    return Y.decodeRelativePosition(fromBase64(b64));
  } catch {
    return null;
  }
}

function placed(p: Projection, state: 'anchored' | 'moved', start: number, end: number): Placement {
  const at = blockAt(p, start);
  const block = at?.block ?? { id: p.segment, offset: 0, text: p.text };
  return {
    state,
    start,
    end,
    text: p.text.slice(start, end),
    block: block.id,
    blockIndex: at?.index ?? 0,
    blockStart: start - block.offset,
    blockEnd: Math.min(end, block.offset + block.text.length) - block.offset,
  };
}

/**
 * Where an anchor is now. Its relative positions decide; when they collapsed
 * (Lexical moves text into a new paragraph on Enter, or merges two on
 * Backspace, as delete + insert) the quote is looked for close by. When the
 * text is gone the annotation is orphaned: kept and listed, never dropped.
 */
export function placeAnchor(
  doc: Y.Doc,
  anchor: Anchor,
  projections?: Map<string, Projection | null>,
): Placement {
  let p = projections?.get(anchor.segment);
  if (p === undefined) {
    p = project(doc, anchor.segment);
    projections?.set(anchor.segment, p);
  }
  if (!p) return { state: 'orphaned' };
  const rs = decode(anchor.start);
  const re = decode(anchor.end);
  const s = rs ? resolveRelative(p, doc, rs, 'start') : null;
  const e = re ? resolveRelative(p, doc, re, 'end') : null;
  if (s !== null && e !== null && e > s && p.text.slice(s, e).trim())
    return placed(p, 'anchored', s, e);
  const near = s ?? e;
  if (near === null) return { state: 'orphaned' };
  const found = nearestOccurrence(p.text, anchor.quote, near);
  if (found < 0) return { state: 'orphaned' };
  return placed(p, 'moved', found, found + anchor.quote.length);
}

/** Every annotation with where it sits now (projections computed once per segment). */
export function placeAnnotations(doc: Y.Doc): PlacedAnnotation[] {
  const cache = new Map<string, Projection | null>();
  return readAnnotations(doc).map((a) => ({ ...a, placement: placeAnchor(doc, a.anchor, cache) }));
}

export interface NewAnnotation {
  kind: AnnotationKind;
  anchor: Anchor;
  author: Author;
  at: string;
  /** The comment (or a suggestion's explanation, which may be empty). */
  text: string;
  replacement?: string;
  id?: string;
}

function message(author: Author, at: string, text: string): Message {
  return { id: newId(), author, at, text: text.slice(0, 5000), mentions: parseMentions(text) };
}

export function addAnnotation(doc: Y.Doc, input: NewAnnotation, origin?: unknown): string {
  const id = input.id ?? newId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('kind', input.kind);
    m.set('anchor', input.anchor);
    m.set('author', input.author);
    m.set('createdAt', input.at);
    m.set('status', 'open');
    if (input.kind === 'suggestion') m.set('replacement', input.replacement ?? '');
    const thread = new Y.Array<unknown>();
    if (input.text.trim()) thread.push([message(input.author, input.at, input.text.trim())]);
    m.set('thread', thread);
    annotationsMap(doc).set(id, m);
  }, origin);
  return id;
}

export function reply(
  doc: Y.Doc,
  id: string,
  author: Author,
  at: string,
  text: string,
  origin?: unknown,
): boolean {
  const m = annotationsMap(doc).get(id);
  const thread = m?.get('thread');
  if (!(thread instanceof Y.Array) || !text.trim()) return false;
  doc.transact(() => thread.push([message(author, at, text.trim())]), origin);
  return true;
}

function setStatus(
  doc: Y.Doc,
  id: string,
  status: AnnotationStatus,
  by: Author,
  at: string,
  origin?: unknown,
): boolean {
  const m = annotationsMap(doc).get(id);
  if (!m) return false;
  doc.transact(() => {
    m.set('status', status);
    m.set('statusBy', by);
    m.set('statusAt', at);
  }, origin);
  return true;
}

export function resolveComment(doc: Y.Doc, id: string, by: Author, at: string, origin?: unknown) {
  return setStatus(doc, id, 'resolved', by, at, origin);
}

export function reopen(doc: Y.Doc, id: string, by: Author, at: string, origin?: unknown) {
  return setStatus(doc, id, 'open', by, at, origin);
}

export function rejectSuggestion(doc: Y.Doc, id: string, by: Author, at: string, origin?: unknown) {
  return setStatus(doc, id, 'rejected', by, at, origin);
}

export function removeAnnotation(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => annotationsMap(doc).delete(id), origin);
}

export type AcceptResult =
  { ok: true } | { ok: false; reason: 'not_found' | 'orphaned' | 'closed' };

/**
 * Applies a suggestion: its range's characters are replaced in place. In the
 * body only characters are touched (never Lexical's node markers or
 * paragraphs), which is exactly what a collaborator typing there would do, so
 * an open editor follows. The replacement goes where the range starts.
 */
export function acceptSuggestion(
  doc: Y.Doc,
  id: string,
  by: Author,
  at: string,
  origin?: unknown,
): AcceptResult {
  const a = readAnnotations(doc).find((x) => x.id === id);
  if (!a || a.kind !== 'suggestion') return { ok: false, reason: 'not_found' };
  if (a.status !== 'open') return { ok: false, reason: 'closed' };
  const p = project(doc, a.anchor.segment);
  const place = placeAnchor(doc, a.anchor);
  if (!p || place.state === 'orphaned') return { ok: false, reason: 'orphaned' };
  const replacement = a.replacement ?? '';
  const field = a.anchor.segment.startsWith('field:');
  // In the body only characters are replaced, from the end so earlier indices stay valid.
  const touched = p.pieces.filter(
    (pc) => pc.offset < place.end && pc.offset + pc.length > place.start,
  );
  if (!field && touched.length === 0) return { ok: false, reason: 'orphaned' };
  doc.transact(() => {
    if (field) {
      const text = doc.getText(`field.${a.anchor.segment.slice(6)}`);
      const now = text.toString();
      applyTextEdit(text, now.slice(0, place.start) + replacement + now.slice(place.end));
    } else {
      for (let k = touched.length - 1; k >= 0; k--) {
        const pc = touched[k]!;
        const from = Math.max(place.start, pc.offset);
        const to = Math.min(place.end, pc.offset + pc.length);
        pc.type.delete(pc.yIndex + from - pc.offset, to - from);
        if (k === 0 && replacement) pc.type.insert(pc.yIndex + from - pc.offset, replacement);
      }
    }
    setStatus(doc, id, 'accepted', by, at);
  }, origin);
  return { ok: true };
}
