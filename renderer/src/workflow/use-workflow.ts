// The workflow as React state: one story's view (with the commands still in
// the outbox), my queues, my notifications. Each refreshes when the host says
// the workflow changed; all fail with `signed_out` until the desk signs in.
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { Reason } from '@shared/workflow/reasons';
import { useHost } from '../app/host-context';
import { useSyncStatus } from '../app/sync-status';

export type WorkflowStateView = CallOutput<'workflow.state'>;

interface Loaded<T> {
  data: T | null;
  error: unknown;
  refresh: () => void;
}

export function useHostValue<T>(
  load: () => Promise<T>,
  relevant: (storyIds: string[]) => boolean,
  pollMs: number | null,
): Loaded<T> {
  const host = useHost();
  const signedIn = useSyncStatus()?.user != null;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  useEffect(() => {
    let alive = true;
    load().then(
      (d) => {
        if (!alive) return;
        setData(d);
        setError(null);
      },
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [load, tick, signedIn]);
  useEffect(() => {
    const off = host.on('workflow.changed', ({ storyIds }) => relevant(storyIds) && refresh());
    const offN = host.on('workflow.notification', () => refresh());
    // Signed out, there is nothing to poll for.
    const timer = pollMs && signedIn ? setInterval(refresh, pollMs) : null;
    return () => {
      off();
      offN();
      if (timer) clearInterval(timer);
    };
  }, [host, relevant, refresh, pollMs, signedIn]);
  return { data, error, refresh };
}

export function isSignedOut(err: unknown): boolean {
  return err instanceof HostError && (err.code === 'signed_out' || err.code === 'unauthorized');
}

export type UseWorkflowState = Loaded<WorkflowStateView> & {
  command: (cmd: WorkflowCommand) => Promise<Reason | null>;
};

export function useWorkflowState(storyId: string): UseWorkflowState {
  const host = useHost();
  const load = useCallback(() => host.call('workflow.state', { storyId }), [host, storyId]);
  const relevant = useCallback((ids: string[]) => ids.includes(storyId), [storyId]);
  // Edits to a version change its hash without a workflow event: look again now and then.
  const v = useHostValue(load, relevant, 10_000);
  const command = useCallback(
    async (cmd: WorkflowCommand): Promise<Reason | null> => {
      const r = await host.call('workflow.command', { storyId, command: cmd });
      v.refresh();
      return r.status === 'refused' ? r.reason : null;
    },
    [host, storyId, v],
  );
  return { ...v, command };
}

const always = () => true;

export function useQueues() {
  const host = useHost();
  const load = useCallback(() => host.call('workflow.queues', {}), [host]);
  return useHostValue(load, always, 60_000);
}

export function useNotifications() {
  const host = useHost();
  const load = useCallback(
    () => host.call('workflow.notifications', { unreadOnly: false }),
    [host],
  );
  return useHostValue(load, always, 60_000);
}
