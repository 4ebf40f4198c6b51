// Settings → 更新: the version, the channel, when the feed was last asked,
// download progress, and the two things a person can do: check now, and
// restart to install a downloaded update.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import { formatDateTime, formatRelative } from '../i18n/format';
import { useUpdateStatus } from './use-update-status';
import { canCheck, updateSentence } from './update-text';
import './updates.css';

export function UpdatesSection() {
  const { t, i18n } = useTranslation();
  const host = useHost();
  const toast = useToast();
  const status = useUpdateStatus();
  const [restarting, setRestarting] = useState(false);
  if (!status) return null;
  const sentence = updateSentence(status);
  const when = (iso: string | null) =>
    iso ? formatDateTime(iso, i18n.language) : t('updates.never');

  const checkNow = () => {
    void host.call('updates.check', {}).catch((err: unknown) => toast(errorText(t, err), 'error'));
  };
  const restart = async () => {
    setRestarting(true);
    try {
      // The host writes what it still holds, then quits and installs; the editor is closed on this page.
      const { installing } = await host.call('updates.install', {});
      if (!installing) setRestarting(false);
    } catch (err) {
      setRestarting(false);
      toast(errorText(t, err), 'error');
    }
  };

  return (
    <section className="settings-section" aria-labelledby="updates-title">
      <h2 id="updates-title">{t('updates.title')}</h2>
      <p className={`update-state update-state-${status.state}`} role="status">
        {t(sentence.key, sentence.values)}
      </p>
      {status.state === 'downloading' && (
        <progress
          className="update-progress"
          max={100}
          value={status.progress?.percent ?? 0}
          aria-label={t('updates.progress')}
        />
      )}
      {status.lastError && status.state === 'idle' && (
        <p className="update-error">
          {t('updates.lastError', {
            reason: t(`updates.errors.${status.lastError.code}`),
            when: status.nextCheckAt
              ? formatRelative(status.nextCheckAt, i18n.language)
              : t('updates.later'),
          })}
        </p>
      )}
      <dl className="facts">
        <dt>{t('updates.currentVersion')}</dt>
        <dd>{status.currentVersion}</dd>
        {status.state !== 'unavailable' && (
          <>
            <dt>{t('updates.channel')}</dt>
            <dd>{t(`updates.channelName.${status.channel}`)}</dd>
            <dt>{t('updates.lastCheck')}</dt>
            <dd>{when(status.lastCheckAt)}</dd>
          </>
        )}
        {status.nextCheckAt && (
          <>
            <dt>{t('updates.nextCheck')}</dt>
            <dd>{formatDateTime(status.nextCheckAt, i18n.language)}</dd>
          </>
        )}
        {status.pinVersion && (
          <>
            <dt>{t('updates.pin')}</dt>
            <dd>{status.pinVersion}</dd>
          </>
        )}
        {status.policySource !== 'none' && status.policyPath && (
          <>
            <dt>{t('updates.policyFile')}</dt>
            <dd>
              <code>{status.policyPath}</code>
            </dd>
          </>
        )}
      </dl>
      {status.state !== 'unavailable' && status.state !== 'disabled' && (
        <div className="update-actions">
          <button type="button" onClick={checkNow} disabled={!canCheck(status)}>
            {status.state === 'checking' ? t('updates.state.checking') : t('updates.checkNow')}
          </button>
          {status.state === 'ready' && (
            <button
              type="button"
              className="primary"
              onClick={() => void restart()}
              disabled={restarting}
            >
              {restarting ? t('updates.restarting') : t('updates.restart')}
            </button>
          )}
        </div>
      )}
      {status.state === 'ready' && <p className="hint">{t('updates.restartHint')}</p>}
    </section>
  );
}
