// Renders the print variant's styled paragraphs to a .docx with named
// paragraph and character styles (the same names as the ICML), for desks that
// work in Word or WPS.
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  TextRun,
  type IParagraphStyleOptions,
  type ICharacterStyleOptions,
} from 'docx';
import {
  PRINT_STYLE_NAMES,
  type PrintDocument,
  type PrintParagraph,
} from '@shared/channels/print/document';
import { characterStyleOf } from '@shared/channels/print/document';

type ParagraphStyleKey = keyof typeof PRINT_STYLE_NAMES.paragraph;

// Sizes in half-points, as Word stores them.
const PARAGRAPH_FORMAT: Record<
  ParagraphStyleKey,
  { size: number; bold?: boolean; center?: boolean; indent?: boolean }
> = {
  kicker: { size: 28, center: true },
  headline: { size: 56, bold: true, center: true },
  subheadline: { size: 28, center: true },
  byline: { size: 18 },
  dateline: { size: 18 },
  body: { size: 18, indent: true },
  subhead: { size: 21, bold: true },
  quote: { size: 18 },
  listItem: { size: 18 },
  caption: { size: 16 },
};

const styleId = (key: string) => `rm-${key}`;

function paragraphStyles(): IParagraphStyleOptions[] {
  return (Object.keys(PARAGRAPH_FORMAT) as ParagraphStyleKey[]).map((key) => {
    const f = PARAGRAPH_FORMAT[key];
    return {
      id: styleId(key),
      name: PRINT_STYLE_NAMES.paragraph[key],
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: f.size, bold: f.bold, font: { eastAsia: 'SimSun' } },
      paragraph: {
        alignment: f.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
        // Two 字 of first-line indent: 2 × the font size, in twentieths of a point.
        indent: f.indent ? { firstLine: f.size * 20 } : undefined,
      },
    };
  });
}

function characterStyles(): ICharacterStyleOptions[] {
  const c = PRINT_STYLE_NAMES.character;
  return [
    { id: styleId('bold'), name: c.bold, run: { bold: true } },
    { id: styleId('italic'), name: c.italic, run: { italics: true } },
    { id: styleId('boldItalic'), name: c.boldItalic, run: { bold: true, italics: true } },
    { id: styleId('underline'), name: c.underline, run: { underline: {} } },
    { id: styleId('strike'), name: c.strike, run: { strike: true } },
    { id: styleId('code'), name: c.code, run: { font: 'Courier New' } },
    { id: styleId('link'), name: c.link, run: { underline: {} } },
  ];
}

function paragraph(p: PrintParagraph): Paragraph {
  return new Paragraph({
    style: styleId(p.style),
    children: p.runs.flatMap((r) => {
      const c = characterStyleOf(r);
      // A soft break run becomes a line break inside the paragraph.
      return r.text
        .split('\n')
        .map(
          (text, i) =>
            new TextRun({ text, break: i > 0 ? 1 : undefined, style: c ? styleId(c) : undefined }),
        );
    }),
  });
}

export async function renderPrintDocx(doc: PrintDocument): Promise<Uint8Array> {
  const file = new Document({
    title: doc.title,
    creator: 'Rongmei',
    styles: { paragraphStyles: paragraphStyles(), characterStyles: characterStyles() },
    sections: [{ children: [...doc.story.map(paragraph), ...doc.captions.map(paragraph)] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}
