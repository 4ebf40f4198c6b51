// One channel's version of a story as a Yjs document, laid out like the
// master's: a `fields` map whose text fields are Y.Text (edited character by
// character), the rich body as Lexical's XmlText at `root` (so the same
// editor binds to it), cards (Douyin's script) as a Y.Array of Y.Maps with a
// Y.Text `text`, and every other field as a plain value. Which field is which
// is the channel's `docLayout`.
import * as Y from 'yjs';
import { applyTextEdit, fieldsMap } from '../body/story-doc';
import { readBodyBlocks } from '../body/lexical-yjs-read';
import { normalizeRuns, type Block } from '../body/blocks';
import { patchBody, replaceBody } from '../editor/headless-body';
import type { VariantDocLayout } from '../channels/types';
import { canonicalJson } from '../hashing/canonical-json';

type Plain = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The Y.Text behind a variant's text field, created when missing. */
export function variantText(doc: Y.Doc, field: string): Y.Text {
  const map = fieldsMap(doc);
  const existing = map.get(field);
  if (existing instanceof Y.Text) return existing;
  const text = new Y.Text(typeof existing === 'string' ? existing : '');
  doc.transact(() => map.set(field, text));
  return text;
}

/** The Y.Array behind a card field (e.g. Douyin's script), created when missing. */
export function variantCards(doc: Y.Doc, field: string): Y.Array<Y.Map<unknown>> {
  const map = fieldsMap(doc);
  const existing = map.get(field);
  if (existing instanceof Y.Array) return existing as Y.Array<Y.Map<unknown>>;
  const arr = new Y.Array<Y.Map<unknown>>();
  doc.transact(() => map.set(field, arr));
  return arr;
}

function cardMap(card: Plain): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(card))
    if (v !== undefined) m.set(k, k === 'text' ? new Y.Text(String(v)) : v);
  return m;
}

export function readCard(m: Y.Map<unknown>): Plain {
  const out: Plain = {};
  for (const [k, v] of m.entries()) out[k] = v instanceof Y.Text ? v.toString() : v;
  return out;
}

function readValue(v: unknown): unknown {
  if (v instanceof Y.Text) return v.toString();
  if (v instanceof Y.Array) return (v.toArray() as unknown[]).map(readValue);
  if (v instanceof Y.Map) return readCard(v as Y.Map<unknown>);
  return v;
}

/**
 * The variant as plain data (before the channel's schema checks it). Fields
 * the document does not hold are left out; the schema reports them.
 */
export function readVariantDoc(doc: Y.Doc, layout: VariantDocLayout): Plain {
  const map = fieldsMap(doc);
  const out: Plain = {};
  for (const [k, v] of map.entries()) out[k] = readValue(v);
  if (layout.body) out[layout.body] = readBodyBlocks(doc);
  return out;
}

/** Writes a whole variant into a fresh document (the first derivation). */
export function writeInitialVariant(doc: Y.Doc, layout: VariantDocLayout, variant: Plain): void {
  const map = fieldsMap(doc);
  doc.transact(() => {
    for (const [k, v] of Object.entries(variant)) {
      if (k === layout.body || v === undefined) continue;
      if (layout.text.includes(k)) map.set(k, new Y.Text(typeof v === 'string' ? v : ''));
      else if (layout.cards?.includes(k) && Array.isArray(v)) {
        const arr = new Y.Array<Y.Map<unknown>>();
        arr.push(v.filter(isPlainObject).map(cardMap));
        map.set(k, arr);
      } else map.set(k, v);
    }
  });
  if (layout.body) replaceBody(doc, (variant[layout.body] as Block[] | undefined) ?? []);
}

/** The first state of a variant document as one update, built in a scratch document. */
export function initialVariantUpdate(layout: VariantDocLayout, variant: Plain): Uint8Array {
  const doc = new Y.Doc();
  writeInitialVariant(doc, layout, variant);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function patchCards(arr: Y.Array<Y.Map<unknown>>, cards: Plain[]): void {
  const n = Math.min(arr.length, cards.length);
  for (let i = 0; i < n; i++) {
    const m = arr.get(i);
    const card = cards[i]!;
    for (const [k, v] of Object.entries(card)) {
      if (v === undefined) continue;
      const cur = m.get(k);
      if (k === 'text' && cur instanceof Y.Text) applyTextEdit(cur, String(v));
      else if (k === 'text') m.set(k, new Y.Text(String(v)));
      else if (!same(cur, v)) m.set(k, v);
    }
    for (const k of [...m.keys()]) if (!(k in card)) m.delete(k);
  }
  if (arr.length > cards.length) arr.delete(n, arr.length - n);
  if (cards.length > n) arr.push(cards.slice(n).map(cardMap));
}

/**
 * Changes the document into `variant` with the smallest edits: text fields by
 * their changed span, the body block by block, cards one by one, values only
 * where they differ. Fields of `variant` that are undefined are left alone,
 * so a caller can write one field. Returns the Yjs update, or null when the
 * document already held this content.
 */
export function patchVariantDoc(
  doc: Y.Doc,
  layout: VariantDocLayout,
  variant: Plain,
  origin?: unknown,
): Uint8Array | null {
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  doc.on('update', collect);
  try {
    const map = fieldsMap(doc);
    doc.transact(() => {
      for (const [k, v] of Object.entries(variant)) {
        if (k === layout.body || v === undefined) continue;
        if (layout.text.includes(k)) {
          const cur = map.get(k);
          const next = typeof v === 'string' ? v : '';
          if (cur instanceof Y.Text) applyTextEdit(cur, next);
          else map.set(k, new Y.Text(next));
        } else if (layout.cards?.includes(k) && Array.isArray(v)) {
          const cur = map.get(k);
          const cards = v.filter(isPlainObject);
          if (cur instanceof Y.Array) patchCards(cur as Y.Array<Y.Map<unknown>>, cards);
          else {
            const arr = new Y.Array<Y.Map<unknown>>();
            arr.push(cards.map(cardMap));
            map.set(k, arr);
          }
        } else if (!same(map.get(k), v)) map.set(k, v);
      }
    }, origin);
    const body = layout.body ? variant[layout.body] : undefined;
    if (Array.isArray(body)) patchBody(doc, body as Block[], origin);
  } finally {
    doc.off('update', collect);
  }
  if (updates.length === 0) return null;
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

/**
 * The variant in a form where content that reads the same compares equal:
 * runs merged, an empty body equal to one empty paragraph (what an editor
 * needs to hold a caret).
 */
export function comparableVariant(v: Plain, layout: VariantDocLayout): Plain {
  if (!layout.body || !Array.isArray(v[layout.body])) return v;
  const body = (v[layout.body] as Block[]).map(normalizeBlock);
  const empty =
    body.length === 0 ||
    (body.length === 1 && body[0]!.type === 'paragraph' && body[0]!.runs.length === 0);
  return { ...v, [layout.body]: empty ? [] : body };
}

function normalizeBlock(b: Block): Block {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
      return { ...b, runs: normalizeRuns(b.runs) };
    default:
      return b;
  }
}

/** Whether two variants read the same (field order and run splits aside). */
export function sameVariantContent(a: Plain, b: Plain, layout: VariantDocLayout): boolean {
  const x = comparableVariant(a, layout);
  const y = comparableVariant(b, layout);
  return canonicalJson(x) === canonicalJson(y);
}
