// One channel's pane in the workspace: its preview (click it to edit the
// version in place), the "原稿已更新" alert when the master moved under an
// edited version, and its problems. Folds to a narrow strip; resizable.
import { memo, useCallback, useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { getChannel, type ChannelContext, type ProblemLocation } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { VariantState } from '@shared/variants/schemas';
import { CHANNEL_UI } from './channels';
import { usePreview, useProblems } from './use-preview';
import type { PreviewHub } from './preview-hub';
import { ProblemsPanel } from './ProblemsPanel';
import { MasterChangedAlert } from './MasterChangedAlert';
import { PreviewBoundary } from './PreviewBoundary';
import { VariantEditor } from './editor/VariantEditor';
import { Splitter } from './Splitter';
import { PANE_MAX, PANE_MIN } from './layout';
import { countBySeverity } from './problems';
import { jumpKeys } from './shortcuts';

interface Props {
  storyId: string;
  channel: ChannelId;
  state: VariantState | undefined;
  revision: string;
  hub: PreviewHub;
  ctx: ChannelContext;
  width: number;
  collapsed: boolean;
  editing: boolean;
  target: ProblemLocation | null;
  onToggleCollapse: (c: ChannelId) => void;
  onResize: (c: ChannelId, w: number) => void;
  onEdit: (c: ChannelId, target: ProblemLocation | null) => void;
  onDone: (c: ChannelId) => void;
  onTargetDone: (c: ChannelId) => void;
  onState: (s: VariantState) => void;
}

/**
 * The preview itself: the only part of a pane that re-renders on a keystroke
 * (the pane's header, alert and problems do not).
 */
const PreviewSlot = memo(function PreviewSlot({
  hub,
  channel,
  state,
  ctx,
  onClick,
}: {
  hub: PreviewHub;
  channel: ChannelId;
  state: VariantState | undefined;
  ctx: ChannelContext;
  onClick: (e: MouseEvent) => void;
}) {
  const { t } = useTranslation();
  const preview = usePreview(hub, channel);
  const { Preview } = CHANNEL_UI[channel];
  // Translated once per language, not on every keystroke's re-render.
  const labels = useMemo(
    () => ({
      loading: t('workspace.loading'),
      click: t('workspace.clickToEdit'),
      failed: t('workspace.previewFailed'),
    }),
    [t],
  );
  // An edited version shows its own document; until that is in, say so rather than flash the master.
  if (!preview || !state || (state.edited && preview.source === 'master'))
    return <p className="pv-loading">{labels.loading}</p>;
  return (
    <div
      className="preview"
      data-testid={`preview-${channel}`}
      onClick={onClick}
      title={labels.click}
    >
      <PreviewBoundary message={labels.failed} resetKey={preview.variant}>
        <Preview variant={preview.variant} ctx={ctx} />
      </PreviewBoundary>
    </div>
  );
});

/** The channel's live summary line at the foot of its pane (print: copyfit), if it has one. */
const SummarySlot = memo(function SummarySlot({
  hub,
  channel,
  state,
  ctx,
}: {
  hub: PreviewHub;
  channel: ChannelId;
  state: VariantState | undefined;
  ctx: ChannelContext;
}) {
  const preview = usePreview(hub, channel);
  const { Summary } = CHANNEL_UI[channel];
  // Like the preview: an edited version's figures come from its own document, never the master's.
  if (!Summary || !preview?.variant || !state || (state.edited && preview.source === 'master'))
    return null;
  // A failure here shows nothing: the preview below says what went wrong.
  return (
    <PreviewBoundary message="" resetKey={preview.variant}>
      <Summary variant={preview.variant} ctx={ctx} />
    </PreviewBoundary>
  );
});

const INTERACTIVE = 'button, a, input, select, textarea, label, [role="button"], [role="option"]';

/** Memoised with stable callbacks: a pane re-renders when its own preview, problems or state change. */
export const ChannelPane = memo(function ChannelPane(props: Props) {
  const { storyId, channel, state, hub, ctx, width, collapsed, editing } = props;
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const name = getChannel(channel)!.name[lang];
  const problems = useProblems(hub, channel);
  const counts = countBySeverity(problems);
  const { onEdit: onEditChannel, onToggleCollapse, onResize, onDone, onTargetDone } = props;
  const onEdit = useCallback(
    (target: ProblemLocation | null) => onEditChannel(channel, target),
    [onEditChannel, channel],
  );
  const jumpTo = useCallback((at: ProblemLocation) => onEdit(at), [onEdit]);
  const toggleCollapse = useCallback(() => onToggleCollapse(channel), [onToggleCollapse, channel]);
  const resize = useCallback((w: number) => onResize(channel, w), [onResize, channel]);
  const targetDone = useCallback(() => onTargetDone(channel), [onTargetDone, channel]);
  const clickPreview = useCallback(
    (e: MouseEvent) => {
      if ((e.target as HTMLElement).closest(INTERACTIVE)) return;
      onEdit(null);
    },
    [onEdit],
  );

  if (collapsed)
    return (
      <section
        className="pane pane-collapsed"
        aria-label={name}
        data-channel={channel}
        tabIndex={-1}
      >
        <button
          type="button"
          className="pane-expand"
          onClick={toggleCollapse}
          aria-label={t('workspace.expand', { channel: name })}
          aria-keyshortcuts={jumpKeys(channel)}
        >
          <span className="pane-vertical">{name}</span>
          {counts.block > 0 && <span className="sev sev-block">{counts.block}</span>}
        </button>
      </section>
    );

  const { HeaderAction } = CHANNEL_UI[channel];
  const stateBadge = !state
    ? null
    : state.edited
      ? t('workspace.state.edited')
      : t('workspace.state.following');
  return (
    <section
      className={`pane pane-${channel}${editing ? ' pane-editing' : ''}`}
      style={{ flexBasis: width }}
      aria-label={name}
      data-channel={channel}
      tabIndex={-1}
    >
      <div className="pane-box">
        <header className="pane-head">
          <h2>{name}</h2>
          {stateBadge && (
            <span
              className={`badge ${state?.edited ? 'badge-edited' : 'badge-following'}`}
              title={
                state?.edited ? t('workspace.state.editedHint') : t('workspace.state.followingHint')
              }
            >
              {stateBadge}
            </span>
          )}
          <span className="pane-spacer" />
          {HeaderAction && !editing && <HeaderAction storyId={storyId} />}
          <button
            type="button"
            className={editing ? 'primary' : undefined}
            aria-pressed={editing}
            onClick={() => (editing ? onDone(channel) : onEdit(null))}
            aria-label={
              editing
                ? t('workspace.doneEditing', { channel: name })
                : t('workspace.editVariant', { channel: name })
            }
          >
            {editing ? t('workspace.done') : t('workspace.edit')}
          </button>
          <button
            type="button"
            className="icon-button"
            onClick={toggleCollapse}
            aria-label={t('workspace.collapse', { channel: name })}
            title={t('workspace.collapse', { channel: name })}
          >
            ‹
          </button>
        </header>
        {state?.derived && state.edited && (
          <MasterChangedAlert
            storyId={storyId}
            channel={channel}
            state={state}
            revision={props.revision}
            onState={props.onState}
          />
        )}
        <div className="pane-scroll">
          {editing ? (
            <VariantEditor
              storyId={storyId}
              channel={channel}
              target={props.target}
              onTargetDone={targetDone}
            />
          ) : (
            <PreviewSlot
              hub={hub}
              channel={channel}
              state={state}
              ctx={ctx}
              onClick={clickPreview}
            />
          )}
        </div>
        <ProblemsPanel channel={channel} channelName={name} problems={problems} onJump={jumpTo} />
        {/* At the foot, level with the master's word count (see .pr-fit in styles.css). */}
        {CHANNEL_UI[channel].Summary && (
          <SummarySlot hub={hub} channel={channel} state={state} ctx={ctx} />
        )}
      </div>
      <Splitter
        className="pane-resize"
        label={t('workspace.resizePane', { channel: name })}
        value={width}
        min={PANE_MIN}
        max={PANE_MAX}
        onChange={resize}
      />
    </section>
  );
});
