// A channel's problems under its preview: what blocks publishing, what is a
// warning, what is a hint; where (field, paragraph, character); one line on
// the rule and how to fix it. Clicking one opens the editor at that spot.
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem, ProblemLocation } from '@shared/channels';
import { countBySeverity, problemWhere } from './problems';

function WhereText({ channel, p }: { channel: string; p: Problem }) {
  const { t } = useTranslation();
  const w = problemWhere(channel, p);
  const parts: string[] = [];
  if (w.fieldKey) parts.push(t(w.fieldKey, { defaultValue: p.at.field }));
  if (w.item !== undefined) parts.push(t('workspace.problems.item', { n: w.item }));
  if (w.char !== undefined) parts.push(t('workspace.problems.char', { n: w.char }));
  return <span className="pb-where">{parts.join(' · ') || t('workspace.problems.whole')}</span>;
}

/** Problems listed at once; the rest behind "show all" (a long story can have hundreds of hints). */
const SHOWN = 60;

/** Memoised: its problems change when checks run, not on every keystroke. */
export const ProblemsPanel = memo(function ProblemsPanel({
  channel,
  channelName,
  problems,
  onJump,
}: {
  channel: string;
  channelName: string;
  problems: Problem[] | undefined;
  onJump: (at: ProblemLocation) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(true);
  const [all, setAll] = useState(false);
  const counts = countBySeverity(problems);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const total = counts.block + counts.warn + counts.hint;
  return (
    <section
      className="problems"
      aria-label={t('workspace.problems.label', { channel: channelName })}
    >
      <button
        type="button"
        className="pb-summary"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="pb-title">{t('workspace.problems.title')}</span>
        {problems === undefined ? (
          <span className="pb-checking">{t('workspace.problems.checking')}</span>
        ) : total === 0 ? (
          <span className="pb-none">{t('workspace.problems.none')}</span>
        ) : (
          <>
            {counts.block > 0 && (
              <span className="sev sev-block">
                {t('workspace.problems.blocks', { count: counts.block, n: counts.block })}
              </span>
            )}
            {counts.warn > 0 && (
              <span className="sev sev-warn">
                {t('workspace.problems.warns', { count: counts.warn, n: counts.warn })}
              </span>
            )}
            {counts.hint > 0 && (
              <span className="sev sev-hint">
                {t('workspace.problems.hints', { count: counts.hint, n: counts.hint })}
              </span>
            )}
          </>
        )}
        <span className="pb-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
      </button>
      {open && problems && problems.length > 0 && (
        <ul className="pb-list">
          {(all ? problems : problems.slice(0, SHOWN)).map((p, i) => (
            <li key={i}>
              <button
                type="button"
                className={`pb-item pb-${p.severity}`}
                title={p.fix[lang]}
                onClick={() => onJump(p.at)}
              >
                <span className={`sev sev-${p.severity}`}>
                  {t(`workspace.problems.severity.${p.severity}`)}
                </span>
                <WhereText channel={channel} p={p} />
                <span className="pb-text">{p.text[lang]}</span>
                <span className="pb-fix">{p.fix[lang]}</span>
              </button>
            </li>
          ))}
          {!all && problems.length > SHOWN && (
            <li>
              <button type="button" className="link-button" onClick={() => setAll(true)}>
                {t('workspace.problems.showAll', { n: problems.length })}
              </button>
            </li>
          )}
        </ul>
      )}
    </section>
  );
});
