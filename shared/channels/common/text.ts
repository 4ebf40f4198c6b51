// Text helpers every channel's derive step uses: the lead, sentences, key
// points, trimming to a platform limit, and cleaning text pasted with markup.
import { blockLines, bodyParagraphs, type Block } from '../../body/blocks';
import { fitPrefix, type CounterId, type WeiboCountOptions } from '../../text/counters';
import { recentResults } from './recent';

/** The lead (导语): the first paragraph with text, headings and list items skipped. */
export function leadParagraph(body: readonly Block[]): string {
  for (const b of body) {
    if (b.type === 'paragraph' || b.type === 'quote') {
      const t = blockLines(b)[0]?.trim() ?? '';
      if (t) return t;
    }
  }
  return bodyParagraphs(body)[0]?.trim() ?? '';
}

const SENTENCE_END = /[^。！？!?；…]*(?:[。！？!?；]+[”’」』）)]*|……[”’」』）)]*|$)/gu;

/** Splits Chinese copy into sentences, keeping the closing mark (and a closing quote) with each. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SENTENCE_END)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

/** The plain text of one block: its lines joined by newlines (offsets in problems refer to this). */
export function blockText(block: Block): string {
  return blockLines(block).join('\n');
}

/**
 * Key points for a short-video script or a summary: the body's subheadings if
 * it has some, otherwise the first sentence of each paragraph after the lead.
 */
export function keyPoints(body: readonly Block[], max: number): string[] {
  const headings = body
    .filter((b) => b.type === 'heading')
    .map((b) => blockText(b).trim())
    .filter(Boolean);
  if (headings.length >= 2) return headings.slice(0, max);
  const lead = leadParagraph(body);
  const out: string[] = [];
  // Block by block up to `max`: previews derive this on every keystroke, and
  // flattening a 20,000-字 body each time cost more than the rest of the script.
  for (const b of body) {
    for (const line of blockLines(b)) {
      if (out.length >= max) return out;
      const t = line.trim();
      if (!t || t === lead) continue;
      const first = splitSentences(t)[0];
      if (first) out.push(first);
    }
  }
  return out;
}

/** Recent trims: previews trim the same lead to the same limits on every keystroke (see recent.ts). */
const trimRecent = recentResults(
  trimUncached,
  64,
  (text, counter, limit, opts) =>
    `${counter}|${limit}|${opts.ellipsis ?? ''}|${opts.weibo ? JSON.stringify(opts.weibo) : ''}|${text}`,
);

type TrimOptions = { ellipsis?: string; weibo?: WeiboCountOptions };

/**
 * Shortens text to fit `limit` under a counter, preferring to stop at the end
 * of a sentence, else cutting and adding an ellipsis that fits too.
 */
export function trimToLimit(
  text: string,
  counter: CounterId,
  limit: number,
  opts: TrimOptions = {},
): string {
  return trimRecent(text, counter, limit, opts);
}

function trimUncached(text: string, counter: CounterId, limit: number, opts: TrimOptions): string {
  const s = text.normalize('NFC').trim();
  const fit = fitPrefix(s, counter, limit, opts.weibo);
  if (fit.length === s.length) return s;
  const sentences = splitSentences(fit);
  // Whole sentences if they keep at least half the room; a cut mid-sentence reads worse.
  let whole = '';
  for (const sentence of sentences) {
    if (!/[。！？!?；”’」』）)]$/.test(sentence)) break;
    whole += sentence;
  }
  if (whole && fitPrefix(whole, counter, limit / 2, opts.weibo).length < whole.length) return whole;
  const ellipsis = opts.ellipsis ?? '……';
  const room = fitPrefix(s, counter, Math.max(0, limit - 2), opts.weibo);
  return room.replace(/[，。、；：,.;:\s]+$/u, '') + ellipsis;
}

const TAG = /<\/?[a-zA-Z][^<>]*>/g;
const ENTITY = /&(?:nbsp|amp|lt|gt|quot|#\d+|#x[0-9a-f]+);/gi;
const ENTITY_TEXT: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
};

/** Text pasted with markup (`<p>…</p>`, `&nbsp;`): where it is, if anywhere. */
export function findMarkup(text: string): { start: number; end: number } | null {
  TAG.lastIndex = 0;
  ENTITY.lastIndex = 0;
  const m = TAG.exec(text) ?? ENTITY.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

/** Removes tags and decodes the common entities: a title pasted from a web page becomes plain text. */
export function stripMarkup(text: string): string {
  return text
    .replace(TAG, '')
    .replace(ENTITY, (e) => {
      const k = e.toLowerCase();
      if (k in ENTITY_TEXT) return ENTITY_TEXT[k]!;
      const hex = /^&#x([0-9a-f]+);$/i.exec(e);
      const dec = /^&#(\d+);$/.exec(e);
      const cp = hex ? parseInt(hex[1]!, 16) : dec ? Number(dec[1]) : NaN;
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** One-line form of a field: markup stripped, whitespace collapsed. */
export const cleanLine: (text: string) => string = recentResults((text) =>
  stripMarkup(text.normalize('NFC')),
);
