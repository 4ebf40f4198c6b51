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
  /** Lines that do not fit. */
  overset: SetLine[];
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
  const all: SetLine[] = [];
  let totalHalves = 0;
  input.blocks.forEach((b, block) => {
    if (b.kind === 'heading' && all.length > 0) {
      for (let s = 0; s < t.subheadSpaceLines; s++) all.push(spaceLine());
    }
    const set = setBlock(b, block, setting);
    totalHalves += set.halves;
    for (const l of set.lines) all.push(l);
  });
  // A spacing line never ends the text.
  while (all.length && all[all.length - 1]!.kind === 'space') all.pop();

  const fits = all.slice(0, linesAvailable);
  const overset = all.slice(linesAvailable);
  const columns: SetLine[][] = [];
  const perColumn = Math.max(1, linesPerColumn);
  for (let c = 0; c < bodyColumns; c++)
    columns.push(fits.slice(c * perColumn, (c + 1) * perColumn));
  // Reserved lines shorten the last columns; anything that spills past them is already overset.
  const oversetHalves = overset.reduce((n, l) => n + l.zi * 2, 0);
  const linesLeft = Math.max(0, linesAvailable - all.length);
  return {
    columnWidthZi,
    spanWidthZi: spanWidthZi(t, span),
    linesPerColumn,
    linesUsed: all.length,
    linesAvailable,
    linesLeft,
    oversetLines: overset.length,
    oversetZi: Math.ceil(oversetHalves / 2),
    freeZi: linesLeft * columnWidthZi,
    totalZi: totalHalves / 2,
    columns,
    overset,
  };
}

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

function spaceLine(): SetLine {
  return {
    block: -1,
    start: 0,
    end: 0,
    text: '',
    zi: 0,
    kind: 'space',
    firstOfBlock: true,
    lastOfBlock: true,
    hanging: false,
  };
}
