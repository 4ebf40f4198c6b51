// The photos of a story, in the story's own Yjs document so they sync and
// merge like the text: a top-level Y.Array `images` of Y.Maps, one per photo.
// Caption, credit and origin are Y.Texts (typed into character by character,
// merged like any field); the facts the host read from the bytes (size,
// type, EXIF) are plain values written once when the photo is added. The
// order is a `pos` number in each entry, so a move is one small map write
// and two people moving photos at once never duplicate or lose one.
import * as Y from 'yjs';
import type { Exif } from '../authenticity/model';
import type { ImageRef } from '../domain/master-story';

export const IMAGES_ARRAY = 'images';
export const SYNTHETIC_KINDS = ['ai_generated', 'illustration'] as const satisfies ReadonlyArray<
  NonNullable<ImageRef['synthetic']>
>;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];
export const IMAGE_TEXT_FIELDS = ['caption', 'credit', 'origin'] as const;
export type ImageTextField = (typeof IMAGE_TEXT_FIELDS)[number];

/** One photo as the panel and derivation read it. */
export interface StoryImage extends ImageRef {
  /** AI-generated or an illustration; null for a photograph. */
  synthetic: SyntheticKind | null;
  /** Where the photo comes from (agency, reader, handout…), free text. */
  origin: string;
  exif: Exif;
}

export function imagesArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(IMAGES_ARRAY);
}

function entries(doc: Y.Doc): Array<Y.Map<unknown>> {
  return imagesArray(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map);
}

const num = (v: unknown, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const text = (v: unknown) => (v instanceof Y.Text ? v.toString() : str(v));

function readExif(v: unknown): Exif {
  const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const s = (x: unknown) => (typeof x === 'string' && x ? x : null);
  return {
    capturedAt: s(o.capturedAt),
    latitude: n(o.latitude),
    longitude: n(o.longitude),
    camera: s(o.camera),
  };
}

function readEntry(m: Y.Map<unknown>): StoryImage | null {
  const id = str(m.get('id'));
  const width = num(m.get('width'));
  const height = num(m.get('height'));
  if (!/^[0-9a-f]{64}$/.test(id) || width <= 0 || height <= 0) return null;
  const kind = m.get('synthetic');
  const synthetic = SYNTHETIC_KINDS.includes(kind as SyntheticKind)
    ? (kind as SyntheticKind)
    : null;
  const fileName = str(m.get('fileName'));
  return {
    id,
    caption: text(m.get('caption')),
    credit: text(m.get('credit')),
    origin: text(m.get('origin')),
    width: Math.round(width),
    height: Math.round(height),
    mime: str(m.get('mime')),
    bytes: Math.max(0, Math.round(num(m.get('bytes')))),
    aiGenerated: synthetic !== null,
    synthetic,
    ...(fileName ? { fileName } : {}),
    exif: readExif(m.get('exif')),
  };
}

/** The story's photos in order; a photo added twice (two replicas at once) shows once. */
export function readImages(doc: Y.Doc): StoryImage[] {
  const seen = new Set<string>();
  const out: Array<{ pos: number; image: StoryImage }> = [];
  entries(doc).forEach((m, k) => {
    const image = readEntry(m);
    if (!image || seen.has(image.id)) return;
    seen.add(image.id);
    out.push({ pos: num(m.get('pos'), k), image });
  });
  return out.sort((a, b) => a.pos - b.pos).map((x) => x.image);
}

function ordered(doc: Y.Doc): Array<Y.Map<unknown>> {
  const seen = new Set<string>();
  return entries(doc)
    .map((m, k) => ({ m, pos: num(m.get('pos'), k), id: str(m.get('id')) }))
    .filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)))
    .sort((a, b) => a.pos - b.pos)
    .map((x) => x.m);
}

function entry(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return ordered(doc).find((m) => m.get('id') === id) ?? null;
}

/** Adds a photo at the end (or does nothing when the story has it already). */
export function addImage(
  doc: Y.Doc,
  image: Pick<ImageRef, 'id' | 'width' | 'height' | 'mime' | 'bytes' | 'fileName'> & {
    caption?: string;
    credit?: string;
    exif: Exif;
  },
  origin?: unknown,
): boolean {
  if (entry(doc, image.id)) return false;
  const last = ordered(doc).at(-1);
  const m = new Y.Map<unknown>();
  m.set('id', image.id);
  m.set('pos', last ? num(last.get('pos')) + 1 : 0);
  m.set('width', image.width);
  m.set('height', image.height);
  m.set('mime', image.mime);
  m.set('bytes', image.bytes);
  if (image.fileName) m.set('fileName', image.fileName);
  m.set('exif', { ...image.exif });
  m.set('synthetic', null);
  m.set('caption', new Y.Text(image.caption ?? ''));
  m.set('credit', new Y.Text(image.credit ?? ''));
  m.set('origin', new Y.Text(''));
  doc.transact(() => imagesArray(doc).push([m]), origin);
  return true;
}

/** The Y.Text behind a photo's caption, credit or origin (null when the photo is gone). */
export function imageText(doc: Y.Doc, id: string, field: ImageTextField): Y.Text | null {
  const m = entry(doc, id);
  if (!m) return null;
  const t = m.get(field);
  if (t instanceof Y.Text) return t;
  const fresh = new Y.Text(str(t));
  doc.transact(() => m.set(field, fresh));
  return fresh;
}

export function setSynthetic(
  doc: Y.Doc,
  id: string,
  kind: SyntheticKind | null,
  origin?: unknown,
): void {
  const m = entry(doc, id);
  if (m && m.get('synthetic') !== kind) doc.transact(() => m.set('synthetic', kind), origin);
}

/** Moves a photo one place up (-1) or down (+1). */
export function moveImage(doc: Y.Doc, id: string, delta: -1 | 1, origin?: unknown): void {
  const list = ordered(doc);
  const i = list.findIndex((m) => m.get('id') === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= list.length) return;
  // Between the neighbours on the far side: a fresh position, never a tie.
  const before = delta < 0 ? list[j - 1] : list[j];
  const after = delta < 0 ? list[j] : list[j + 1];
  const lo = before ? num(before.get('pos'), j - 1) : num(after!.get('pos')) - 2;
  const hi = after ? num(after.get('pos'), j + 1) : lo + 2;
  doc.transact(() => list[i]!.set('pos', (lo + hi) / 2), origin);
}

export function removeImage(doc: Y.Doc, id: string, origin?: unknown): void {
  const arr = imagesArray(doc);
  doc.transact(() => {
    for (let k = arr.length - 1; k >= 0; k--) {
      const m = arr.get(k);
      if (m instanceof Y.Map && m.get('id') === id) arr.delete(k, 1);
    }
  }, origin);
}

/** A photo as derivation reads it (what the panel shows beyond that stays out of the master's hash). */
export function imageRef(image: StoryImage): ImageRef {
  const { exif: _exif, origin: _origin, ...ref } = image;
  return ref;
}
