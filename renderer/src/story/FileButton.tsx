// 发稿: files the story to a desk. Works offline: the command waits in the
// outbox and the story shows as pending until the server confirms.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHost } from '../app/host-context';
import { useSyncStatusReader, useSyncUser } from '../app/sync-status';
import { useToast } from '../common/toast';
import { errorText } from '../common/error-text';
import type { StorySummary } from '@shared/domain/story';

type DeskList = Array<{ id: string; code: string; name: string; kind: 'channel' | 'topic' }>;

export function FileButton({ story }: { story: StorySummary }) {
  const { t } = useTranslation();
  const host = useHost();
  const user = useSyncUser();
  const syncStatus = useSyncStatusReader();
  const toast = useToast();
  const [desks, setDesks] = useState<DeskList | null>(null);
  const [deskId, setDeskId] = useState('');
  const [busy, setBusy] = useState(false);

  if (!user || story.status !== 'draft') return null;

  const open = async () => {
    setBusy(true);
    try {
      const list = (await host.call('sync.desks', {})).filter((d) => d.kind === 'topic');
      setDesks(list);
      setDeskId(list[0]?.id ?? '');
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const file = async () => {
    setBusy(true);
    try {
      await host.call('stories.file', { id: story.id, deskId });
      const desk = desks?.find((d) => d.id === deskId)?.name ?? '';
      // Connected (sending is "syncing" while the filing itself goes out): it reaches the desk now.
      const state = syncStatus()?.state;
      const connected = state === 'online' || state === 'syncing';
      toast(connected ? t('sync.filed', { desk }) : t('sync.filedQueued'));
      setDesks(null);
    } catch (err) {
      toast(errorText(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  if (!desks) {
    return (
      <button type="button" className="primary" onClick={() => void open()} disabled={busy}>
        {t('sync.file')}
      </button>
    );
  }
  return (
    <span className="file-form" role="group" aria-label={t('sync.file')}>
      <label>
        <span>{t('sync.fileTo')}</span>
        <select
          value={deskId}
          onChange={(e) => setDeskId(e.target.value)}
          aria-label={t('sync.fileTo')}
        >
          {desks.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        disabled={!deskId || busy}
        onClick={() => void file()}
      >
        {t('sync.fileConfirm')}
      </button>
      <button type="button" onClick={() => setDesks(null)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
