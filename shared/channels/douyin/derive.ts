// Master → Douyin post: the headline as title, the lead's first sentence as
// caption, keywords as hashtags, a 9:16 cover crop of the first photo, and a
// script of text cards: title, the lead in short cards, the key points, an end card.
import { centerCrop, type MasterStory } from '../../domain/master-story';
import { countChars } from '../../text/counters';
import { cloneData } from '../common/clone';
import { cleanLine, keyPoints, leadParagraph, splitSentences, trimToLimit } from '../common/text';
import type { ChannelContext } from '../types';
import { douyinSettings, type DouyinSettings, type DouyinVariant, type Shot } from './schema';
import { channelCaption } from '../common/caption';
import { recentResults } from '../common/recent';

const CARD_CHARS = 20;

/** Cuts a sentence into card-sized pieces at commas, falling back to a hard cut. */
export function cardTexts(sentence: string, max = CARD_CHARS): string[] {
  return max === CARD_CHARS ? [...leadCards(sentence)] : cutCards(sentence, max);
}

/** The lead's cards come out the same on every keystroke that is not in the lead. */
const leadCards = recentResults((sentence) => cutCards(sentence, CARD_CHARS), 16);

function cutCards(sentence: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of sentence.split(/(?<=[，、；：,;:])/u)) {
    if (current && countChars(current + piece) > max) {
      out.push(current);
      current = '';
    }
    current += piece;
    while (countChars(current) > max) {
      const cut = Array.from(current);
      out.push(cut.slice(0, max).join(''));
      current = cut.slice(max).join('');
    }
  }
  if (current) out.push(current);
  return out.map((t) => t.replace(/[，、；：,;:]$/u, '')).filter(Boolean);
}

function seconds(text: string, s: DouyinSettings): number {
  return Math.min(8, Math.max(2, Math.ceil(countChars(text) / s.readingCharsPerSecond) + 1));
}

export function deriveScript(master: MasterStory, s: DouyinSettings): Shot[] {
  const photo = (i: number) => master.images?.[i]?.id ?? '';
  const shots: Shot[] = [];
  const headline = cleanLine(master.fields.headline);
  if (headline)
    shots.push({ kind: 'title', text: headline, seconds: seconds(headline, s), visual: photo(0) });
  const leadSentences = splitSentences(cleanLine(leadParagraph(master.body))).slice(0, 2);
  for (const sentence of leadSentences)
    for (const text of cardTexts(sentence).slice(0, 3))
      shots.push({ kind: 'lead', text, seconds: seconds(text, s), visual: photo(0) });
  keyPoints(master.body, s.maxPoints).forEach((p, i) => {
    const text = trimToLimit(cleanLine(p), 'chars', CARD_CHARS + 4, { ellipsis: '…' });
    shots.push({ kind: 'point', text, seconds: seconds(text, s), visual: photo(i + 1) });
  });
  if (shots.length) shots.push({ kind: 'end', text: s.endCard, seconds: 3, visual: '' });
  return shots;
}

export function deriveDouyin(master: MasterStory, ctx?: ChannelContext): DouyinVariant {
  const s = douyinSettings(ctx?.settings?.douyin);
  const cover = master.images?.[0];
  const lead = cleanLine(leadParagraph(master.body));
  return {
    title: cleanLine(master.fields.headline),
    caption: splitSentences(lead)[0] ?? '',
    hashtags: master.fields.keywords
      .map((k) => cleanLine(k).replace(/[#\s]/g, ''))
      .filter(Boolean)
      .slice(0, s.maxDerivedHashtags),
    mentions: [],
    cover: cover
      ? {
          image: { ...cloneData(cover), caption: channelCaption(cover, 'douyin') },
          crop: centerCrop(cover, 9 / 16),
        }
      : null,
    coverTimeSec: null,
    script: deriveScript(master, s),
    video: null,
  };
}
