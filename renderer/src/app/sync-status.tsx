// The link to the newsroom server as React state, shared by the sidebar,
// settings and the story header.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useHost } from './host-context';
import type { SyncStatus } from '@shared/api/contract';

const SyncContext = createContext<SyncStatus | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const host = useHost();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    let alive = true;
    const off = host.on('sync.status', (s) => alive && setStatus(s));
    host.call('sync.status', {}).then(
      (s) => alive && setStatus(s),
      () => undefined,
    );
    return () => {
      alive = false;
      off();
    };
  }, [host]);
  return <SyncContext.Provider value={status}>{children}</SyncContext.Provider>;
}

export function useSyncStatus(): SyncStatus | null {
  return useContext(SyncContext);
}
