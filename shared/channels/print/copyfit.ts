// Copyfit (计算版面): sets a story's body in the columns its template gives it,
// with 禁则 line breaking, and says how many lines it uses, how many are
// available, and how much is overset (in lines and 字). The set lines come back
// too, so the print preview can draw the column block.
import { breakLinesCached, type KinsokuLevel } from '../../text/line-break';
import { splitColumnWidthZi, spanWidthZi, type PrintTemplate } from './templates';

export type CopyBlockKind = 'paragraph' | 'heading' | 'quote' | 'list';

export interface CopyBlock {
  kind: CopyBlockKind;
  text: string;
}

export interface CopyfitInput {
  blocks: readonly CopyBlock[];
  template: PrintTemplate;
  /** Template columns the story spans. */
  span: number;
  /** Columns the body is set in under the headline (defaults to `span`). */
  bodyColumns?: number;
  /** Depth of the story in body lines (defaults to the template's full column). */
  depthLines?: number;
  /** Lines the headline block takes (defaults to the template's). */
  headlineRows?: number;
  /** Body lines taken by photos, the QR code and the like, summed over all columns. */
  reservedLines?: number;
  level?: KinsokuLevel;
  hangPunctuation?: boolean;
}

export interface SetLine {
  /** Index of the block in `blocks`; -1 for a spacing line. */
  block: number;
  /** [start, end) UTF-16 offsets into the block's text. */
  start: number;
  end: number;
  text: string;
  /** Natural width in 字 (half-width characters ½). */
  zi: number;
  kind: CopyBlockKind | 'space';
  firstOfBlock: boolean;
  lastOfBlock: boolean;
  hanging: boolean;
}

export interface CopyfitResult {
  /** Width of one body column in 字. */
  columnWidthZi: number;
  /** Width of the whole story block in 字 (the headline's measure). */
  spanWidthZi: number;
  /** Lines per body column under the headline. */
  linesPerColumn: number;
  linesUsed: number;
  linesAvailable: number;
  /** Lines still free (0 when overset). */
  linesLeft: number;
  oversetLines: number;
  /** 字 in the overset lines. */
  oversetZi: number;
  /** 字 that would fill the free lines (approximate: full lines). */
  freeZi: number;
  totalZi: number;
  /** The set lines that fit, column by column. */
  columns: SetLine[][];
  /** Lines that do not fit (gathered on first read: a long story's run to thousands). */
  readonly overset: readonly SetLine[];
}

/** How each result gathers its lines (kept off the result, which stays plain data). */
const gatherers = new WeakMap<CopyfitResult, (from: number, to: number) => SetLine[]>();

/** The set lines `from` up to `to` (line numbers over the whole story, fitting or not). */
export function copyfitLines(fit: CopyfitResult, from: number, to: number): SetLine[] {
  return gatherers.get(fit)?.(from, to) ?? [];
}

/** Sets every block and distributes the lines into the story's columns. */
export function copyfit(input: CopyfitInput): CopyfitResult {
  const t = input.template;
  const span = Math.max(1, Math.min(t.columns, Math.floor(input.span)));
  const bodyColumns = Math.max(1, Math.floor(input.bodyColumns ?? span));
  const columnWidthZi =
    bodyColumns === span ? t.ziPerColumn : splitColumnWidthZi(t, span, bodyColumns);
  const depth = Math.max(1, Math.floor(input.depthLines ?? t.linesPerColumn));
  const headlineRows = Math.max(0, Math.floor(input.headlineRows ?? t.headlineRows));
  const linesPerColumn = Math.max(0, depth - headlineRows);
  const linesAvailable = Math.max(
    0,
    linesPerColumn * bodyColumns - Math.max(0, input.reservedLines ?? 0),
  );

  const widthHalves = columnWidthZi * 2;
  const setting = {
    widthHalves,
    indentZi: t.indentZi,
    level: input.level ?? 'gb',
    hangPunctuation: input.hangPunctuation ?? false,
  };
  // Each block's lines are set once and kept (see setBlock); a keystroke then
  // costs one pass over the blocks, not over every line of the story: only
  // the lines that fit are gathered here, the overset ones when first asked for.
  // Blocks the same (by identity) as in the last run take their lines from it
  // without a lookup, and while the change lies beyond the lines that fit,
  // the columns are the last run's very arrays.
  const blocks = input.blocks;
  const prev = last && sameSetting(last.setting, setting) ? last : null;
  const sets = new Array<SetBlock>(blocks.length);
  const spaceBefore = new Array<number>(blocks.length);
  let firstChanged = prev && prev.sets.length === blocks.length ? blocks.length : 0;
  let count = 0;
  let used = 0;
  let totalHalves = 0;
  for (let block = 0; block < blocks.length; block++) {
    const b = blocks[block]!;
    const space = b.kind === 'heading' && count > 0 ? t.subheadSpaceLines : 0;
    const set = prev?.blocks[block] === b ? prev.sets[block]! : setBlock(b, block, setting);
    if (block < firstChanged && (set !== prev!.sets[block] || space !== prev!.spaceBefore[block]))
      firstChanged = block;
    sets[block] = set;
    spaceBefore[block] = space;
    count += space + set.lines.length;
    // A spacing line never ends the text.
    if (set.lines.length > 0) used = count;
    totalHalves += set.halves;
  }
  const linesAt = (from: number, to: number): SetLine[] => {
    const out: SetLine[] = [];
    const end = Math.min(to, used);
    let at = 0;
    for (let i = 0; i < sets.length && at < end; i++) {
      const lines = sets[i]!.lines;
      const n = spaceBefore[i]! + lines.length;
      if (at + n > from) {
        for (let k = 0; k < n && at + k < end; k++) {
          if (at + k < from) continue;
          const s = k - spaceBefore[i]!;
          out.push(s < 0 ? SPACE_LINE : lines[s]!);
        }
      }
      at += n;
    }
    return out;
  };

  const perColumn = Math.max(1, linesPerColumn);
  const overfull = used >= linesAvailable;
  let columns: SetLine[][];
  let fitHalves: number;
  let fitEnd: number;
  if (
    prev &&
    overfull &&
    prev.fitEnd < firstChanged &&
    prev.linesAvailable === linesAvailable &&
    prev.perColumn === perColumn &&
    prev.columns.length === bodyColumns
  ) {
    ({ columns, fitHalves, fitEnd } = prev);
  } else {
    const fits = linesAt(0, linesAvailable);
    columns = [];
    for (let c = 0; c < bodyColumns; c++)
      columns.push(fits.slice(c * perColumn, (c + 1) * perColumn));
    // Reserved lines shorten the last columns; anything that spills past them is already overset.
    fitHalves = fits.reduce((n, l) => n + l.zi * 2, 0);
    // The block holding the last line that fits (a later change leaves the columns as they are).
    fitEnd = blocks.length;
    if (overfull)
      for (let i = 0, at = 0; i < sets.length; i++) {
        at += spaceBefore[i]! + sets[i]!.lines.length;
        if (at >= linesAvailable) {
          fitEnd = i;
          break;
        }
      }
  }
  last = {
    blocks,
    setting,
    sets,
    spaceBefore,
    linesAvailable,
    perColumn,
    columns,
    fitHalves,
    fitEnd,
  };
  const linesLeft = Math.max(0, linesAvailable - used);
  let overset: SetLine[] | undefined;
  const result: CopyfitResult = {
    columnWidthZi,
    spanWidthZi: spanWidthZi(t, span),
    linesPerColumn,
    linesUsed: used,
    linesAvailable,
    linesLeft,
    oversetLines: Math.max(0, used - linesAvailable),
    oversetZi: Math.ceil((totalHalves - fitHalves) / 2),
    freeZi: linesLeft * columnWidthZi,
    totalZi: totalHalves / 2,
    columns,
    get overset() {
      return (overset ??= linesAt(linesAvailable, used));
    },
  };
  gatherers.set(result, linesAt);
  return result;
}

/** The last run, for the next keystroke to compare against. */
let last: {
  blocks: readonly CopyBlock[];
  setting: BlockSetting;
  sets: SetBlock[];
  spaceBefore: number[];
  linesAvailable: number;
  perColumn: number;
  columns: SetLine[][];
  fitHalves: number;
  /** Index of the block holding the last line that fits; the block count when all fit. */
  fitEnd: number;
} | null = null;

interface BlockSetting {
  widthHalves: number;
  indentZi: number;
  level: KinsokuLevel;
  hangPunctuation: boolean;
}

interface SetBlock {
  block: number;
  setting: BlockSetting;
  lines: readonly SetLine[];
  halves: number;
}

/**
 * A block's set lines, kept per block object: typing changes one paragraph
 * of a story, and copyfit runs on every keystroke, so the others' lines are
 * reused as they are (same index, same measure) instead of being made again.
 */
const setBlocks = new WeakMap<CopyBlock, SetBlock>();

const sameSetting = (a: BlockSetting, b: BlockSetting) =>
  a.widthHalves === b.widthHalves &&
  a.indentZi === b.indentZi &&
  a.level === b.level &&
  a.hangPunctuation === b.hangPunctuation;

function setBlock(b: CopyBlock, block: number, setting: BlockSetting): SetBlock {
  const hit = setBlocks.get(b);
  if (hit && hit.block === block && sameSetting(hit.setting, setting)) return hit;
  const indent = b.kind === 'paragraph' || b.kind === 'quote' ? setting.indentZi * 2 : 0;
  const lines: SetLine[] = [];
  let halves = 0;
  // A list item's own line breaks are separate paragraphs; a soft break also starts a line.
  let offset = 0;
  for (const part of b.text.split('\n')) {
    const spans = breakLinesCached(part, {
      widthHalves: setting.widthHalves,
      indentHalves: indent,
      level: setting.level,
      hangPunctuation: setting.hangPunctuation,
    });
    spans.forEach((l, i) => {
      halves += l.halves;
      lines.push({
        block,
        start: offset + l.start,
        end: offset + l.end,
        text: part.slice(l.start, l.end),
        zi: l.halves / 2,
        kind: b.kind,
        firstOfBlock: i === 0 && offset === 0,
        lastOfBlock: false,
        hanging: l.hanging,
      });
    });
    offset += part.length + 1;
  }
  const last = lines[lines.length - 1];
  if (last) last.lastOfBlock = true;
  const set = { block, setting, lines, halves };
  setBlocks.set(b, set);
  return set;
}

/** The spacing line above a subheading (one shared, unchangeable object). */
const SPACE_LINE: SetLine = Object.freeze({
  block: -1,
  start: 0,
  end: 0,
  text: '',
  zi: 0,
  kind: 'space',
  firstOfBlock: true,
  lastOfBlock: true,
  hanging: false,
});
