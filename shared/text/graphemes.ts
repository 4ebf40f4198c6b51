// Grapheme clusters through Intl.Segmenter (Node, Chromium and Electron all ship ICU).
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function* graphemes(s: string): Generator<string> {
  for (const { segment } of segmenter.segment(s)) yield segment;
}
