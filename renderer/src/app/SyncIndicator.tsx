// 在线 / 离线 / 同步中 in the sidebar, with what waits to be sent and when the
// last sync succeeded. Always visible, never in the way.
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from './sync-status';
import { formatRelative } from '../i18n/format';

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const s = useSyncStatus();
  if (!s) return null;
  const waiting = s.pendingChanges + s.pendingCommands;
  return (
    <a
      href="#/settings"
      className={`sync-indicator sync-${s.state}`}
      aria-label={t('sync.indicatorLabel')}
      data-testid="sync-indicator"
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">
        <span className="sync-state">{t(`sync.state.${s.state}`)}</span>
        {s.state !== 'signed_out' && waiting > 0 && (
          <span className="sync-detail">{t('sync.waiting', { count: waiting })}</span>
        )}
        {s.state !== 'signed_out' && s.lastSyncAt && (
          <span className="sync-detail">
            {t('sync.lastSync', { when: formatRelative(s.lastSyncAt, i18n.language) })}
          </span>
        )}
      </span>
    </a>
  );
}
