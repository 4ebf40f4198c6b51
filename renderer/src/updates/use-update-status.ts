// The updater's status, kept current from the host's `updates.status` events.
import { useEffect, useState } from 'react';
import type { UpdateStatus } from '@shared/updates/status';
import { useHost } from '../app/host-context';

export function useUpdateStatus(): UpdateStatus | null {
  const host = useHost();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let live = true;
    const off = host.on('updates.status', (s) => setStatus(s));
    host.call('updates.status', {}).then(
      // An event that arrived meanwhile is newer than this answer.
      (s) => live && setStatus((prev) => prev ?? s),
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [host]);
  return status;
}
