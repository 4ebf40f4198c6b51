// Copyfit for a print variant: the variant's body and layout settings, fed to
// the copyfit engine with the chosen template.
import type { Block } from '../../body/blocks';
import { blockText } from '../common/text';
import type { ChannelContext } from '../types';
import { copyfit, type CopyBlock, type CopyBlockKind, type CopyfitResult } from './copyfit';
import { recentResults } from '../common/recent';
import { printSettings, type PrintVariant } from './schema';
import { findTemplate, type PrintTemplate } from './templates';

/**
 * The copy block of each body block, one object per block object: a body
 * block never changes in place, so an unchanged paragraph keeps its copy
 * block, and copyfit keeps the lines it already set for it.
 */
const copyBlockOf = new WeakMap<Block, CopyBlock>();

/**
 * And one object per kind and text: the check of a stored or edited version
 * parses it with its schema first, and parsing copies every block. The copies
 * get the copy blocks of the blocks they were made from, so copyfit keeps the
 * lines it set for them (otherwise each such check re-set the whole story:
 * half of the 8 ms a print check took on the 20,000-字 one).
 */
const copyBlockOfText = recentResults(
  (kind: CopyBlockKind, text: string): CopyBlock => ({ kind, text }),
  4096,
  (kind, text) => `${kind}\u0000${text}`,
);

export function copyBlocks(v: Pick<PrintVariant, 'body'>): CopyBlock[] {
  // One entry per body block (a rule gives an empty one) so indexes match the body's.
  return v.body.map((b): CopyBlock => {
    let c = copyBlockOf.get(b);
    if (!c) copyBlockOf.set(b, (c = toCopyBlock(b)));
    return c;
  });
}

function toCopyBlock(b: Block): CopyBlock {
  if (b.type === 'hr') return copyBlockOfText('paragraph', '');
  const kind =
    b.type === 'heading'
      ? 'heading'
      : b.type === 'quote'
        ? 'quote'
        : b.type === 'list'
          ? 'list'
          : 'paragraph';
  return copyBlockOfText(kind, blockText(b));
}

export function printTemplateFor(v: PrintVariant, ctx?: ChannelContext): PrintTemplate | undefined {
  return findTemplate(v.layout.templateId, printSettings(ctx?.settings?.print).templates);
}

/** Lines the QR codes take in the story's columns. */
export function qrLines(v: PrintVariant, ctx?: ChannelContext): number {
  const n = (v.qr.online ? 1 : 0) + (v.qr.shopUrl.trim() ? 1 : 0);
  return n * printSettings(ctx?.settings?.print).qrLines;
}

/** The variant's copyfit, or null when its template does not exist. */
export function printCopyfit(v: PrintVariant, ctx?: ChannelContext): CopyfitResult | null {
  const template = printTemplateFor(v, ctx);
  if (!template) return null;
  const s = printSettings(ctx?.settings?.print);
  return copyfit({
    blocks: copyBlocks(v),
    template,
    span: v.layout.span,
    bodyColumns: v.layout.bodyColumns,
    depthLines: v.layout.depthLines,
    reservedLines: v.layout.reservedLines + qrLines(v, ctx),
    level: s.kinsoku,
    hangPunctuation: s.hangPunctuation,
  });
}
