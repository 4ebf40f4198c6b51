import { useTranslation } from 'react-i18next';
import type { StorySummary } from '@shared/domain/story';
import { isBuiltInSection } from '@shared/domain/sections';
import { formatNumber, formatRelative } from '../i18n/format';

type Action = 'duplicate' | 'trash' | 'restore' | 'purge';

export function StoryRow({
  story,
  onOpen,
  onAction,
}: {
  story: StorySummary;
  onOpen: (id: string) => void;
  onAction: (a: Action) => void;
}) {
  const { t, i18n } = useTranslation();
  const headline = story.headline || t('story.untitled');
  const section = story.section
    ? isBuiltInSection(story.section)
      ? t(`sections.${story.section}`)
      : story.section
    : null;
  return (
    <li className="story-row">
      <button
        type="button"
        className="story-open"
        onClick={() => onOpen(story.id)}
        aria-label={t('library.open', { headline })}
      >
        <span className="story-title">
          {story.priority !== 'normal' && (
            <span className={`priority priority-${story.priority}`}>
              {t(`priority.${story.priority}`)}
            </span>
          )}
          {story.kicker && <span className="kicker">{story.kicker}</span>}
          <span className="headline">{headline}</span>
        </span>
        <span className="story-excerpt">{story.excerpt}</span>
        <span className="story-meta">
          <span className={`status status-${story.status}`}>{t(`status.${story.status}`)}</span>
          {section && <span className="section-tag">{section}</span>}
          {story.byline && <span>{story.byline}</span>}
          <span>{t('library.words', { n: formatNumber(story.wordCount, i18n.language) })}</span>
          <span title={story.updatedAt}>
            {story.trashedAt
              ? t('library.trashedAt', { when: formatRelative(story.trashedAt, i18n.language) })
              : t('library.updatedAt', { when: formatRelative(story.updatedAt, i18n.language) })}
          </span>
        </span>
      </button>
      <span className="row-actions">
        {story.trashedAt ? (
          <>
            <button
              type="button"
              onClick={() => onAction('restore')}
              aria-label={t('library.restoreOne', { headline })}
            >
              {t('library.restore')}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(t('library.purgeConfirm', { headline }))) onAction('purge');
              }}
              aria-label={t('library.purgeOne', { headline })}
            >
              {t('library.purge')}
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              onClick={() => onAction('duplicate')}
              aria-label={t('library.duplicateOne', { headline })}
            >
              {t('library.duplicate')}
            </button>
            <button
              type="button"
              onClick={() => onAction('trash')}
              aria-label={t('library.trashOne', { headline })}
            >
              {t('library.trash')}
            </button>
          </>
        )}
      </span>
    </li>
  );
}
