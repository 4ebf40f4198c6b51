// The workflow as React state: one story's view (with the commands still in
// the outbox), my queues, my notifications. Each refreshes as soon as the
// host says the workflow changed (`workflow.changed`: the change feed brought
// news, or a command was confirmed or refused; `workflow.notification`), so
// another person's step shows within a moment; a slow poll is only a
// fallback. All fail with `signed_out` until the desk signs in.
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '@shared/api/contract';
import { HostError } from '@shared/api/errors';
import type { WorkflowCommand } from '@shared/workflow/commands';
import type { Reason } from '@shared/workflow/reasons';
import { useHost } from '../app/host-context';
import { useSyncUser } from '../app/sync-status';
import { localBehind, withCurrentHash } from './action-form';

export type WorkflowStateView = CallOutput<'workflow.state'>;

/** Fallback re-read when no event came (a missed event, a server-side hash change). */
export const WORKFLOW_FALLBACK_POLL_MS = 60_000;
/** While an edit here has not reached the server: how often, and how many times, to look again. */
const CATCH_UP_MS = 1_000;
const CATCH_UP_TRIES = 30;

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
  const signedIn = useSyncUser() != null;
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
  const freshCommand = useCallback(
    async (cmd: WorkflowCommand): Promise<WorkflowCommand> =>
      'contentHash' in cmd
        ? withCurrentHash(cmd, await host.call('workflow.state', { storyId }))
        : cmd,
    [host, storyId],
  );
  // Edits to a version change its hash without a workflow event: the review panel calls
  // refresh when a version's text changes; the poll is only a fallback.
  const v = useHostValue(load, relevant, WORKFLOW_FALLBACK_POLL_MS);
  // While this computer's copy of a version has not reached the server, no event says when it
  // does: look again every second (for a while) so the hashes, STALE marks and actions catch up.
  const behind = localBehind(v.data);
  // Counted per state of this computer's copies: a new edit starts the count again.
  const localKey = v.data?.local.map((l) => `${l.channel}:${l.hash}:${l.synced}`).join() ?? '';
  const [tries, setTries] = useState({ key: '', n: 0 });
  const refresh = v.refresh;
  useEffect(() => {
    const n = tries.key === localKey ? tries.n : 0;
    if (!behind || n >= CATCH_UP_TRIES) return;
    const timer = setTimeout(() => {
      setTries({ key: localKey, n: n + 1 });
      refresh();
    }, CATCH_UP_MS);
    return () => clearTimeout(timer);
  }, [behind, localKey, tries, v.data, refresh]);
  const command = useCallback(
    async (cmd: WorkflowCommand): Promise<Reason | null> => {
      const r = await host.call('workflow.command', {
        storyId,
        command: await freshCommand(cmd),
      });
      v.refresh();
      return r.status === 'refused' ? r.reason : null;
    },
    [host, storyId, v, freshCommand],
  );
  return { ...v, command };
}

const always = () => true;

export function useQueues() {
  const host = useHost();
  const load = useCallback(() => host.call('workflow.queues', {}), [host]);
  return useHostValue(load, always, WORKFLOW_FALLBACK_POLL_MS);
}

export function useNotifications() {
  const host = useHost();
  const load = useCallback(
    () => host.call('workflow.notifications', { unreadOnly: false }),
    [host],
  );
  return useHostValue(load, always, WORKFLOW_FALLBACK_POLL_MS);
}
