// Newspaper page templates as data (CHANNELS.md "Print"): a newsroom adds its
// own in settings. Widths are in 字 of the body type; depths in body lines.
import { z } from 'zod';

export const PrintTemplateSchema = z.object({
  id: z.string().min(1),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  columns: z.number().int().min(1).max(20),
  /** Width of one column in 字 of the body type. */
  ziPerColumn: z.number().int().min(4).max(80),
  /** Gutter between columns in 字. */
  gutterZi: z.number().int().min(0).max(4),
  /** Body lines in a full-depth column. */
  linesPerColumn: z.number().int().min(10).max(400),
  /** Body lines a story's headline block (kicker, headline, subheadline) takes at the top. */
  headlineRows: z.number().int().min(0).max(60),
  /** Body type size in points (小五号 = 9 pt). */
  fontSizePt: z.number().positive(),
  /** Chinese name of the body size, for the preview legend. */
  bodyType: z.string(),
  /** Headline type size as a multiple of the body size: how many body 字 one headline 字 is wide. */
  headlineScale: z.number().positive(),
  /** Lines a headline may run to before the page looks wrong. */
  headlineMaxLines: z.number().int().min(1).max(4),
  /** First-line indent of body paragraphs in 字 (段首空两格). */
  indentZi: z.number().int().min(0).max(4),
  /** Blank body lines above a subheading. */
  subheadSpaceLines: z.number().int().min(0).max(4),
});
export type PrintTemplate = z.infer<typeof PrintTemplateSchema>;

/**
 * The two common formats. Column widths are CHANNELS.md's; depths and headline
 * rows are typical figures for 9-pt body on each sheet, to be replaced by the
 * newsroom's own measures.
 */
export const BUILTIN_TEMPLATES: readonly PrintTemplate[] = [
  {
    id: 'broadsheet',
    name: { 'zh-CN': '对开（8 栏）', en: 'Broadsheet (8 columns)' },
    columns: 8,
    ziPerColumn: 13,
    gutterZi: 1,
    linesPerColumn: 110,
    headlineRows: 8,
    fontSizePt: 9,
    bodyType: '小五号',
    headlineScale: 3,
    headlineMaxLines: 2,
    indentZi: 2,
    subheadSpaceLines: 1,
  },
  {
    id: 'tabloid',
    name: { 'zh-CN': '四开（6 栏）', en: 'Tabloid (6 columns)' },
    columns: 6,
    ziPerColumn: 11,
    gutterZi: 1,
    linesPerColumn: 76,
    headlineRows: 6,
    fontSizePt: 9,
    bodyType: '小五号',
    headlineScale: 3,
    headlineMaxLines: 2,
    indentZi: 2,
    subheadSpaceLines: 1,
  },
];

/** Width in 字 of a block spanning `span` columns: 13n + (n − 1) on a broadsheet. */
export function spanWidthZi(t: PrintTemplate, span: number): number {
  const n = Math.max(1, Math.min(t.columns, Math.floor(span)));
  return t.ziPerColumn * n + t.gutterZi * (n - 1);
}

/**
 * Column width when a block `span` columns wide is re-split into `split`
 * columns: (wide − (m − 1)·gutter) / m, rounded down to whole 字.
 */
export function splitColumnWidthZi(t: PrintTemplate, span: number, split: number): number {
  const wide = spanWidthZi(t, span);
  const m = Math.max(1, Math.floor(split));
  return Math.floor((wide - (m - 1) * t.gutterZi) / m);
}

export function findTemplate(
  id: string,
  extra: readonly PrintTemplate[] = [],
): PrintTemplate | undefined {
  return extra.find((t) => t.id === id) ?? BUILTIN_TEMPLATES.find((t) => t.id === id);
}
