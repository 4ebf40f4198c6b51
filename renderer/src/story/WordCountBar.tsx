// 字数 / paragraphs / reading time under the body, recounted shortly after typing stops.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { countWords, readingMinutes } from '@shared/text/word-count';
import { formatNumber } from '../i18n/format';

interface Counts {
  words: number;
  paragraphs: number;
  minutes: number;
}

export function countBody(text: string): Counts {
  const c = countWords(text);
  const paragraphs = text.split('\n').filter((l) => l.trim().length > 0).length;
  return { words: c.total, paragraphs, minutes: readingMinutes(c) };
}

export function WordCountBar({ children }: { children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [counts, setCounts] = useState<Counts>({ words: 0, paragraphs: 0, minutes: 0 });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = editor.registerTextContentListener((text) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setCounts(countBody(text)), 120);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [editor]);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <div className="count-bar">
      <span aria-label={t('story.wordCountLabel')} data-testid="word-count">
        {t('story.wordCount', { n: n(counts.words) })}
      </span>
      <span>{t('story.paragraphCount', { n: n(counts.paragraphs) })}</span>
      <span>{t('story.readingTime', { count: counts.minutes, n: n(counts.minutes) })}</span>
      <span className="count-bar-spacer" />
      {children}
    </div>
  );
}
