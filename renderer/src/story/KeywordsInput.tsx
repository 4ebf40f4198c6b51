// Keywords as chips: Enter, comma or 、 adds one; × removes it.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

const SEPARATORS = /[,，、;；\n]/;

export function KeywordsInput({
  value,
  onChange,
  label,
  removeLabel,
  placeholder,
  max = 30,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  label?: string;
  removeLabel?: (item: string) => string;
  placeholder?: string;
  max?: number;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const id = useId();
  const add = (raw: string) => {
    const words = raw
      .split(SEPARATORS)
      .map((w) => w.trim())
      .filter((w) => w && w.length <= 40);
    const next = [...value];
    for (const w of words) if (!next.includes(w) && next.length < max) next.push(w);
    if (next.length !== value.length) onChange(next);
    setDraft('');
  };
  return (
    <div className="field keywords">
      <label htmlFor={id}>{label ?? t('story.keywords')}</label>
      <div className="chips">
        {value.map((k) => (
          <span key={k} className="chip">
            {k}
            <button
              type="button"
              aria-label={removeLabel ? removeLabel(k) : t('story.removeKeyword', { keyword: k })}
              onClick={() => onChange(value.filter((x) => x !== k))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={placeholder ?? t('story.keywordsPlaceholder')}
          onChange={(e) => {
            const v = e.target.value;
            if (SEPARATORS.test(v) && !(e.nativeEvent as InputEvent).isComposing) add(v);
            else setDraft(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              add(draft);
            } else if (e.key === 'Backspace' && !draft && value.length) {
              onChange(value.slice(0, -1));
            }
          }}
          onBlur={() => draft.trim() && add(draft)}
        />
      </div>
    </div>
  );
}
