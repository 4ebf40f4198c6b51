// The link to the newsroom server as React state, shared by the sidebar,
// settings and the story header. The host reports the status whenever an
// edit waits or is acknowledged — several times a second while someone
// types — so most components read only the signed-in person
// (`useSyncUser`), which keeps its identity until it really changes, and
// re-render on sign-in/out rather than on every keystroke.
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import type { ReactNode } from 'react';
import { useHost } from './host-context';
import type { SyncStatus } from '@shared/api/contract';

export type SyncUser = NonNullable<SyncStatus['user']>;

const sameUser = (a: SyncUser | null, b: SyncUser | null) =>
  a === b ||
  (!!a &&
    !!b &&
    a.id === b.id &&
    a.login === b.login &&
    a.displayName === b.displayName &&
    a.role === b.role);

/** The latest status, and the signed-in person as one object per sign-in. */
export class SyncStatusStore {
  private status: SyncStatus | null = null;
  private user: SyncUser | null = null;
  private readonly listeners = new Set<() => void>();

  set(next: SyncStatus): void {
    this.status = next;
    if (!sameUser(this.user, next.user)) this.user = next.user;
    for (const l of this.listeners) l();
  }

  readonly subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly getStatus = (): SyncStatus | null => this.status;
  readonly getUser = (): SyncUser | null => this.user;
}

const SyncContext = createContext<SyncStatusStore | null>(null);

export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const host = useHost();
  const store = useMemo(() => new SyncStatusStore(), []);
  useEffect(() => {
    let alive = true;
    const off = host.on('sync.status', (s) => alive && store.set(s));
    host.call('sync.status', {}).then(
      (s) => alive && store.set(s),
      () => undefined,
    );
    return () => {
      alive = false;
      off();
    };
  }, [host, store]);
  return <SyncContext.Provider value={store}>{children}</SyncContext.Provider>;
}

const noStore = {
  subscribe: () => () => undefined,
  get: () => null,
};

/** The whole status (the sidebar indicator, settings): re-renders on every report. */
export function useSyncStatus(): SyncStatus | null {
  const store = useContext(SyncContext);
  return useSyncExternalStore(
    store?.subscribe ?? noStore.subscribe,
    store?.getStatus ?? noStore.get,
  );
}

/** The signed-in person, or null: re-renders only when someone signs in or out. */
export function useSyncUser(): SyncUser | null {
  const store = useContext(SyncContext);
  return useSyncExternalStore(store?.subscribe ?? noStore.subscribe, store?.getUser ?? noStore.get);
}

/** Reads the status at the moment it is needed (in a click handler) without re-rendering on reports. */
export function useSyncStatusReader(): () => SyncStatus | null {
  const store = useContext(SyncContext);
  return store?.getStatus ?? noStore.get;
}
