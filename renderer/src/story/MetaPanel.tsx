// The story's metadata beside the body: section, priority, embargo, keywords, byline, notes.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { fieldText } from '@shared/body/story-doc';
import {
  FIELD_MAX_LENGTH,
  KeywordsSchema,
  PRIORITIES,
  PrioritySchema,
  type Priority,
} from '@shared/domain/story';
import { BUILT_IN_SECTIONS, isBuiltInSection } from '@shared/domain/sections';
import { YTextInput } from './YTextInput';
import { KeywordsInput } from './KeywordsInput';
import { useFieldValue } from './use-field-value';
import { isoToLocalInput, localInputToIso } from './datetime-local';

const readSection = (raw: unknown) => (typeof raw === 'string' && raw ? raw : null);
const readPriority = (raw: unknown): Priority => {
  const p = PrioritySchema.safeParse(raw);
  return p.success ? p.data : 'normal';
};
const readEmbargo = (raw: unknown) =>
  typeof raw === 'string' && !Number.isNaN(Date.parse(raw)) ? raw : null;
const readKeywords = (raw: unknown) => {
  const k = KeywordsSchema.safeParse(raw);
  return k.success ? k.data : [];
};

export function MetaPanel({ doc }: { doc: Y.Doc }) {
  const { t } = useTranslation();
  const [section, setSection] = useFieldValue(doc, 'section', readSection);
  const [priority, setPriority] = useFieldValue(doc, 'priority', readPriority);
  const [embargo, setEmbargo] = useFieldValue(doc, 'embargo', readEmbargo);
  const [keywords, setKeywords] = useFieldValue(doc, 'keywords', readKeywords);
  const ids = { section: useId(), priority: useId(), embargo: useId() };
  return (
    <aside className="meta-panel" aria-label={t('story.metadata')}>
      <YTextInput
        text={fieldText(doc, 'byline')}
        label={t('story.byline')}
        maxLength={FIELD_MAX_LENGTH.byline}
        placeholder={t('story.bylinePlaceholder')}
      />
      <YTextInput
        text={fieldText(doc, 'dateline')}
        label={t('story.dateline')}
        maxLength={FIELD_MAX_LENGTH.dateline}
        placeholder={t('story.datelinePlaceholder')}
      />
      <div className="field">
        <label htmlFor={ids.section}>{t('story.section')}</label>
        <select
          id={ids.section}
          value={section ?? ''}
          onChange={(e) => setSection(e.target.value || null)}
        >
          <option value="">{t('story.noSection')}</option>
          {BUILT_IN_SECTIONS.map((s) => (
            <option key={s} value={s}>
              {t(`sections.${s}`)}
            </option>
          ))}
          {section && !isBuiltInSection(section) && <option value={section}>{section}</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.priority}>{t('story.priority')}</label>
        <select
          id={ids.priority}
          value={priority}
          onChange={(e) => setPriority(readPriority(e.target.value))}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.embargo}>{t('story.embargo')}</label>
        <div className="inline">
          <input
            id={ids.embargo}
            type="datetime-local"
            value={isoToLocalInput(embargo)}
            onChange={(e) => setEmbargo(localInputToIso(e.target.value))}
          />
          {embargo && (
            <button
              type="button"
              onClick={() => setEmbargo(null)}
              aria-label={t('story.clearEmbargo')}
            >
              ×
            </button>
          )}
        </div>
      </div>
      <KeywordsInput value={keywords} onChange={setKeywords} />
      <YTextInput
        text={fieldText(doc, 'notes')}
        label={t('story.notes')}
        multiline
        rows={5}
        maxLength={FIELD_MAX_LENGTH.notes}
        placeholder={t('story.notesPlaceholder')}
      />
    </aside>
  );
}
