// 流程: where the story and each channel version stand in the review chain
// (初审 → 复审 → 终审, who signed when, STALE when the text changed since),
// the actions this person may take now (exactly the allowed ones), the steps
// still waiting in the outbox, and the story's timeline.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditReportButton } from './AuditReportButton';
import type { PlacedAnnotation } from '@shared/annotations';
import { makeAnchor, placeAnchor } from '@shared/annotations';
import type { ChannelId } from '@shared/domain/channel-ids';
import { newId } from '@shared/domain/ids';
import type { TextAnchor, WorkflowCommand } from '@shared/workflow/commands';
import type { VariantWorkflow } from '@shared/workflow/state';
import { scanStatus } from '@shared/workflow/progress';
import { CHANNEL_NAMES, STAGE_NAMES } from '@shared/workflow/names';
import { HostError } from '@shared/api/errors';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../i18n/format';
import { useReview } from '../review/review-context';
import { masterSelection, selectInMaster } from '../review/master-dom';
import {
  actionInputs,
  fillCommand,
  initialValues,
  isOneClick,
  type ActionValues,
} from './action-form';
import { isSignedOut, type UseWorkflowState, type WorkflowStateView } from './use-workflow';

type Lang = 'zh-CN' | 'en';

function useLang(): Lang {
  return useTranslation().i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Names made for running text ("the news app version") start with a capital in a heading or badge. */
function title(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function ActionForm({
  probe,
  view,
  annotations,
  lastInput,
  onSend,
  onCancel,
}: {
  probe: WorkflowCommand;
  view: WorkflowStateView;
  annotations: PlacedAnnotation[];
  lastInput: () => HTMLInputElement | HTMLTextAreaElement | null;
  onSend: (cmd: WorkflowCommand) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { doc, master } = useReview();
  const [values, setValues] = useState<ActionValues>(() => initialValues(probe));
  const [hint, setHint] = useState(false);
  const set = (p: Partial<ActionValues>) => setValues((v) => ({ ...v, ...p }));
  const cmd = fillCommand(probe, values, newId());
  const label = t(`review.workflow.action.${probe.type}`);
  const comments = annotations.filter((a) => a.status === 'open');
  const hasAnchor = (a: TextAnchor) =>
    values.anchors.some((x) => x.quote === a.quote && x.start === a.start);
  const addSelection = () => {
    const m = master();
    const sel = m && masterSelection(m, doc, lastInput());
    const anchor = sel && makeAnchor(doc, sel.segment, sel.start, sel.end);
    setHint(!anchor);
    if (anchor && !hasAnchor(anchor)) set({ anchors: [...values.anchors, anchor] });
  };
  return (
    <form
      className="rv-compose"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        if (cmd) onSend(cmd);
      }}
    >
      {actionInputs(probe).map((input) => {
        switch (input.kind) {
          case 'text':
            return (
              <label className="rv-field" key={input.field}>
                <span>
                  {t(
                    `review.workflow.field.${probe.type === 'sign_off' ? 'comment' : input.field}`,
                  )}
                  {input.required ? ' *' : ''}
                </span>
                <textarea
                  rows={2}
                  value={values.text}
                  required={input.required}
                  onChange={(e) => set({ text: e.target.value })}
                />
              </label>
            );
          case 'publishAt':
            return (
              <label className="rv-field" key="publishAt">
                <span>{t('review.workflow.field.publishAt')}</span>
                <input
                  type="datetime-local"
                  value={toLocalInput(values.publishAt)}
                  onChange={(e) => {
                    const d = new Date(e.target.value);
                    if (!Number.isNaN(d.getTime())) set({ publishAt: d.toISOString() });
                  }}
                />
              </label>
            );
          case 'person':
            return (
              <label className="rv-field" key={input.field}>
                <span>{t(`review.workflow.field.${input.field}`)}</span>
                <select value={values.person} onChange={(e) => set({ person: e.target.value })}>
                  {view.directory.people
                    .filter((p) => p.active)
                    .map((p) => (
                      <option key={p.userId} value={p.userId}>
                        {p.name}
                      </option>
                    ))}
                </select>
              </label>
            );
          case 'corrections':
            return (
              <label className="rv-field" key="corrections">
                <span>{t('review.workflow.field.corrections')}</span>
                <input
                  type="number"
                  min={0}
                  value={values.corrections}
                  onChange={(e) => set({ corrections: Math.max(0, Number(e.target.value) || 0) })}
                />
              </label>
            );
          case 'anchors':
            return (
              <fieldset className="rv-sources-pick" key="anchors">
                <legend>{t('review.workflow.field.anchors')}</legend>
                {comments.map((a) => (
                  <label key={a.id} className="rv-check">
                    <input
                      type="checkbox"
                      checked={hasAnchor(a.anchor)}
                      onChange={(e) =>
                        set({
                          anchors: e.target.checked
                            ? [...values.anchors, a.anchor]
                            : values.anchors.filter(
                                (x) => !(x.quote === a.anchor.quote && x.start === a.anchor.start),
                              ),
                        })
                      }
                    />
                    “{a.anchor.quote}”
                  </label>
                ))}
                {values.anchors
                  .filter((x) => !comments.some((a) => a.anchor.start === x.start))
                  .map((x, i) => (
                    <span key={i} className="rv-quote">
                      {x.quote}
                    </span>
                  ))}
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={addSelection}
                >
                  {t('review.workflow.anchorSelection')}
                </button>
                {hint && <span className="rv-hint">{t('review.comments.selectFirst')}</span>}
              </fieldset>
            );
        }
      })}
      <div className="rv-actions">
        <button type="submit" className="primary" disabled={!cmd}>
          {label}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The words a send-back points at; each jumps to where they are now. */
function AnchorQuotes({ anchors }: { anchors: readonly TextAnchor[] }) {
  const { t } = useTranslation();
  const { doc, master } = useReview();
  return (
    <>
      {anchors.map((a, i) => {
        const place = placeAnchor(doc, a);
        return (
          <button
            key={i}
            type="button"
            className="rv-quote rv-jump wf-anchor"
            disabled={place.state === 'orphaned'}
            title={t('review.comments.jump')}
            onClick={() => {
              const m = master();
              if (m && place.state !== 'orphaned')
                selectInMaster(m, doc, a.segment, place.start, place.end);
            }}
          >
            {a.quote}
          </button>
        );
      })}
    </>
  );
}

function ReviewStrip({ view, channel }: { view: WorkflowStateView; channel: ChannelId }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const progress = view.progress[channel];
  const name = (id: string) => view.directory.people.find((p) => p.userId === id)?.name ?? id;
  const local = view.local.find((l) => l.channel === channel);
  if (!progress) return null;
  return (
    <ol
      className="wf-strip"
      aria-label={t('review.workflow.strip', { channel: CHANNEL_NAMES[channel][lang] })}
    >
      {progress.steps.map((step) => {
        // This computer's copy counts too: an edit not yet on the server already un-approves.
        const s =
          step.state === 'approved' && local && step.signOff?.contentHash !== local.hash
            ? { ...step, state: 'stale' as const }
            : step;
        return (
          <li key={s.step.id} className={`wf-step wf-${s.state}`}>
            <span className="wf-step-name">{s.step.name[lang]}</span>
            {s.state === 'stale' && (
              <span className="wf-stale" title={t('review.workflow.staleHint')}>
                {t('review.workflow.stale')}
              </span>
            )}
            {s.signOff ? (
              <span className="wf-who">
                {s.state === 'approved' ? '✓ ' : ''}
                {name(s.signOff.by)} · {formatDateTime(s.signOff.at, i18n.language)}
                {s.signOff.comment && <q>{s.signOff.comment}</q>}
              </span>
            ) : (
              <span className="wf-who">{t('review.workflow.waiting')}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** Blocking 机审 findings on the server's copy of a version: they stop 终审 and publishing. */
function ScanGate({
  view,
  variant,
  channel,
}: {
  view: WorkflowStateView;
  variant: VariantWorkflow;
  channel: ChannelId;
}) {
  const { t } = useTranslation();
  if (variant.stage === 'published' || variant.stage === 'spiked' || variant.stage === 'vetoed')
    return null;
  const hash = view.content.find((x) => x.channel === channel)?.hash ?? null;
  const st = scanStatus(variant, view.scans[channel], hash);
  if (!st.current || st.unresolved.length === 0) return null;
  const terms = [...new Set(st.unresolved.map((f) => f.text))].join('、');
  return (
    <p className="rv-blocking wf-scan-gate">
      {t('review.workflow.scanBlocks', { count: st.unresolved.length, terms })}
    </p>
  );
}

/** Where a published version went (the publisher's id and address) and when; or why not. */
function Deliveries({ variant, channel }: { variant: VariantWorkflow; channel: ChannelId }) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const waiting =
    variant.stage === 'published' &&
    !variant.deliveries.some((d) => d.revision === variant.publications.at(-1)?.revision);
  if (!variant.deliveries.length && !waiting) return null;
  return (
    <section
      className="wf-deliveries"
      aria-label={t('review.workflow.deliveries', { channel: CHANNEL_NAMES[channel][lang] })}
    >
      <h4>{t('review.workflow.deliveriesTitle')}</h4>
      <ul className="rv-list">
        {variant.deliveries.map((d, i) => (
          <li key={i} className={`wf-delivery wf-delivery-${d.outcome}`}>
            <span className={d.outcome === 'delivered' ? 'wf-ok' : 'rv-error'}>
              {t(`review.workflow.delivery.${d.outcome}`)}
            </span>
            <time dateTime={d.at}>{formatDateTime(d.at, i18n.language)}</time>
            {d.target?.externalId && (
              <span className="wf-delivery-id">
                {t('review.workflow.deliveryId', { id: d.target.externalId })}
              </span>
            )}
            {d.target?.url && (
              <a className="wf-delivery-url" href={d.target.url} target="_blank" rel="noreferrer">
                {d.target.url}
              </a>
            )}
            {d.error && <span className="rv-hint">{d.error}</span>}
          </li>
        ))}
        {waiting && (
          <li className="wf-delivery wf-pending">{t('review.workflow.delivery.waiting')}</li>
        )}
      </ul>
    </section>
  );
}

export function WorkflowTab({
  wf,
  annotations,
  lastInput,
}: {
  /** The story's workflow (loaded by the panel, which also takes the people list from it). */
  wf: UseWorkflowState;
  annotations: PlacedAnnotation[];
  lastInput: () => HTMLInputElement | HTMLTextAreaElement | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (wf.error && !wf.data) {
    return (
      <p className="rv-hint" role="status">
        {isSignedOut(wf.error) ? t('review.workflow.signIn') : errorText(t, wf.error)}
      </p>
    );
  }
  const view = wf.data;
  if (!view) return <p className="rv-empty">{t('workspace.loading')}</p>;
  const s = view.state;
  const name = (id: string | null) =>
    id ? (view.directory.people.find((p) => p.userId === id)?.name ?? id) : '';
  // Event texts may carry desk or person ids; show their names.
  const named = (text: string) => {
    let out = text;
    for (const d of view.directory.desks) out = out.split(d.id).join(d.name[lang]);
    for (const p of view.directory.people) out = out.split(p.userId).join(p.name);
    return out;
  };
  const send = (cmd: WorkflowCommand) => {
    setBusy(true);
    wf.command(cmd).then(
      (reason) => {
        setBusy(false);
        setRefusal(reason ? reason.message[lang] : null);
        if (!reason) setOpen(null);
      },
      (err: unknown) => {
        setBusy(false);
        setRefusal(errorText(t, err));
      },
    );
  };
  const actionKey = (a: { type: string; channel: string | null }) => `${a.type}:${a.channel ?? ''}`;
  // An action already waiting in the outbox is shown as pending, not offered again.
  const pendingKeys = new Set(
    view.pending.map((c) =>
      actionKey({ type: c.type, channel: 'channel' in c ? c.channel : null }),
    ),
  );
  const actions = (channel: ChannelId | null) =>
    view.allowedActions.filter(
      (a) =>
        a.channel === channel && a.type !== 'record_delivery' && !pendingKeys.has(actionKey(a)),
    );
  const renderActions = (channel: ChannelId | null) => {
    // A view the server no longer confirms offers nothing to do.
    const list = wf.error === null ? actions(channel) : [];
    if (!list.length) return null;
    return (
      <div className="rv-actions wf-actions">
        {list.map((a) =>
          open === actionKey(a) ? null : (
            <button
              key={actionKey(a)}
              type="button"
              className={a.type === 'sign_off' || a.type === 'publish' ? 'primary' : undefined}
              disabled={busy}
              onClick={() => {
                setRefusal(null);
                if (isOneClick(a.probe)) send({ ...a.probe, commandId: newId() });
                else setOpen(actionKey(a));
              }}
            >
              {t(`review.workflow.action.${a.type}`)}
            </button>
          ),
        )}
        {list
          .filter((a) => open === actionKey(a))
          .map((a) => (
            <ActionForm
              key={actionKey(a)}
              probe={a.probe}
              view={view}
              annotations={annotations}
              lastInput={lastInput}
              onSend={send}
              onCancel={() => setOpen(null)}
            />
          ))}
      </div>
    );
  };
  const channels = Object.keys(s.variants) as ChannelId[];
  return (
    <div className="wf">
      <p className="wf-stage">
        <span className={`status status-${s.stage}`}>{title(STAGE_NAMES[s.stage][lang])}</span>
        {s.desk && (
          <span>{view.directory.desks.find((d) => d.id === s.desk)?.name[lang] ?? s.desk}</span>
        )}
        {s.assignee && <span>{t('review.workflow.assignee', { who: name(s.assignee) })}</span>}
      </p>
      {!view.fresh && <p className="rv-hint">{t('review.workflow.notFresh')}</p>}
      {wf.error !== null && (
        <p className="rv-blocking" role="status">
          {wf.error instanceof HostError && wf.error.code === 'forbidden'
            ? t('review.workflow.gone')
            : errorText(t, wf.error)}
        </p>
      )}
      {s.returned && (
        <div className="rv-blocking">
          {t('review.workflow.returned', { who: name(s.returned.by), reason: s.returned.reason })}
          <AnchorQuotes anchors={s.returned.anchors} />
        </div>
      )}
      {refusal && (
        <p className="rv-error" role="alert">
          {refusal}
        </p>
      )}
      {view.pending.length > 0 && (
        <section aria-label={t('review.workflow.pending')}>
          <h3>{t('review.workflow.pending')}</h3>
          <ul className="rv-list">
            {view.pending.map((c) => (
              <li key={c.commandId} className="wf-pending">
                {t(`review.workflow.action.${c.type}`)}
                {'channel' in c && c.channel ? ` · ${CHANNEL_NAMES[c.channel][lang]}` : ''}
                <span className="rv-badge">{t('review.workflow.pendingBadge')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {renderActions(null)}
      {channels.map((c) => {
        const v = s.variants[c]!;
        const last = v.sendBacks[v.sendBacks.length - 1];
        return (
          <section key={c} className="wf-version" aria-label={title(CHANNEL_NAMES[c][lang])}>
            <h3>
              {title(CHANNEL_NAMES[c][lang])}
              <span className={`status status-${v.stage}`}>
                {title(STAGE_NAMES[v.stage][lang])}
              </span>
              {v.assignee && <span className="rv-meta">{name(v.assignee)}</span>}
            </h3>
            <ReviewStrip view={view} channel={c} />
            {view.local.some((l) => l.channel === c && !l.synced) && (
              <p className="rv-hint">{t('review.workflow.notSynced')}</p>
            )}
            {v.stage === 'sent_back' && last && (
              <div className="rv-blocking">
                {t('review.workflow.sentBack', { who: name(last.by), reason: last.reason })}
                <AnchorQuotes anchors={last.anchors} />
              </div>
            )}
            {v.schedule && (
              <p className="rv-meta">
                {t('review.workflow.scheduledAt', {
                  when: formatDateTime(v.schedule.publishAt, i18n.language),
                })}
              </p>
            )}
            <ScanGate view={view} variant={v} channel={c} />
            <Deliveries variant={v} channel={c} />
            {renderActions(c)}
          </section>
        );
      })}
      {unclaimedChannels(view).length > 0 && renderUnclaimed(view, renderActions)}
      <section aria-label={t('review.workflow.timeline')}>
        <h3>{t('review.workflow.timeline')}</h3>
        <AuditReportButton storyId={s.storyId} />
        {view.timeline.length === 0 ? (
          <p className="rv-empty">{t('review.workflow.noEvents')}</p>
        ) : (
          <ol className="wf-timeline">
            {[...view.timeline].reverse().map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{formatDateTime(e.at, i18n.language)}</time>
                <span>{named(e.text[lang])}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Channels no desk has claimed yet, but which this person may claim. */
function unclaimedChannels(view: WorkflowStateView): ChannelId[] {
  return [
    ...new Set(
      view.allowedActions
        .filter((a) => a.type === 'claim' && a.channel && !view.state.variants[a.channel])
        .map((a) => a.channel as ChannelId),
    ),
  ];
}

function renderUnclaimed(
  view: WorkflowStateView,
  renderActions: (c: ChannelId | null) => ReactNode,
) {
  return unclaimedChannels(view).map((c) => (
    <UnclaimedVersion key={c} channel={c}>
      {renderActions(c)}
    </UnclaimedVersion>
  ));
}

function UnclaimedVersion({ channel, children }: { channel: ChannelId; children: ReactNode }) {
  const lang = useLang();
  return (
    <section className="wf-version" aria-label={title(CHANNEL_NAMES[channel][lang])}>
      <h3>
        {title(CHANNEL_NAMES[channel][lang])}
        <span className="status">{title(STAGE_NAMES.unclaimed[lang])}</span>
      </h3>
      {children}
    </section>
  );
}
