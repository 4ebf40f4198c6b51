// One of my queues (incoming, assigned to me, waiting for my review…): the
// stories in it, with the channel, the step and how long they have waited.
import { useTranslation } from 'react-i18next';
import { CHANNEL_NAMES } from '@shared/workflow/names';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../i18n/format';
import { isSignedOut, useQueues } from './use-workflow';

export function QueueView({ queue, onOpen }: { queue: string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const queues = useQueues();
  const q = queues.data?.mine.find((x) => x.name === queue);
  return (
    <section className="library queue-view" aria-label={t(`queues.${queue}`)}>
      <header className="library-header">
        <h1>{t(`queues.${queue}`)}</h1>
      </header>
      {queues.error && !queues.data ? (
        <p className="rv-hint">
          {isSignedOut(queues.error) ? t('review.workflow.signIn') : errorText(t, queues.error)}
        </p>
      ) : !q ? (
        <p className="rv-empty">{t('workspace.loading')}</p>
      ) : q.items.length === 0 ? (
        <p className="rv-empty">{t('queues.empty')}</p>
      ) : (
        <ul className="queue-list">
          {q.items.map((item) => (
            <li key={`${item.storyId}:${item.channel ?? ''}`}>
              <button type="button" className="queue-item" onClick={() => onOpen(item.storyId)}>
                <span className="queue-headline">{item.headline || t('story.untitled')}</span>
                {item.channel && (
                  <span className="rv-kind">{CHANNEL_NAMES[item.channel][lang]}</span>
                )}
                {item.step && <span className="rv-badge">{item.step.name[lang]}</span>}
                {item.stale && <span className="wf-stale">{t('review.workflow.stale')}</span>}
                <time dateTime={item.since}>{formatDateTime(item.since, i18n.language)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
