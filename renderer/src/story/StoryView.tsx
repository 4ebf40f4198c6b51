// One story open for editing: titles across the top, the body, and the
// metadata panel. Everything is stored as it is typed; there is no save.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { useHost } from '../app/host-context';
import { HostDocProvider } from './host-doc-provider';
import { BodyEditor } from './BodyEditor';
import { MetaPanel } from './MetaPanel';
import { YTextInput } from './YTextInput';
import { fieldText, storyDocId } from '@shared/body/story-doc';
import { FIELD_MAX_LENGTH, type StorySummary } from '@shared/domain/story';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../i18n/format';
import { FileButton } from './FileButton';
import { useSyncStatus } from '../app/sync-status';

export function StoryView({ storyId, onBack }: { storyId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const [summary, setSummary] = useState<StorySummary | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [synced, setSynced] = useState(false);
  const sync = useSyncStatus();
  const { doc, provider } = useMemo(() => {
    const d = new Y.Doc();
    return { doc: d, provider: new HostDocProvider(storyDocId(storyId), d, host) };
  }, [storyId, host]);

  useEffect(() => {
    let alive = true;
    host.call('stories.get', { id: storyId }).then(
      (s) => alive && setSummary(s),
      (err: unknown) => alive && setError(err),
    );
    const off = host.on('stories.changed', ({ ids }) => {
      if (ids.includes(storyId))
        void host.call('stories.get', { id: storyId }).then(
          (s) => alive && setSummary(s),
          () => undefined,
        );
    });
    return () => {
      alive = false;
      off();
    };
  }, [host, storyId]);

  useEffect(() => {
    const onSync = (ok: boolean) => ok && setSynced(true);
    provider.on('sync', onSync as (a: never) => void);
    const offStorage = host.on('storage.status', (s) => {
      if (!s.writable && s.code) provider.noteStorageProblem(s.code);
    });
    const flush = () => provider.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      provider.off('sync', onSync as (a: never) => void);
      offStorage();
      window.removeEventListener('pagehide', flush);
    };
  }, [provider, host]);

  if (error) {
    return (
      <section className="story-missing" role="alert">
        <p>{errorText(t, error)}</p>
        <button type="button" onClick={onBack}>
          {t('story.backToLibrary')}
        </button>
      </section>
    );
  }

  return (
    <section className="story" aria-label={t('story.editorLabel')}>
      <header className="story-header">
        <button type="button" className="back" onClick={onBack}>
          ← {t('nav.library')}
        </button>
        {summary && (
          <span className="story-facts">
            <span className={`status status-${summary.status}`}>
              {t(`status.${summary.status}`)}
            </span>
            <span>
              {t('story.createdAt', { when: formatDateTime(summary.createdAt, i18n.language) })}
            </span>
            {summary.pendingCommand && <span className="pending">{t('sync.pendingCommand')}</span>}
            {summary.trashedAt && <span className="in-trash">{t('story.inTrash')}</span>}
          </span>
        )}
        <span className="story-header-spacer" />
        {summary && <FileButton story={summary} />}
      </header>
      <div className="story-body">
        <div className="story-main">
          {synced && (
            <div className="titles">
              <YTextInput
                text={fieldText(doc, 'kicker')}
                label={t('story.kicker')}
                className="kicker-field"
                maxLength={FIELD_MAX_LENGTH.kicker}
                placeholder={t('story.kickerPlaceholder')}
              />
              <YTextInput
                text={fieldText(doc, 'headline')}
                label={t('story.headline')}
                className="headline-field"
                maxLength={FIELD_MAX_LENGTH.headline}
                placeholder={t('story.headlinePlaceholder')}
              />
              <YTextInput
                text={fieldText(doc, 'subheadline')}
                label={t('story.subheadline')}
                className="subheadline-field"
                maxLength={FIELD_MAX_LENGTH.subheadline}
                placeholder={t('story.subheadlinePlaceholder')}
              />
            </div>
          )}
          <BodyEditor
            provider={provider}
            doc={doc}
            userName={sync?.user?.displayName ?? t('story.me')}
          />
        </div>
        {synced && <MetaPanel doc={doc} />}
      </div>
    </section>
  );
}
