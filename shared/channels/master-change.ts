// "原稿已更新": what changed in the master since a variant was derived, and
// pulling that change into the variant. The pull is a three-way merge per
// field: base = derive(master then), theirs = derive(master now), ours = the
// variant as the desk edited it. Where the desk did not touch a field the
// master's version is taken; where both changed it, the master's edits are
// applied hunk by hunk where they do not touch the desk's, and everything
// else is reported as a conflict. An edited variant is never overwritten.
import { diffArrays, diffChars } from 'diff';
import { normalizeRuns, type Block, type Run } from '../body/blocks';
import type { MasterStory } from '../domain/master-story';
import { blockText } from './common/text';
import type { ChannelContext, ChannelModule } from './types';

export interface TextPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** A character-level diff, readable in a preview (deleted struck through, inserted marked). */
export function diffText(before: string, after: string): TextPart[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  return diffChars(before, after).map((c) => ({
    op: c.added ? 'insert' : c.removed ? 'delete' : 'equal',
    text: c.value,
  }));
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
  parts: TextPart[];
}

export interface ParagraphChange {
  kind: 'added' | 'removed' | 'changed';
  /** Index in the old / new body (null when absent on that side). */
  beforeIndex: number | null;
  afterIndex: number | null;
  before: string;
  after: string;
  parts: TextPart[];
}

export interface MasterChange {
  changed: boolean;
  fields: FieldChange[];
  paragraphs: ParagraphChange[];
  images: { added: string[]; removed: string[]; changed: string[] };
}

function fieldText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

const blockKey = (b: Block) => JSON.stringify(b);

/** What changed in the master between two revisions, per field and per paragraph. */
export function diffMaster(before: MasterStory, after: MasterStory): MasterChange {
  const fields: FieldChange[] = [];
  for (const key of Object.keys(after.fields) as Array<keyof MasterStory['fields']>) {
    const a = fieldText(before.fields[key]);
    const b = fieldText(after.fields[key]);
    if (a !== b) fields.push({ field: key, before: a, after: b, parts: diffText(a, b) });
  }
  const paragraphs: ParagraphChange[] = [];
  const changes = diffArrays(before.body.map(blockKey), after.body.map(blockKey));
  let i = 0;
  let j = 0;
  for (let k = 0; k < changes.length; k++) {
    const c = changes[k]!;
    const n = c.value.length;
    if (!c.added && !c.removed) {
      i += n;
      j += n;
      continue;
    }
    const next = changes[k + 1];
    if (c.removed && next?.added) {
      // A removed run followed by an added one: pair them up as edits.
      const m = next.value.length;
      for (let x = 0; x < Math.max(n, m); x++) {
        const bi = x < n ? i + x : null;
        const ai = x < m ? j + x : null;
        const bt = bi === null ? '' : blockText(before.body[bi]!);
        const at = ai === null ? '' : blockText(after.body[ai]!);
        paragraphs.push({
          kind: bi === null ? 'added' : ai === null ? 'removed' : 'changed',
          beforeIndex: bi,
          afterIndex: ai,
          before: bt,
          after: at,
          parts: diffText(bt, at),
        });
      }
      i += n;
      j += m;
      k++;
      continue;
    }
    for (let x = 0; x < n; x++) {
      if (c.removed) {
        const t = blockText(before.body[i + x]!);
        paragraphs.push({
          kind: 'removed',
          beforeIndex: i + x,
          afterIndex: null,
          before: t,
          after: '',
          parts: diffText(t, ''),
        });
      } else {
        const t = blockText(after.body[j + x]!);
        paragraphs.push({
          kind: 'added',
          beforeIndex: null,
          afterIndex: j + x,
          before: '',
          after: t,
          parts: diffText('', t),
        });
      }
    }
    if (c.removed) i += n;
    else j += n;
  }
  const ids = (m: MasterStory) =>
    new Map((m.images ?? []).map((img) => [img.id, JSON.stringify(img)]));
  const bi = ids(before);
  const ai = ids(after);
  const images = {
    added: [...ai.keys()].filter((id) => !bi.has(id)),
    removed: [...bi.keys()].filter((id) => !ai.has(id)),
    changed: [...ai.keys()].filter((id) => bi.has(id) && bi.get(id) !== ai.get(id)),
  };
  return {
    changed:
      fields.length > 0 ||
      paragraphs.length > 0 ||
      images.added.length + images.removed.length + images.changed.length > 0,
    fields,
    paragraphs,
    images,
  };
}

// ---- three-way text merge -------------------------------------------------

/** Replace base[start, end) with text. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

function editsOf(base: string, other: string): Edit[] {
  const out: Edit[] = [];
  let pos = 0;
  for (const c of diffChars(base, other)) {
    if (c.added) {
      const last = out[out.length - 1];
      if (last && last.end === pos) last.text += c.value;
      else out.push({ start: pos, end: pos, text: c.value });
    } else if (c.removed) {
      const last = out[out.length - 1];
      if (last && last.end === pos) last.end += c.value.length;
      else out.push({ start: pos, end: pos + c.value.length, text: '' });
      pos += c.value.length;
    } else pos += c.value.length;
  }
  return out;
}

// Edits that touch (overlap or abut) are treated as conflicting: diff3's rule, and the safe one.
const touches = (a: Edit, b: Edit) => a.start <= b.end && b.start <= a.end;
const sameEdit = (a: Edit, b: Edit) => a.start === b.start && a.end === b.end && a.text === b.text;

export interface TextConflict {
  /** Range in the base text both sides changed. */
  start: number;
  end: number;
  base: string;
  ours: string;
  theirs: string;
}

export interface TextMerge {
  /** ours with every master edit that applied cleanly. */
  text: string;
  /** Master edits applied, in ours' coordinates after merging (for highlighting). */
  applied: Array<{ start: number; end: number }>;
  conflicts: TextConflict[];
}

function applyEdits(base: string, edits: Edit[]): string {
  let out = '';
  let pos = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += base.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + base.slice(pos);
}

/**
 * Three-way merge of one text: the master's change (base → theirs) applied onto
 * the desk's version (ours) where it does not touch the desk's own edits.
 */
export function merge3Text(base: string, ours: string, theirs: string): TextMerge {
  if (ours === base)
    return {
      text: theirs,
      applied: theirs === base ? [] : [{ start: 0, end: theirs.length }],
      conflicts: [],
    };
  if (theirs === base || theirs === ours) return { text: ours, applied: [], conflicts: [] };
  const mine = editsOf(base, ours);
  const master = editsOf(base, theirs);
  const accepted: Edit[] = [];
  const conflicts: TextConflict[] = [];
  for (const e of master) {
    const clash = mine.filter((m) => touches(m, e) && !sameEdit(m, e));
    if (mine.some((m) => sameEdit(m, e))) continue;
    if (clash.length === 0) {
      accepted.push(e);
      continue;
    }
    const start = Math.min(e.start, ...clash.map((m) => m.start));
    const end = Math.max(e.end, ...clash.map((m) => m.end));
    conflicts.push({
      start,
      end,
      base: base.slice(start, end),
      ours: applyEdits(
        base.slice(start, end),
        clash.map((m) => ({ ...m, start: m.start - start, end: m.end - start })),
      ),
      theirs: applyEdits(base.slice(start, end), [
        { ...e, start: e.start - start, end: e.end - start },
      ]),
    });
  }
  const all = [...mine, ...accepted].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  const applied: Array<{ start: number; end: number }> = [];
  for (const e of all) {
    out += base.slice(pos, e.start);
    if (accepted.includes(e)) applied.push({ start: out.length, end: out.length + e.text.length });
    out += e.text;
    pos = e.end;
  }
  out += base.slice(pos);
  return { text: out, applied, conflicts };
}

// ---- body merge -------------------------------------------------------------

interface Hunk {
  start: number;
  end: number;
  blocks: Block[];
}

function hunksOf(base: readonly Block[], other: readonly Block[]): Hunk[] {
  const out: Hunk[] = [];
  let pos = 0;
  for (const c of diffArrays(base.map(blockKey), other.map(blockKey))) {
    const blocks = c.value.map((k) => JSON.parse(k) as Block);
    const last = out[out.length - 1];
    if (c.added) {
      if (last && last.end === pos) last.blocks.push(...blocks);
      else out.push({ start: pos, end: pos, blocks });
    } else if (c.removed) {
      if (last && last.end === pos) last.end += blocks.length;
      else out.push({ start: pos, end: pos + blocks.length, blocks: [] });
      pos += blocks.length;
    } else pos += blocks.length;
  }
  // n blocks replaced by n blocks are n separate paragraph edits, each mergeable on its own.
  return out.flatMap((h) =>
    h.end - h.start === h.blocks.length && h.blocks.length > 1
      ? h.blocks.map((b, k) => ({ start: h.start + k, end: h.start + k + 1, blocks: [b] }))
      : [h],
  );
}

/** Applies text edits to a paragraph's runs, keeping marks (inserted text takes the marks before it). */
export function editRuns(runs: readonly Run[], from: string, to: string): Run[] {
  const chars: Array<{ ch: string; marks: Omit<Run, 'text'> }> = [];
  for (const r of runs) {
    const { text, ...marks } = r;
    for (const ch of text) for (let k = 0; k < ch.length; k++) chars.push({ ch: ch[k]!, marks });
  }
  const out: typeof chars = [];
  let pos = 0;
  for (const c of diffChars(from, to)) {
    if (c.added) {
      const marks = (out[out.length - 1] ?? chars[pos])?.marks ?? {};
      for (let k = 0; k < c.value.length; k++) out.push({ ch: c.value[k]!, marks });
    } else if (c.removed) pos += c.value.length;
    else {
      out.push(...chars.slice(pos, pos + c.value.length));
      pos += c.value.length;
    }
  }
  return normalizeRuns(out.map((c) => ({ ...c.marks, text: c.ch })));
}

export interface BodyConflict {
  /** Block range in the variant's body that both the desk and the master changed. */
  oursStart: number;
  oursEnd: number;
  ours: Block[];
  theirs: Block[];
  base: Block[];
}

export interface BodyMerge {
  body: Block[];
  conflicts: BodyConflict[];
  /** Blocks of the merged body that took a master change. */
  appliedBlocks: number[];
}

const isTextBlock = (b: Block | undefined): b is Extract<Block, { runs: Run[] }> =>
  !!b && (b.type === 'paragraph' || b.type === 'heading' || b.type === 'quote');

/** Three-way merge of a body: paragraph by paragraph, then character by character inside a paragraph both changed. */
export function merge3Body(
  base: readonly Block[],
  ours: readonly Block[],
  theirs: readonly Block[],
): BodyMerge {
  const mine = hunksOf(base, ours);
  const master = hunksOf(base, theirs);
  type Op = Hunk & { fromMaster: boolean; src?: Hunk };
  const ops: Op[] = mine.map((h) => ({ ...h, fromMaster: false, src: h }));
  const replaced = new Set<Hunk>();
  const conflicts: Array<{ mine: Hunk[]; theirs: Hunk }> = [];
  for (const t of master) {
    // Replacements clash when they overlap; an insertion also clashes with an edit it touches.
    const clash = mine.filter(
      (m) =>
        (m.start < t.end && t.start < m.end) ||
        ((m.start === m.end || t.start === t.end) && m.start <= t.end && t.start <= m.end),
    );
    if (clash.length === 0) {
      ops.push({ ...t, fromMaster: true });
      continue;
    }
    const m = clash[0]!;
    if (clash.length === 1 && JSON.stringify(m) === JSON.stringify(t)) continue;
    // Both edited the same single paragraph: try a character-level merge.
    const b0 = base[t.start];
    const o0 = m.blocks[0];
    const t0 = t.blocks[0];
    if (
      clash.length === 1 &&
      m.start === t.start &&
      m.end === t.start + 1 &&
      t.end === t.start + 1 &&
      m.blocks.length === 1 &&
      t.blocks.length === 1 &&
      isTextBlock(b0) &&
      isTextBlock(o0) &&
      isTextBlock(t0) &&
      o0.type === t0.type
    ) {
      const r = merge3Text(blockText(b0), blockText(o0), blockText(t0));
      if (r.conflicts.length === 0) {
        replaced.add(m);
        ops.push({
          start: m.start,
          end: m.end,
          blocks: [{ ...o0, runs: editRuns(o0.runs, blockText(o0), r.text) }],
          fromMaster: true,
        });
        continue;
      }
    }
    conflicts.push({ mine: clash, theirs: t });
  }
  const finalOps = ops.filter((o) => !(o.src && replaced.has(o.src)));
  finalOps.sort(
    (a, b) => a.start - b.start || a.end - b.end || Number(a.fromMaster) - Number(b.fromMaster),
  );
  const body: Block[] = [];
  const appliedBlocks: number[] = [];
  const placed = new Map<Hunk, { start: number; end: number }>();
  let pos = 0;
  for (const o of finalOps) {
    while (pos < o.start) body.push(base[pos++]!);
    const at = body.length;
    for (const b of o.blocks) {
      if (o.fromMaster) appliedBlocks.push(body.length);
      body.push(b);
    }
    // A deletion by the desk keeps its base range out; record where the desk's version sits.
    if (o.src) placed.set(o.src, { start: at, end: body.length });
    pos = Math.max(pos, o.end);
  }
  while (pos < base.length) body.push(base[pos++]!);
  return {
    body,
    appliedBlocks,
    conflicts: conflicts.map((c) => {
      const spots = c.mine
        .map((m) => placed.get(m))
        .filter((x): x is { start: number; end: number } => !!x);
      return {
        oursStart: spots.length ? Math.min(...spots.map((x) => x.start)) : c.theirs.start,
        oursEnd: spots.length ? Math.max(...spots.map((x) => x.end)) : c.theirs.start,
        ours: c.mine.flatMap((m) => m.blocks),
        theirs: c.theirs.blocks,
        base: base.slice(c.theirs.start, c.theirs.end),
      };
    }),
  };
}

// ---- pulling a master change into a variant ---------------------------------

export type FieldPull =
  | { field: string; status: 'unchanged' }
  | { field: string; status: 'replaced' }
  | { field: string; status: 'merged'; applied: number }
  | {
      field: string;
      status: 'conflict';
      ours: unknown;
      theirs: unknown;
      text?: TextConflict[];
      body?: BodyConflict[];
    };

export interface PullResult<V> {
  variant: V;
  fields: FieldPull[];
  /** True when something could not be applied and the desk must decide. */
  hasConflicts: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isBody = (v: unknown): v is Block[] =>
  Array.isArray(v) && v.every((b) => typeof b === 'object' && b !== null && 'type' in b);
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Pulls the master's change (oldMaster → newMaster) into a variant, field by
 * field. `fields` limits the pull (e.g. one field the desk clicked).
 */
export function pullMasterChange<V extends object>(
  channel: ChannelModule<V>,
  oldMaster: MasterStory,
  newMaster: MasterStory,
  variant: V,
  ctx?: ChannelContext,
  fields?: readonly string[],
): PullResult<V> {
  const base = channel.derive(oldMaster, ctx) as Record<string, unknown>;
  const theirs = channel.derive(newMaster, ctx) as Record<string, unknown>;
  const ours = variant as Record<string, unknown>;
  const out: Record<string, unknown> = { ...ours };
  const report: FieldPull[] = [];
  for (const field of Object.keys(theirs)) {
    if (fields && !fields.includes(field)) continue;
    const b = base[field];
    const t = theirs[field];
    const o = ours[field];
    if (same(b, t) || same(o, t)) {
      report.push({ field, status: 'unchanged' });
    } else if (same(o, b)) {
      out[field] = t;
      report.push({ field, status: 'replaced' });
    } else if (typeof b === 'string' && typeof o === 'string' && typeof t === 'string') {
      const m = merge3Text(b, o, t);
      out[field] = m.text;
      report.push(
        m.conflicts.length
          ? { field, status: 'conflict', ours: o, theirs: t, text: m.conflicts }
          : { field, status: 'merged', applied: m.applied.length },
      );
    } else if (isBody(b) && isBody(o) && isBody(t)) {
      const m = merge3Body(b, o, t);
      out[field] = m.body;
      report.push(
        m.conflicts.length
          ? { field, status: 'conflict', ours: o, theirs: t, body: m.conflicts }
          : { field, status: 'merged', applied: m.appliedBlocks.length },
      );
    } else if (isStrings(b) && isStrings(o) && isStrings(t)) {
      // Tags and topics: keep the desk's, drop what the master dropped, add what it added.
      const removed = new Set(b.filter((x) => !t.includes(x)));
      const merged = o.filter((x) => !removed.has(x));
      for (const x of t) if (!b.includes(x) && !merged.includes(x)) merged.push(x);
      out[field] = merged;
      report.push({
        field,
        status: 'merged',
        applied: removed.size + t.filter((x) => !b.includes(x)).length,
      });
    } else {
      report.push({ field, status: 'conflict', ours: o, theirs: t });
    }
  }
  return {
    variant: out as V,
    fields: report,
    hasConflicts: report.some((r) => r.status === 'conflict'),
  };
}

/** Replaces one field of a variant with a fresh derivation from the master ("re-derive this field"). */
export function rederiveField<V extends object>(
  channel: ChannelModule<V>,
  master: MasterStory,
  variant: V,
  field: string,
  ctx?: ChannelContext,
): V {
  const fresh = channel.derive(master, ctx) as Record<string, unknown>;
  if (!(field in fresh)) return variant;
  return { ...variant, [field]: fresh[field] } as V;
}
