// Douyin's script: each text card edited in place (its text is a Y.Text, so
// two desks can work on one script), with its time on screen; cards can be
// removed and added.
import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { variantCards } from '@shared/variants/variant-doc';
import { YTextInput } from '../../story/YTextInput';
import { FIELD_ORIGIN } from '../../story/local-origin';

export function CardsEditor({ doc, field }: { doc: Y.Doc; field: string }) {
  const { t } = useTranslation();
  const cards = variantCards(doc, field);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const onChange = () => rerender();
    cards.observeDeep(onChange);
    return () => cards.unobserveDeep(onChange);
  }, [cards]);
  const add = () =>
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      m.set('kind', 'point');
      m.set('text', new Y.Text(''));
      m.set('seconds', 3);
      m.set('visual', '');
      cards.insert(Math.max(0, cards.length - 1), [m]);
    }, FIELD_ORIGIN);
  return (
    <fieldset className="cards" data-field={field}>
      <legend>{t(`variant.fields.douyin.${field}`)}</legend>
      <ol>
        {cards.toArray().map((m, i) => {
          const text = m.get('text');
          const seconds = Number(m.get('seconds') ?? 3);
          const kind = String(m.get('kind') ?? 'point');
          return (
            <li key={i} className="card-row" data-field={field} data-index={i}>
              {text instanceof Y.Text && (
                <YTextInput
                  text={text}
                  label={t('workspace.douyin.cardLabel', {
                    n: i + 1,
                    kind: t(`workspace.douyin.kind.${kind}`),
                  })}
                  maxLength={60}
                />
              )}
              <label className="card-seconds">
                <span>{t('workspace.douyin.secondsLabel')}</span>
                <input
                  type="number"
                  min={0.5}
                  max={60}
                  step={0.5}
                  value={seconds}
                  onChange={(e) => {
                    const v = Number(e.target.value);
                    if (v >= 0.5 && v <= 60) doc.transact(() => m.set('seconds', v), FIELD_ORIGIN);
                  }}
                />
              </label>
              <button
                type="button"
                className="icon-button"
                aria-label={t('workspace.douyin.removeCard', { n: i + 1 })}
                onClick={() => doc.transact(() => cards.delete(i, 1), FIELD_ORIGIN)}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={add}>
        {t('workspace.douyin.addCard')}
      </button>
    </fieldset>
  );
}
