// ICML (InCopy interchange) writer: one Story of ParagraphStyleRange →
// CharacterStyleRange → Content, with every style used declared in the root
// style groups. Skeleton after pandoc's ICML writer. 禁则 and hanging
// punctuation are left to the InDesign template's paragraph styles.
import {
  PRINT_STYLE_NAMES,
  characterStyleOf,
  type PrintCharacterStyle,
  type PrintParagraph,
  type PrintParagraphStyle,
} from './document';

// XML 1.0 forbids most C0 controls; a paste from Word can carry them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const NO_CHAR_STYLE = 'CharacterStyle/$ID/[No character style]';

/** InDesign properties for our paragraph styles; the newsroom's template overrides them on place. */
const PARAGRAPH_PROPS: Record<PrintParagraphStyle, string> = {
  kicker: 'PointSize="14" Justification="CenterAlign"',
  headline: 'PointSize="28" Justification="CenterAlign"',
  subheadline: 'PointSize="14" Justification="CenterAlign"',
  byline: 'PointSize="9"',
  dateline: 'PointSize="9"',
  body: 'PointSize="9" FirstLineIndent="18" Justification="LeftJustified"',
  subhead: 'PointSize="10.5" SpaceBefore="9"',
  quote: 'PointSize="9" LeftIndent="18"',
  listItem: 'PointSize="9"',
  caption: 'PointSize="8"',
};
const CHARACTER_PROPS: Record<PrintCharacterStyle, string> = {
  bold: 'FontStyle="Bold"',
  italic: 'FontStyle="Italic"',
  boldItalic: 'FontStyle="Bold Italic"',
  underline: 'Underline="true"',
  strike: 'StrikeThru="true"',
  code: '',
  link: 'Underline="true"',
};

const pStyleRef = (s: PrintParagraphStyle) => `ParagraphStyle/${PRINT_STYLE_NAMES.paragraph[s]}`;
const cStyleRef = (s: PrintCharacterStyle) => `CharacterStyle/${PRINT_STYLE_NAMES.character[s]}`;

function content(text: string): string {
  // A soft line break is InDesign's forced line break, U+2028, inside Content.
  return `<Content>${xmlEscape(text.replace(/\n/g, '\u2028'))}</Content>`;
}

/** One ICML document holding `paragraphs` as a single story. */
export function toIcml(paragraphs: readonly PrintParagraph[], opts: { title: string }): string {
  const pStyles = new Set<PrintParagraphStyle>();
  const cStyles = new Set<PrintCharacterStyle>();
  for (const p of paragraphs) {
    pStyles.add(p.style);
    for (const r of p.runs) {
      const c = characterStyleOf(r);
      if (c) cStyles.add(c);
    }
  }
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<?aid style="50" type="snippet" readerVersion="6.0" featureSet="513" product="8.0(370)" ?>',
    '<?aid SnippetType="InCopyInterchange"?>',
    '<Document DOMVersion="8.0" Self="rongmei_doc">',
    '  <RootCharacterStyleGroup Self="rongmei_character_styles">',
    `    <CharacterStyle Self="${NO_CHAR_STYLE}" Name="$ID/[No character style]" />`,
  ];
  for (const c of cStyles)
    out.push(
      `    <CharacterStyle Self="${xmlEscape(cStyleRef(c))}" Name="${xmlEscape(PRINT_STYLE_NAMES.character[c])}" ${CHARACTER_PROPS[c]} />`,
    );
  out.push(
    '  </RootCharacterStyleGroup>',
    '  <RootParagraphStyleGroup Self="rongmei_paragraph_styles">',
    '    <ParagraphStyle Self="ParagraphStyle/$ID/NormalParagraphStyle" Name="$ID/NormalParagraphStyle" />',
  );
  for (const p of pStyles)
    out.push(
      `    <ParagraphStyle Self="${xmlEscape(pStyleRef(p))}" Name="${xmlEscape(PRINT_STYLE_NAMES.paragraph[p])}" ${PARAGRAPH_PROPS[p]}>`,
      '      <Properties><BasedOn type="object">ParagraphStyle/$ID/NormalParagraphStyle</BasedOn></Properties>',
      '    </ParagraphStyle>',
    );
  out.push(
    '  </RootParagraphStyleGroup>',
    `  <Story Self="rongmei_story" TrackChanges="false" StoryTitle="${xmlEscape(opts.title)}" AppliedTOCStyle="n" AppliedNamedGrid="n">`,
    '    <StoryPreference OpticalMarginAlignment="false" OpticalMarginSize="12" />',
  );
  paragraphs.forEach((p, i) => {
    if (i > 0) out.push('    <Br />');
    out.push(`    <ParagraphStyleRange AppliedParagraphStyle="${xmlEscape(pStyleRef(p.style))}">`);
    for (const r of p.runs) {
      const c = characterStyleOf(r);
      out.push(
        `      <CharacterStyleRange AppliedCharacterStyle="${xmlEscape(c ? cStyleRef(c) : NO_CHAR_STYLE)}">${content(r.text)}</CharacterStyleRange>`,
      );
    }
    out.push('    </ParagraphStyleRange>');
  });
  out.push('  </Story>', '</Document>', '');
  return out.join('\n');
}
