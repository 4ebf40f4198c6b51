import { describe, expect, it } from 'vitest';
import { SyncStatusStore } from '../../../renderer/src/app/sync-status';
import type { SyncStatus } from '@shared/api/contract';

const status = (over: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'online',
  serverUrl: 'https://news.example.cn',
  user: { id: 'u1', login: 'wangfang', displayName: '王芳', role: 'reporter' },
  pendingChanges: 0,
  pendingCommands: 0,
  lastSyncAt: null,
  lastError: null,
  ...over,
});

describe('SyncStatusStore', () => {
  it('keeps the signed-in person the same object while reports only change counts', () => {
    const store = new SyncStatusStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set(status());
    const user = store.getUser();
    // Typing: every autosave reports a pending change and then its acknowledgement.
    for (let i = 1; i <= 20; i++) store.set(status({ pendingChanges: i % 2 }));
    expect(calls).toBe(21);
    expect(store.getStatus()?.pendingChanges).toBe(0);
    expect(store.getUser()).toBe(user);
  });

  it('gives a new person on sign-in, sign-out and a changed name or role', () => {
    const store = new SyncStatusStore();
    store.set(status());
    const first = store.getUser();
    store.set(status({ user: { ...first!, role: 'desk_editor' } }));
    const promoted = store.getUser();
    expect(promoted).not.toBe(first);
    expect(promoted?.role).toBe('desk_editor');
    store.set(status({ user: null, state: 'signed_out' }));
    expect(store.getUser()).toBeNull();
  });
});
