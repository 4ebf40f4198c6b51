// Layout of a story's Yjs document: one top-level Y.Text per text field
// (`field.headline`…), a `fields` map for the plain values (section,
// priority, keywords, embargo: last writer wins), and Lexical's `root` body.
// One document per story, so titles and body sync and merge together.
//
// Text fields are top-level types on purpose: every replica reaches the same
// shared text by name, so two people who start typing into a field at the
// same moment (or a desk that opens a story before its text has arrived)
// merge instead of one Y.Text replacing the other in a map.
import type * as Y from 'yjs';
import {
  EMPTY_FIELDS,
  KeywordsSchema,
  PrioritySchema,
  TEXT_FIELDS,
  type StoryFields,
  type TextField,
} from '../domain/story';
import { readBodyBlocks } from './lexical-yjs-read';
import type { Block } from './blocks';
import { CHANNEL_IDS, type ChannelId } from '../domain/channel-ids';

export const FIELDS_MAP = 'fields';

export type DocKind = 'story' | 'variant';
const UUID7 = '[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const STORY_DOC_RE = new RegExp(`^story:(${UUID7})$`);
const VARIANT_DOC_RE = new RegExp(`^variant:(${UUID7}):(${CHANNEL_IDS.join('|')})$`);

/** What a document id names: the master story, or one channel's version of it. */
export type ParsedDocId =
  { kind: 'story'; storyId: string } | { kind: 'variant'; storyId: string; channel: ChannelId };

export function storyDocId(storyId: string): string {
  return `story:${storyId}`;
}

/** One channel's version of a story lives in its own document (shared/variants/variant-doc.ts). */
export function variantDocId(storyId: string, channel: ChannelId): string {
  return `variant:${storyId}:${channel}`;
}

/** The story (and channel) a document id names, or null when the id is not one of ours. */
export function parseDocId(docId: string): ParsedDocId | null {
  const story = STORY_DOC_RE.exec(docId);
  if (story) return { kind: 'story', storyId: story[1]! };
  const variant = VARIANT_DOC_RE.exec(docId);
  if (variant) return { kind: 'variant', storyId: variant[1]!, channel: variant[2] as ChannelId };
  return null;
}

export function fieldsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(FIELDS_MAP);
}

/** The Y.Text behind a text field; the same shared text on every replica. */
export function fieldText(doc: Y.Doc, field: TextField): Y.Text {
  return doc.getText(`field.${field}`);
}

/** Writes every field into a fresh document; used once, when the story is made. */
export function writeInitialFields(doc: Y.Doc, fields: StoryFields): void {
  const map = fieldsMap(doc);
  doc.transact(() => {
    for (const f of TEXT_FIELDS) if (fields[f]) fieldText(doc, f).insert(0, fields[f]);
    map.set('section', fields.section);
    map.set('keywords', fields.keywords);
    map.set('priority', fields.priority);
    map.set('embargo', fields.embargo);
  });
}

/** Calls `onChange` after any change to the fields `readFields` reads; returns the unsubscribe. */
export function observeFields(doc: Y.Doc, onChange: () => void): () => void {
  const map = fieldsMap(doc);
  const texts = TEXT_FIELDS.map((f) => fieldText(doc, f));
  map.observe(onChange);
  for (const t of texts) t.observe(onChange);
  return () => {
    map.unobserve(onChange);
    for (const t of texts) t.unobserve(onChange);
  };
}

export function readFields(doc: Y.Doc): StoryFields {
  const map = fieldsMap(doc);
  const out: StoryFields = { ...EMPTY_FIELDS, keywords: [] };
  for (const f of TEXT_FIELDS) out[f] = fieldText(doc, f).toString();
  const section = map.get('section');
  out.section = typeof section === 'string' && section.trim() ? section : null;
  const keywords = KeywordsSchema.safeParse(map.get('keywords'));
  out.keywords = keywords.success ? keywords.data : [];
  const priority = PrioritySchema.safeParse(map.get('priority'));
  out.priority = priority.success ? priority.data : 'normal';
  const embargo = map.get('embargo');
  out.embargo = typeof embargo === 'string' && !Number.isNaN(Date.parse(embargo)) ? embargo : null;
  return out;
}

export interface StoryContent {
  fields: StoryFields;
  body: Block[];
}

export function readStoryDoc(doc: Y.Doc): StoryContent {
  return { fields: readFields(doc), body: readBodyBlocks(doc) };
}

/**
 * Replaces a Y.Text's content with `next` by the smallest single edit
 * (common prefix and suffix kept), so concurrent edits elsewhere in the
 * field survive and the update stays a few bytes.
 */
export function applyTextEdit(text: Y.Text, next: string, origin?: unknown): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const max = Math.min(prev.length, next.length);
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--;
    endNext--;
  }
  // Never split a surrogate pair: widen the edit to whole code points.
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  const doc = text.doc;
  const edit = () => {
    if (endPrev > start) text.delete(start, endPrev - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  };
  if (doc) doc.transact(edit, origin);
  else edit();
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
