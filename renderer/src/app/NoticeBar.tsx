// Things the host needs the user to know: a damaged database moved aside,
// a disk that refuses writes (edits kept in memory and retried).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from './host-context';
import type { Notice, StorageStatus } from '@shared/api/contract';

export function NoticeBar({
  initial,
  storage: initialStorage,
}: {
  initial: Notice[];
  storage: StorageStatus;
}) {
  const { t } = useTranslation();
  const host = useHost();
  const [notices, setNotices] = useState(initial);
  const [storage, setStorage] = useState(initialStorage);

  useEffect(() => {
    const offNotice = host.on('notice', (n) =>
      setNotices((ns) => [...ns.filter((x) => x.kind !== n.kind), n]),
    );
    const offStorage = host.on('storage.status', setStorage);
    return () => {
      offNotice();
      offStorage();
    };
  }, [host]);

  const dismiss = (id: string) => {
    setNotices((ns) => ns.filter((n) => n.id !== id));
    void host.call('app.dismissNotice', { id }).catch(() => undefined);
  };

  return (
    <div className="notices">
      {!storage.writable && (
        <div className="notice notice-error" role="alert">
          <strong>{t(`errors.${storage.code ?? 'storage_failed'}`)}</strong>{' '}
          {t('notices.storageRetrying', { count: storage.pendingUpdates })}
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.severity}`} role="alert">
          <span>{t(`notices.${n.kind}`, n.params)}</span>
          <button type="button" onClick={() => dismiss(n.id)}>
            {t('common.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
