// A quiet mark in the sidebar when an update has been downloaded: it never
// opens anything by itself; a click leads to Settings → Updates.
import { useTranslation } from 'react-i18next';
import { useUpdateStatus } from './use-update-status';
import './updates.css';

export function UpdateIndicator() {
  const { t } = useTranslation();
  const status = useUpdateStatus();
  if (status?.state !== 'ready') return null;
  const label = t('updates.indicatorLabel', { version: status.available?.version ?? '' });
  return (
    <a href="#/settings" className="nav-item update-indicator" title={label} aria-label={label}>
      <span className="update-dot" aria-hidden="true" />
      {t('updates.indicator')}
    </a>
  );
}
