// The story library (稿库) and the trash: search, filter, sort, create,
// import, duplicate, move to trash and back.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { useStoryList, type ListFilters } from './use-story-list';
import { StoryRow } from './StoryRow';
import { ImportButton } from './ImportButton';
import { newId } from '@shared/domain/ids';
import { STORY_STATUSES, STORY_SORTS } from '@shared/domain/story';
import { BUILT_IN_SECTIONS } from '@shared/domain/sections';
import { formatNumber } from '../i18n/format';

export function LibraryView({
  trashed,
  onOpen,
}: {
  trashed: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [queryText, setQueryText] = useState('');
  const [filters, setFilters] = useState<ListFilters>({ sort: 'updated', order: 'desc', trashed });
  const list = useStoryList({ ...filters, trashed });
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(
      () => setFilters((f) => ({ ...f, query: queryText.trim() || undefined })),
      200,
    );
  }, [queryText]);

  const create = async () => {
    try {
      const story = await host.call('stories.create', { id: newId() });
      onOpen(story.id);
    } catch (err) {
      toast(errorText(t, err), 'error');
    }
  };

  const act = async (action: 'duplicate' | 'trash' | 'restore' | 'purge', id: string) => {
    try {
      if (action === 'duplicate') {
        await host.call('stories.duplicate', { id, newId: newId() });
        toast(t('library.duplicated'));
      } else if (action === 'trash') {
        await host.call('stories.trash', { id });
        toast(t('library.trashed'));
      } else if (action === 'restore') {
        await host.call('stories.restore', { id });
        toast(t('library.restored'));
      } else {
        await host.call('stories.purge', { id });
        toast(t('library.purged'));
      }
      await list.reload();
    } catch (err) {
      toast(errorText(t, err), 'error');
    }
  };

  const title = trashed ? t('nav.trash') : t('nav.library');
  return (
    <section className="library" aria-label={title}>
      <header className="library-header">
        <h1>{title}</h1>
        {!trashed && (
          <div className="library-actions">
            <ImportButton onImported={onOpen} />
            <button type="button" className="primary" onClick={() => void create()}>
              {t('library.newStory')}
            </button>
          </div>
        )}
      </header>
      <div className="library-filters" role="search">
        <input
          type="search"
          className="search"
          aria-label={t('library.search')}
          placeholder={t('library.searchPlaceholder')}
          value={queryText}
          onChange={(e) => setQueryText(e.target.value)}
        />
        <label>
          <span>{t('library.status')}</span>
          <select
            value={filters.status ?? ''}
            onChange={(e) =>
              setFilters((f) => ({
                ...f,
                status: (e.target.value || undefined) as ListFilters['status'],
              }))
            }
          >
            <option value="">{t('library.all')}</option>
            {STORY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('library.section')}</span>
          <select
            value={filters.section ?? ''}
            onChange={(e) => setFilters((f) => ({ ...f, section: e.target.value || undefined }))}
          >
            <option value="">{t('library.all')}</option>
            {BUILT_IN_SECTIONS.map((s) => (
              <option key={s} value={s}>
                {t(`sections.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('library.sort')}</span>
          <select
            value={filters.sort}
            onChange={(e) =>
              setFilters((f) => ({ ...f, sort: e.target.value as ListFilters['sort'] }))
            }
          >
            {STORY_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`library.sortBy.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={filters.order === 'desc' ? t('library.orderDesc') : t('library.orderAsc')}
          title={filters.order === 'desc' ? t('library.orderDesc') : t('library.orderAsc')}
          onClick={() => setFilters((f) => ({ ...f, order: f.order === 'desc' ? 'asc' : 'desc' }))}
        >
          {filters.order === 'desc' ? '↓' : '↑'}
        </button>
      </div>
      <p className="library-count" aria-live="polite">
        {list.estimate
          ? t('library.countMore', {
              count: list.total,
              n: formatNumber(list.total, i18n.language),
            })
          : t('library.count', { count: list.total, n: formatNumber(list.total, i18n.language) })}
      </p>
      {list.error !== null && (
        <p className="error" role="alert">
          {errorText(t, list.error)}
        </p>
      )}
      <ul className="story-list" aria-label={t('library.listLabel')} aria-busy={list.loading}>
        {list.items.map((s) => (
          <StoryRow key={s.id} story={s} onOpen={onOpen} onAction={(a) => void act(a, s.id)} />
        ))}
      </ul>
      {!list.loading && list.items.length === 0 && (
        <p className="empty">
          {filters.query
            ? t('library.noResults')
            : trashed
              ? t('library.trashEmpty')
              : t('library.empty')}
        </p>
      )}
      {list.items.length < list.total && list.items.length < 200 && (
        <button type="button" className="load-more" onClick={list.loadMore}>
          {t('library.loadMore')}
        </button>
      )}
    </section>
  );
}
