// What a sign-off approves: exactly the content one channel version will
// publish (title fields, body, images with captions and crops), reduced to
// one canonical form and hashed. Any visible edit changes the hash, so a
// sign-off on the old hash is stale; an edit that changes nothing readers
// see (a run split in two by the editor) does not.
import { z } from 'zod';
import { BodySchema, runsText, type Block, type Body, type Run } from '../body/blocks';
import { canonicalJson } from '../hashing/canonical-json';
import { sha256Hex, Sha256HexSchema } from '../hashing/sha256';
import { ChannelIdSchema } from './desks';

export const CONTENT_FORMAT = 'rongmei/content/v1';

/** A crop as fractions of the original image, (0,0) top-left: resolution-independent and exact. */
export const CropSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().gt(0).max(1),
  height: z.number().gt(0).max(1),
});
export type Crop = z.infer<typeof CropSchema>;

export const PublishableImageSchema = z.object({
  /** The asset's id (assets are stored by SHA-256 of their bytes). */
  assetId: z.string().min(1).max(128),
  caption: z.string().max(2000),
  credit: z.string().max(200),
  crop: CropSchema.nullable(),
});
export type PublishableImage = z.infer<typeof PublishableImageSchema>;

export const PublishableContentSchema = z.object({
  storyId: z.string().min(1).max(64),
  channel: ChannelIdSchema,
  /**
   * Every text field this channel publishes (headline, kicker, digest,
   * author, topics…), by the channel's own field names. Empty fields are
   * left out of the hash: a channel gaining a new, empty field does not
   * invalidate every sign-off in the building.
   */
  fields: z.record(z.string().min(1).max(40), z.string().max(20_000)),
  body: BodySchema,
  /** In the order they appear (cover first). */
  images: z.array(PublishableImageSchema).max(200),
});
export type PublishableContent = z.infer<typeof PublishableContentSchema>;

export const ContentHashSchema = Sha256HexSchema;
export type ContentHash = z.infer<typeof ContentHashSchema>;

type CanonRun = { t: string; b?: true; i?: true; u?: true; s?: true; c?: true; h?: string };
type CanonItem = { r: CanonRun[]; l?: CanonList[] };
type CanonList = { k: 'list'; o: boolean; i: CanonItem[] };
type CanonBlock =
  | { k: 'p'; r: CanonRun[] }
  | { k: 'h'; n: number; r: CanonRun[] }
  | { k: 'q'; r: CanonRun[] }
  | CanonList
  | { k: 'hr' };

/** Runs as a reader sees them: neighbouring runs with the same marks merged, empty runs gone, false marks dropped. */
function canonRuns(runs: readonly Run[]): CanonRun[] {
  const out: CanonRun[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const c: CanonRun = { t: r.text };
    if (r.bold) c.b = true;
    if (r.italic) c.i = true;
    if (r.underline) c.u = true;
    if (r.strike) c.s = true;
    if (r.code) c.c = true;
    if (r.href !== undefined) c.h = r.href;
    const prev = out[out.length - 1];
    if (prev && sameMarks(prev, c)) prev.t += c.t;
    else out.push(c);
  }
  return out;
}

function sameMarks(a: CanonRun, b: CanonRun): boolean {
  return a.b === b.b && a.i === b.i && a.u === b.u && a.s === b.s && a.c === b.c && a.h === b.h;
}

function canonList(list: Extract<Block, { type: 'list' }>): CanonList {
  return {
    k: 'list',
    o: list.ordered,
    i: list.items.map((item) => {
      const c: CanonItem = { r: canonRuns(item.runs) };
      if (item.lists && item.lists.length > 0) c.l = item.lists.map(canonList);
      return c;
    }),
  };
}

function canonBlock(block: Block): CanonBlock {
  switch (block.type) {
    case 'paragraph':
      return { k: 'p', r: canonRuns(block.runs) };
    case 'heading':
      return { k: 'h', n: block.level, r: canonRuns(block.runs) };
    case 'quote':
      return { k: 'q', r: canonRuns(block.runs) };
    case 'list':
      return canonList(block);
    case 'hr':
      return { k: 'hr' };
  }
}

/**
 * The canonical form, as the JCS text that is hashed. Exposed so the audit
 * trail can store what was approved and anyone can recompute the hash.
 */
export function canonicalContent(content: PublishableContent): string {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(content.fields)) if (v !== '') fields[k] = v;
  return canonicalJson({
    format: CONTENT_FORMAT,
    story: content.storyId,
    channel: content.channel,
    fields,
    body: content.body.map(canonBlock),
    images: content.images.map((img) => ({
      asset: img.assetId,
      caption: img.caption,
      credit: img.credit,
      crop: img.crop ? [img.crop.x, img.crop.y, img.crop.width, img.crop.height] : null,
    })),
  });
}

/** SHA-256 (hex) of the canonical form. Synchronous and pure: the same in every process. */
export function contentHash(content: PublishableContent): ContentHash {
  return sha256Hex(canonicalContent(content));
}

// ---- What changed between two versions (for corrections and the audit report) ----

export const ContentChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('field'),
    field: z.string(),
    before: z.string(),
    after: z.string(),
  }),
  z.object({
    kind: z.literal('paragraph'),
    op: z.enum(['added', 'removed', 'changed']),
    /** Paragraph number in the version it exists in (1-based), the new one for added/changed. */
    index: z.number().int().min(1),
    before: z.string().optional(),
    after: z.string().optional(),
  }),
  z.object({
    kind: z.literal('image'),
    op: z.enum(['added', 'removed', 'changed']),
    assetId: z.string(),
    before: z.string().optional(),
    after: z.string().optional(),
  }),
]);
export type ContentChange = z.infer<typeof ContentChangeSchema>;

function blockTexts(body: Body): string[] {
  const out: string[] = [];
  const list = (l: Extract<Block, { type: 'list' }>) => {
    for (const item of l.items) {
      out.push(runsText(item.runs));
      for (const sub of item.lists ?? []) list(sub);
    }
  };
  for (const b of body) {
    if (b.type === 'hr') out.push('———');
    else if (b.type === 'list') list(b);
    else out.push(runsText(b.runs));
  }
  return out;
}

/** Line-level LCS diff; stories are at most a few hundred paragraphs, so O(n·m) is fine. */
function diffLines(a: string[], b: string[]): ContentChange[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const raw: { op: 'added' | 'removed'; i: number; j: number; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) {
      raw.push({ op: 'added', i, j, text: b[j]! });
      j++;
    } else {
      raw.push({ op: 'removed', i, j, text: a[i]! });
      i++;
    }
  }
  // A run of removals followed by a run of additions at the same place reads as
  // paragraphs rewritten: pair them one to one as "changed".
  const out: ContentChange[] = [];
  let k = 0;
  while (k < raw.length) {
    const removed: typeof raw = [];
    const added: typeof raw = [];
    while (k < raw.length && raw[k]!.op === 'removed') removed.push(raw[k++]!);
    while (k < raw.length && raw[k]!.op === 'added') added.push(raw[k++]!);
    const pairs = Math.min(removed.length, added.length);
    for (let p = 0; p < pairs; p++)
      out.push({
        kind: 'paragraph',
        op: 'changed',
        index: added[p]!.j + 1,
        before: removed[p]!.text,
        after: added[p]!.text,
      });
    for (const r of removed.slice(pairs))
      out.push({ kind: 'paragraph', op: 'removed', index: r.i + 1, before: r.text });
    for (const r of added.slice(pairs))
      out.push({ kind: 'paragraph', op: 'added', index: r.j + 1, after: r.text });
  }
  return out;
}

/** What a reader would notice between two versions of one channel's content. */
export function describeChanges(
  before: PublishableContent,
  after: PublishableContent,
): ContentChange[] {
  const out: ContentChange[] = [];
  const names = [...new Set([...Object.keys(before.fields), ...Object.keys(after.fields)])].sort();
  for (const f of names) {
    const b = before.fields[f] ?? '';
    const a = after.fields[f] ?? '';
    if (a !== b) out.push({ kind: 'field', field: f, before: b, after: a });
  }
  out.push(...diffLines(blockTexts(before.body), blockTexts(after.body)));
  const beforeImages = new Map(before.images.map((i) => [i.assetId, i]));
  const afterImages = new Map(after.images.map((i) => [i.assetId, i]));
  for (const [id, img] of beforeImages)
    if (!afterImages.has(id))
      out.push({ kind: 'image', op: 'removed', assetId: id, before: img.caption });
  for (const [id, img] of afterImages) {
    const old = beforeImages.get(id);
    if (!old) out.push({ kind: 'image', op: 'added', assetId: id, after: img.caption });
    else if (canonicalJson(old) !== canonicalJson(img))
      out.push({
        kind: 'image',
        op: 'changed',
        assetId: id,
        before: old.caption,
        after: img.caption,
      });
  }
  return out;
}
