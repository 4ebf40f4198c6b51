// The master story in the workspace: titles, the story information (folds
// away), and the body — exactly the story editor, bound to the story's document.
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncUser } from '../app/sync-status';
import type * as Y from 'yjs';
import { fieldsMap, fieldText, parseDocId, readFields } from '@shared/body/story-doc';
import { FIELD_MAX_LENGTH, type StoryFields } from '@shared/domain/story';
import { BodyEditor } from '../story/BodyEditor';
import { MetaPanel } from '../story/MetaPanel';
import { YTextInput } from '../story/YTextInput';
import type { HostDocProvider } from '../story/host-doc-provider';
import { PhotosSection } from '../photos/PhotosSection';

interface Props {
  doc: Y.Doc;
  provider: HostDocProvider;
  synced: boolean;
  infoOpen: boolean;
  onToggleInfo: () => void;
}

/** The story information in one line, for when its panel is folded. */
function useInfoLine(doc: Y.Doc): string {
  const { t } = useTranslation();
  const [fields, setFields] = useState<StoryFields>(() => readFields(doc));
  useEffect(() => {
    const map = fieldsMap(doc);
    const update = () => setFields(readFields(doc));
    map.observeDeep(update);
    return () => map.unobserveDeep(update);
  }, [doc]);
  return [
    fields.byline,
    fields.section && t(`sections.${fields.section}`, { defaultValue: fields.section }),
    fields.priority !== 'normal' && t(`priority.${fields.priority}`),
    fields.embargo && t('story.embargo'),
    fields.keywords.length > 0 && fields.keywords.join('、'),
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Memoised: the workspace re-renders on state changes the master does not show. */
export const MasterPane = memo(function MasterPane({
  doc,
  provider,
  synced,
  infoOpen,
  onToggleInfo,
}: Props) {
  const { t } = useTranslation();
  const user = useSyncUser();
  const infoLine = useInfoLine(doc);
  return (
    <div className="master" aria-label={t('workspace.master')} role="region">
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
            wrap
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
      {synced && (
        <div className="info">
          <button
            type="button"
            className="info-toggle"
            aria-expanded={infoOpen}
            onClick={onToggleInfo}
          >
            <span aria-hidden="true">{infoOpen ? '▾' : '▸'} </span>
            {t('story.metadata')}
          </button>
          {!infoOpen && <span className="info-line">{infoLine}</span>}
          {infoOpen && <MetaPanel doc={doc} />}
        </div>
      )}
      {synced && <PhotosSection doc={doc} storyId={parseDocId(provider.docId)?.storyId ?? ''} />}
      <BodyEditor provider={provider} doc={doc} userName={user?.displayName ?? t('story.me')} />
    </div>
  );
});
