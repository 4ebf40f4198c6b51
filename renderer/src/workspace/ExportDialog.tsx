// 导出: the chosen channels' files, into a folder (the desktop app asks where;
// the web host writes into its data folder) or one zip the browser downloads.
// Says what was written, what was checked (ninjs schema) and what is missing.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getChannel } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { ExportResult } from '@shared/variants/schemas';
import { useHost } from '../app/host-context';
import { errorText } from '../common/error-text';
import { downloadBase64 } from '../common/download';

interface Props {
  storyId: string;
  channels: readonly ChannelId[];
  onClose: () => void;
}

export function ExportDialog({ storyId, channels, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const ref = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState<Set<ChannelId>>(() => new Set(channels));
  const [target, setTarget] = useState<'zip' | 'folder'>('zip');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await host.call('variants.export', {
        storyId,
        channels: channels.filter((c) => chosen.has(c)),
        target,
      });
      setResult(r);
      if (r.zip) downloadBase64(r.zip.fileName, r.zip.data, 'application/zip');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const byChannel = (c: ChannelId) => result?.files.filter((f) => f.channel === c) ?? [];
  return (
    <dialog
      ref={ref}
      className="export-dialog"
      aria-label={t('workspace.export.title')}
      onClose={onClose}
    >
      <h2>{t('workspace.export.title')}</h2>
      <fieldset disabled={busy}>
        <legend>{t('workspace.export.channels')}</legend>
        {channels.map((c) => (
          <label key={c} className="check">
            <input
              type="checkbox"
              checked={chosen.has(c)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.target.checked) next.add(c);
                else next.delete(c);
                setChosen(next);
              }}
            />
            {getChannel(c)!.name[lang]}
            <span className="hint">{t(`workspace.export.what.${c}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset disabled={busy}>
        <legend>{t('workspace.export.target')}</legend>
        <label className="radio">
          <input
            type="radio"
            name="target"
            checked={target === 'zip'}
            onChange={() => setTarget('zip')}
          />
          {t('workspace.export.zip')}
        </label>
        <label className="radio">
          <input
            type="radio"
            name="target"
            checked={target === 'folder'}
            onChange={() => setTarget('folder')}
          />
          {t('workspace.export.folder')}
          <span className="hint">{t('workspace.export.folderHint')}</span>
        </label>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && !result.cancelled && (
        <div className="export-result" role="status" data-testid="export-result">
          <p>
            {result.folder
              ? t('workspace.export.wroteFolder', { n: result.files.length, folder: result.folder })
              : t('workspace.export.wroteZip', {
                  n: result.files.length,
                  name: result.zip?.fileName ?? '',
                })}
          </p>
          <ul>
            {channels
              .filter((c) => byChannel(c).length)
              .map((c) => (
                <li key={c}>
                  <strong>{getChannel(c)!.name[lang]}</strong>{' '}
                  {byChannel(c)
                    .map((f) => f.path.slice(c.length + 1))
                    .join('、')}
                </li>
              ))}
          </ul>
          {result.checks.map((ch) => (
            <p key={ch.check} className={ch.ok ? 'ok' : 'error'}>
              {ch.ok
                ? t('workspace.export.checkOk', { check: ch.check })
                : t('workspace.export.checkFailed', {
                    check: ch.check,
                    errors: ch.errors.join('; '),
                  })}
            </p>
          ))}
          {result.missing.length > 0 && (
            <p className="warn">
              {t('workspace.export.missing', {
                files: result.missing.map((m) => m.path).join('、'),
              })}
            </p>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('common.close')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || chosen.size === 0}
          onClick={() => void run()}
        >
          {busy ? t('workspace.export.running') : t('workspace.export.run')}
        </button>
      </div>
    </dialog>
  );
}
