// "原稿已更新": the master changed since this edited version was made. Shows
// what changed (a diff per field and paragraph) and lets the desk pull the
// change in (three-way: applied where it does not touch the desk's own edits,
// conflicts listed, never overwritten), re-derive the version, or dismiss.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutput } from '@shared/api/contract';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { PullReport, VariantState } from '@shared/variants/schemas';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { diffSummary } from './diff-summary';

type Diff = CallOutput<'variants.masterDiff'>;
type Parts = Diff['change']['fields'][number]['parts'];

function DiffText({ parts }: { parts: Parts }) {
  return (
    <span className="diff-text">
      {parts.map((p, i) =>
        p.op === 'insert' ? (
          <ins key={i}>{p.text}</ins>
        ) : p.op === 'delete' ? (
          <del key={i}>{p.text}</del>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

interface Props {
  storyId: string;
  channel: ChannelId;
  state: VariantState;
  /** The master's current revision: a new one means a new diff. */
  revision: string;
  onState: (s: VariantState) => void;
}

export function MasterChangedAlert({ storyId, channel, state, revision, onState }: Props) {
  const { t } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const [diff, setDiff] = useState<Diff | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<PullReport | null>(null);

  useEffect(() => {
    if (!state.masterChanged) return;
    let alive = true;
    host.call('variants.masterDiff', { storyId, channel }).then(
      (d) => alive && setDiff(d),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [host, storyId, channel, state.masterChanged, state.baseRevision, revision]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const pull = () =>
    run(async () => {
      const r = await host.call('variants.pull', { storyId, channel });
      setReport(r);
      onState(r.state);
    });
  const rederive = (field?: string) =>
    run(async () => {
      if (!field && !window.confirm(t('workspace.changed.rederiveConfirm'))) return;
      onState(await host.call('variants.derive', { storyId, channel, mode: 'rederive', field }));
      if (!field) setReport(null);
    });
  const dismiss = () =>
    run(async () => {
      onState(await host.call('variants.dismiss', { storyId, channel }));
      setReport(null);
    });

  const conflicts = report?.fields.filter((f) => f.status === 'conflict') ?? [];
  if (!state.masterChanged && conflicts.length === 0) {
    if (!report) return null;
    return (
      <div className="changed changed-done" role="status">
        <span>{t('workspace.changed.pulled')}</span>
        <button type="button" className="link-button" onClick={() => setReport(null)}>
          {t('common.dismiss')}
        </button>
      </div>
    );
  }
  const summary = diff ? diffSummary(diff.change) : null;
  return (
    <div className="changed" role="region" aria-label={t('workspace.changed.title')}>
      <div className="changed-head">
        <strong>{t('workspace.changed.title')}</strong>
        {summary && (
          <span className="changed-summary">
            {[
              ...summary.fields.map((f) => t(`story.${f}`, { defaultValue: f })),
              ...(summary.paragraphs
                ? [
                    t('workspace.changed.paragraphs', {
                      count: summary.paragraphs,
                      n: summary.paragraphs,
                    }),
                  ]
                : []),
            ].join('、')}
          </span>
        )}
      </div>
      <div className="changed-actions">
        <button type="button" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('workspace.changed.hideDiff') : t('workspace.changed.showDiff')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void pull()}>
          {t('workspace.changed.pull')}
        </button>
        <button type="button" disabled={busy} onClick={() => void rederive()}>
          {t('workspace.changed.rederive')}
        </button>
        <button type="button" disabled={busy} onClick={() => void dismiss()}>
          {t('workspace.changed.dismiss')}
        </button>
      </div>
      {conflicts.length > 0 && (
        <div className="changed-conflicts" role="alert">
          <p>{t('workspace.changed.conflicts')}</p>
          <ul>
            {conflicts.map((f) => (
              <li key={f.field}>
                <strong>
                  {t(`variant.fields.${channel}.${f.field}`, { defaultValue: f.field })}
                </strong>
                {(f.conflicts ?? []).slice(0, 3).map((c, i) => (
                  <div key={i} className="conflict">
                    <div>
                      <span className="conflict-label">{t('workspace.changed.ours')}</span>
                      {c.ours || '—'}
                    </div>
                    <div>
                      <span className="conflict-label">{t('workspace.changed.theirs')}</span>
                      {c.theirs || '—'}
                    </div>
                  </div>
                ))}
                <button type="button" disabled={busy} onClick={() => void rederive(f.field)}>
                  {t('workspace.changed.rederiveField')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {open && diff && (
        <div className="changed-diff">
          {diff.change.fields.map((f) => (
            <div key={f.field} className="diff-row">
              <span className="diff-label">{t(`story.${f.field}`, { defaultValue: f.field })}</span>
              <DiffText parts={f.parts} />
            </div>
          ))}
          {diff.change.paragraphs.map((p, i) => (
            <div key={i} className="diff-row">
              <span className="diff-label">
                {t(`workspace.changed.kind.${p.kind}`, {
                  n: (p.afterIndex ?? p.beforeIndex ?? 0) + 1,
                })}
              </span>
              <DiffText parts={p.parts} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
