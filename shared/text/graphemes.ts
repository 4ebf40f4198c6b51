// Grapheme clusters through Intl.Segmenter (Node, Chromium and Electron all ship ICU).
// V8's segmenter slows down badly on long strings (a 80,000-character story
// took minutes in Node 20), so long text is segmented in short chunks cut
// where a boundary is certain: between two ASCII, CJK or full-width characters,
// none of which can extend or join a cluster.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const CHUNK = 256;

function plain(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3001 && c <= 0x3029) ||
    (c >= 0xff01 && c <= 0xff5e)
  );
}

export function* graphemes(s: string): Generator<string> {
  if (s.length <= CHUNK * 2) {
    for (const { segment } of segmenter.segment(s)) yield segment;
    return;
  }
  let start = 0;
  while (start < s.length) {
    let end = Math.min(s.length, start + CHUNK);
    while (end < s.length && !(plain(s.charCodeAt(end - 1)) && plain(s.charCodeAt(end)))) end++;
    for (const { segment } of segmenter.segment(s.slice(start, end))) yield segment;
    start = end;
  }
}
