// A channel desk's review chain (三审三校): the steps in order — name, the
// least senior role that may sign, and what each step demands — the number
// of proofreading rounds, and whether one person may sign two steps. Saved
// on the server; "newsroom default" removes the desk's own chain.
import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { DEFAULT_REVIEW_PLANS, channelOfDeskCode } from '@shared/workflow/desks';
import type { ReviewPlan, ReviewStep } from '@shared/workflow/review-plan';
import type { AdminDesk } from '@shared/sync/admin';
import type { AdminActions } from './AdminView';

const SIGNER_ROLES = ['channel_editor', 'desk_head', 'editor_in_chief'] as const;
const FLAGS = ['deskBound', 'canVeto', 'requiresVerifiedSources', 'requiresScanClear'] as const;
const MAX_STEPS = 6;

function stepName(step: ReviewStep, lang: string): string {
  return lang.startsWith('zh') ? step.name['zh-CN'] : step.name.en;
}

/** One line: 初审（渠道编辑）→ 复审（部门主任）→ 终审（总编辑，可否决）· 校对 1 次 */
export function planSummary(plan: ReviewPlan, t: TFunction, lang: string): string {
  const steps = plan.steps
    .map((s) => {
      const notes = [t(`admin.role.${s.role}`), ...(s.canVeto ? [t('admin.plan.vetoShort')] : [])];
      return `${stepName(s, lang)}（${notes.join('，')}）`;
    })
    .join(' → ');
  return `${steps} · ${t('admin.plan.roundsShort', { count: plan.proofreadRounds })}`;
}

function freshStepId(plan: ReviewPlan): string {
  for (let i = plan.steps.length + 1; ; i++) {
    const id = `step${i}`;
    if (!plan.steps.some((s) => s.id === id)) return id;
  }
}

export function ReviewPlanEditor({ desk, actions }: { desk: AdminDesk; actions: AdminActions }) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const channel = channelOfDeskCode(desk.code);
  const fallback = channel ? DEFAULT_REVIEW_PLANS[channel] : null;
  const [draft, setDraft] = useState<ReviewPlan | null>(null);
  const roundsId = useId();
  if (!fallback) return <p className="hint">{t('admin.plan.noChannel')}</p>;
  const current = desk.reviewPlan ?? fallback;
  const lang = i18n.language;

  if (!draft) {
    return (
      <div className="admin-plan">
        <p>
          <strong>{t('admin.plan.title')}</strong>
          {desk.reviewPlan ? '' : `（${t('admin.plan.default')}）`}：{planSummary(current, t, lang)}
        </p>
        <button
          type="button"
          onClick={() => setDraft(structuredClone(current))}
          aria-label={t('admin.plan.editOf', { desk: desk.name })}
        >
          {t('admin.plan.edit')}
        </button>
      </div>
    );
  }

  const setStep = (i: number, change: Partial<ReviewStep>) =>
    setDraft({
      ...draft,
      steps: draft.steps.map((s, j) => (j === i ? { ...s, ...change } : s)),
    });
  const move = (i: number, by: -1 | 1) => {
    const steps = [...draft.steps];
    const [s] = steps.splice(i, 1);
    steps.splice(i + by, 0, s!);
    setDraft({ ...draft, steps });
  };
  const save = async (plan: ReviewPlan | null) => {
    const ok = await actions.run(
      () => host.call('workflow.setReviewPlan', { deskId: desk.id, plan }),
      t('admin.plan.saved', { desk: desk.name }),
    );
    if (ok) setDraft(null);
  };
  const emptyName = draft.steps.some((s) => !s.name['zh-CN'].trim());

  return (
    <form
      className="admin-plan-editor"
      aria-label={t('admin.plan.editOf', { desk: desk.name })}
      onSubmit={(e) => {
        e.preventDefault();
        void save(draft);
      }}
    >
      <ol>
        {draft.steps.map((s, i) => {
          const name = stepName(s, lang) || t('admin.plan.unnamed', { n: i + 1 });
          return (
            <li key={s.id} className="admin-plan-step">
              <input
                aria-label={t('admin.plan.stepName', { n: i + 1 })}
                value={s.name['zh-CN']}
                maxLength={20}
                onChange={(e) =>
                  setStep(i, { name: { 'zh-CN': e.target.value, en: s.name.en || e.target.value } })
                }
              />
              <select
                aria-label={t('admin.plan.signer', { step: name })}
                value={s.role}
                onChange={(e) =>
                  setStep(i, { role: e.target.value as (typeof SIGNER_ROLES)[number] })
                }
              >
                {SIGNER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`admin.role.${r}`)}
                  </option>
                ))}
              </select>
              {FLAGS.map((f) => (
                <label key={f} className="admin-check">
                  <input
                    type="checkbox"
                    checked={s[f]}
                    onChange={(e) => setStep(i, { [f]: e.target.checked })}
                  />
                  {t(`admin.plan.flag.${f}`)}
                </label>
              ))}
              <span className="admin-plan-move">
                <button
                  type="button"
                  className="icon-button"
                  disabled={i === 0}
                  aria-label={t('admin.plan.up', { step: name })}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-button"
                  disabled={i === draft.steps.length - 1}
                  aria-label={t('admin.plan.down', { step: name })}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-button"
                  disabled={draft.steps.length === 1}
                  aria-label={t('admin.plan.remove', { step: name })}
                  onClick={() =>
                    setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })
                  }
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="admin-inline">
        <button
          type="button"
          disabled={draft.steps.length >= MAX_STEPS}
          onClick={() =>
            setDraft({
              ...draft,
              steps: [
                ...draft.steps,
                {
                  id: freshStepId(draft),
                  name: { 'zh-CN': '', en: '' },
                  role: 'desk_head',
                  deskBound: true,
                  canVeto: false,
                  requiresVerifiedSources: false,
                  requiresScanClear: false,
                },
              ],
            })
          }
        >
          {t('admin.plan.addStep')}
        </button>
        <label htmlFor={roundsId}>{t('admin.plan.rounds')}</label>
        <input
          id={roundsId}
          type="number"
          min={0}
          max={5}
          value={draft.proofreadRounds}
          onChange={(e) =>
            setDraft({
              ...draft,
              proofreadRounds: Math.max(0, Math.min(5, Number(e.target.value) || 0)),
            })
          }
        />
        <label className="admin-check">
          <input
            type="checkbox"
            checked={draft.distinctReviewers}
            onChange={(e) => setDraft({ ...draft, distinctReviewers: e.target.checked })}
          />
          {t('admin.plan.distinct')}
        </label>
      </div>
      {emptyName && (
        <p className="error" role="alert">
          {t('admin.plan.nameRequired')}
        </p>
      )}
      <div className="admin-inline">
        <button type="submit" className="primary" disabled={emptyName}>
          {t('admin.plan.save')}
        </button>
        <button type="button" onClick={() => void save(null)}>
          {t('admin.plan.useDefault')}
        </button>
        <button type="button" onClick={() => setDraft(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
