// The story body as plain data: what the editor, import, channel derivation
// and exports all agree on. Lexical (in the editor) and Yjs (in storage) are
// two encodings of this same shape.
import { z } from 'zod';

export const RunSchema = z.object({
  text: z.string(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  underline: z.boolean().optional(),
  strike: z.boolean().optional(),
  code: z.boolean().optional(),
  /** Target of a link; the run is the link text. */
  href: z.string().optional(),
});
/** A stretch of text with one set of marks. A soft line break is a run whose text is "\n". */
export type Run = z.infer<typeof RunSchema>;

export type ListItem = { runs: Run[]; lists?: ListBlock[] };
export type ListBlock = { type: 'list'; ordered: boolean; items: ListItem[] };
export type Block =
  | { type: 'paragraph'; runs: Run[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4; runs: Run[] }
  | { type: 'quote'; runs: Run[] }
  | ListBlock
  | { type: 'hr' };

const ListItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({ runs: z.array(RunSchema), lists: z.array(ListBlockSchema).optional() }),
);
export const ListBlockSchema: z.ZodType<ListBlock> = z.lazy(() =>
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(ListItemSchema) }),
);
export const BlockSchema: z.ZodType<Block> = z.union([
  z.object({ type: z.literal('paragraph'), runs: z.array(RunSchema) }),
  z.object({
    type: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    runs: z.array(RunSchema),
  }),
  z.object({ type: z.literal('quote'), runs: z.array(RunSchema) }),
  ListBlockSchema,
  z.object({ type: z.literal('hr') }),
]);
export const BodySchema = z.array(BlockSchema);
export type Body = Block[];

export function runsText(runs: readonly Run[]): string {
  let s = '';
  for (const r of runs) s += r.text;
  return s;
}

function listLines(list: ListBlock, out: string[]): void {
  for (const item of list.items) {
    out.push(runsText(item.runs));
    for (const sub of item.lists ?? []) listLines(sub, out);
  }
}

/** One string per paragraph-like unit (list items count one each; rules count none). */
export function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'hr':
      return [];
    case 'list': {
      const out: string[] = [];
      listLines(block, out);
      return out;
    }
    default:
      return [runsText(block.runs)];
  }
}

/** The body as plain text, one paragraph a line. Used for search, counting and derivation. */
export function bodyToPlainText(body: readonly Block[]): string {
  return body.flatMap(blockLines).join('\n');
}

/** Paragraphs that hold any visible text. */
export function bodyParagraphs(body: readonly Block[]): string[] {
  return body.flatMap(blockLines).filter((l) => l.trim().length > 0);
}

/** Merges neighbouring runs with identical marks, drops empty runs. */
export function normalizeRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const prev = out[out.length - 1];
    if (prev && sameMarks(prev, r) && prev.text !== '\n' && r.text !== '\n') {
      out[out.length - 1] = { ...prev, text: prev.text + r.text };
    } else {
      out.push({ ...r });
    }
  }
  return out;
}

function sameMarks(a: Run, b: Run): boolean {
  return (
    !!a.bold === !!b.bold &&
    !!a.italic === !!b.italic &&
    !!a.underline === !!b.underline &&
    !!a.strike === !!b.strike &&
    !!a.code === !!b.code &&
    a.href === b.href
  );
}

export function paragraph(text: string): Block {
  return { type: 'paragraph', runs: text ? [{ text }] : [] };
}
