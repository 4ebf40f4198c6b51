// What the review panel's 机审 tab scans, in the scan's segment ids, and
// where each segment sits for click-to-jump: the master story (fields and
// body blocks) and any channel version, read generically from its data so a
// new channel needs nothing here.
import type { Block, Run } from '../body/blocks';
import type { StoryContent } from '../body/story-doc';
import { TEXT_FIELDS } from '../domain/story';
import type { ScanSegment } from '../scan/scanner';

/** Where a segment is: a field, optionally an item of it; `exact` when scan offsets are offsets into that spot's text. */
export interface SegmentPlace {
  field: string;
  index?: number;
  exact: boolean;
}

export interface ScanInput {
  segments: ScanSegment[];
  places: Map<string, SegmentPlace>;
}

const runsText = (runs: readonly Run[]) => runs.map((r) => r.text).join('');

function addRuns(id: string, runs: readonly Run[], place: SegmentPlace, out: ScanInput): void {
  out.segments.push({ id, kind: 'body', text: runsText(runs) });
  out.places.set(id, place);
  runs.forEach((r, i) => {
    if (r.href === undefined) return;
    const linkId = `link:${id}:${i}`;
    out.segments.push({ id: linkId, kind: 'link', text: r.href });
    out.places.set(linkId, { ...place, exact: false });
  });
}

function addList(
  prefix: string,
  list: Extract<Block, { type: 'list' }>,
  place: SegmentPlace,
  out: ScanInput,
): void {
  list.items.forEach((item, j) => {
    addRuns(`${prefix}.${j}`, item.runs, place, out);
    item.lists?.forEach((sub, k) => addList(`${prefix}.${j}.${k}`, sub, place, out));
  });
}

function addBlocks(
  field: string,
  blocks: readonly Block[],
  out: ScanInput,
  prefix = 'block',
): void {
  blocks.forEach((block, i) => {
    if (block.type === 'hr') return;
    const id = `${prefix}:${i}`;
    if (block.type === 'list') addList(id, block, { field, index: i, exact: false }, out);
    else addRuns(id, block.runs, { field, index: i, exact: true }, out);
  });
}

/** The master story: its text fields, then the body's blocks. */
export function storyScanInput(content: StoryContent): ScanInput {
  const out: ScanInput = { segments: [], places: new Map() };
  for (const f of TEXT_FIELDS) {
    const text = content.fields[f];
    if (!text) continue;
    out.segments.push({ id: `field:${f}`, kind: 'field', text });
    out.places.set(`field:${f}`, { field: f, exact: true });
  }
  addBlocks('body', content.body, out);
  return out;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const BLOCK_TYPES = new Set(['paragraph', 'heading', 'quote', 'list', 'hr']);
const isBlock = (v: unknown): v is Block => isObj(v) && BLOCK_TYPES.has(String(v.type));
/** Strings that are not text a reader sees. */
const SKIP_KEYS = new Set(['id', 'type', 'assetId', 'hash', 'mediaType', 'template', 'layout']);

/**
 * A channel version, whatever its channel: top-level strings are fields,
 * arrays of blocks are bodies, arrays of strings or of objects with strings
 * (cards, shots, photos' captions) are items.
 */
export function variantScanInput(variant: unknown): ScanInput {
  const out: ScanInput = { segments: [], places: new Map() };
  if (!isObj(variant)) return out;
  for (const [key, value] of Object.entries(variant)) {
    if (SKIP_KEYS.has(key)) continue;
    if (typeof value === 'string') {
      if (!value) continue;
      out.segments.push({ id: `field:${key}`, kind: 'field', text: value });
      out.places.set(`field:${key}`, { field: key, exact: true });
    } else if (Array.isArray(value)) {
      if (value.some(isBlock)) {
        addBlocks(key, value.filter(isBlock), out, key === 'body' ? 'block' : `${key}:block`);
        continue;
      }
      value.forEach((item, i) => {
        if (typeof item === 'string') {
          if (!item) return;
          const id = `${key}:${i}`;
          out.segments.push({ id, kind: 'field', text: item });
          out.places.set(id, { field: key, index: i, exact: true });
        } else if (isObj(item)) {
          for (const [prop, v] of Object.entries(item)) {
            if (typeof v !== 'string' || !v || SKIP_KEYS.has(prop)) continue;
            const id = `${key}:${i}:${prop}`;
            out.segments.push({ id, kind: prop === 'caption' ? 'caption' : 'field', text: v });
            out.places.set(id, { field: key, index: i, exact: false });
          }
        }
      });
    }
  }
  return out;
}
