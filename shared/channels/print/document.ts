// The print variant as a list of styled paragraphs: the one model both the
// ICML writer and the DOCX renderer consume, so the two files carry the same
// styles and text.
import { normalizeRuns, type Block, type ListBlock, type Run } from '../../body/blocks';
import type { PrintVariant } from './schema';

export type PrintParagraphStyle =
  | 'kicker'
  | 'headline'
  | 'subheadline'
  | 'byline'
  | 'dateline'
  | 'body'
  | 'subhead'
  | 'quote'
  | 'listItem'
  | 'caption';
export type PrintCharacterStyle =
  'bold' | 'italic' | 'boldItalic' | 'underline' | 'strike' | 'code' | 'link';

/** Style names as they appear in the InDesign template and the Word file; a newsroom may rename. */
export const PRINT_STYLE_NAMES: {
  paragraph: Record<PrintParagraphStyle, string>;
  character: Record<PrintCharacterStyle, string>;
} = {
  paragraph: {
    kicker: '引题',
    headline: '主题',
    subheadline: '副题',
    byline: '署名',
    dateline: '电头',
    body: '正文',
    subhead: '小标题',
    quote: '引文',
    listItem: '列表',
    caption: '图片说明',
  },
  character: {
    bold: '粗体',
    italic: '斜体',
    boldItalic: '粗斜体',
    underline: '下划线',
    strike: '删除线',
    code: '等宽',
    link: '链接',
  },
};

export interface PrintParagraph {
  style: PrintParagraphStyle;
  runs: Run[];
}

export interface PrintDocument {
  title: string;
  story: PrintParagraph[];
  captions: PrintParagraph[];
}

/** The character style a run takes; one per run (InDesign applies one at a time). */
export function characterStyleOf(run: Run): PrintCharacterStyle | null {
  if (run.bold && run.italic) return 'boldItalic';
  if (run.bold) return 'bold';
  if (run.italic) return 'italic';
  if (run.href) return 'link';
  if (run.underline) return 'underline';
  if (run.strike) return 'strike';
  if (run.code) return 'code';
  return null;
}

function plain(text: string): Run[] {
  return text ? [{ text }] : [];
}

function listParagraphs(list: ListBlock, out: PrintParagraph[], depth: number): void {
  list.items.forEach((item, i) => {
    const marker = list.ordered ? `${i + 1}. ` : '· ';
    out.push({
      style: 'listItem',
      runs: normalizeRuns([{ text: '　'.repeat(depth) + marker }, ...item.runs]),
    });
    for (const sub of item.lists ?? []) listParagraphs(sub, out, depth + 1);
  });
}

export function bodyParagraphsForPrint(body: readonly Block[]): PrintParagraph[] {
  const out: PrintParagraph[] = [];
  for (const b of body) {
    if (b.type === 'hr') continue;
    if (b.type === 'list') listParagraphs(b, out, 0);
    else
      out.push({
        style: b.type === 'heading' ? 'subhead' : b.type === 'quote' ? 'quote' : 'body',
        runs: normalizeRuns(b.runs),
      });
  }
  return out;
}

export function printDocument(v: PrintVariant): PrintDocument {
  const story: PrintParagraph[] = [];
  const head: Array<[PrintParagraphStyle, string]> = [
    ['kicker', v.kicker],
    ['headline', v.headline],
    ['subheadline', v.subheadline],
    ['byline', v.byline],
    ['dateline', v.dateline],
  ];
  for (const [style, text] of head)
    if (text.trim()) story.push({ style, runs: plain(text.trim()) });
  story.push(...bodyParagraphsForPrint(v.body));
  const captions = v.photos
    .filter((p) => p.caption.trim())
    .map((p): PrintParagraph => {
      const credit = p.image.credit.trim();
      return {
        style: 'caption',
        runs: plain(credit ? `${p.caption.trim()}　${credit}` : p.caption.trim()),
      };
    });
  return { title: v.headline.trim(), story, captions };
}
