// "已保存 / 保存中…": unobtrusive until something is wrong.
import { useCallback, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostDocProvider, SaveState } from './host-doc-provider';

export function SaveIndicator({
  provider,
  testId = 'save-state',
}: {
  provider: HostDocProvider;
  testId?: string;
}) {
  const { t } = useTranslation();
  const subscribe = useCallback(
    (notify: () => void) => {
      provider.on('save', notify as (a: never) => void);
      return () => provider.off('save', notify as (a: never) => void);
    },
    [provider],
  );
  const state: SaveState = useSyncExternalStore(subscribe, () => provider.saveState);
  const text =
    state.kind === 'saved'
      ? t('save.saved')
      : state.kind === 'saving'
        ? t('save.saving')
        : state.kind === 'offline'
          ? t('save.offline')
          : t('save.unsaved', { reason: t(`errors.${state.code}`) });
  return (
    <span
      className={`save-indicator save-${state.kind}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
    >
      {text}
    </span>
  );
}
