// A story's channel states from the host (enabled, derived, edited, master
// changed since), refreshed whenever the host says they changed.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CallOutput } from '@shared/api/contract';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { VariantState } from '@shared/variants/schemas';
import type { HostClient } from '../host/client';
import { replaceEqualDeep } from '@shared/variants/structural-share';

export type VariantList = CallOutput<'variants.list'>;

export interface Variants {
  list: VariantList | null;
  error: unknown;
  refresh: () => void;
  state: (c: ChannelId) => VariantState | undefined;
  /** Replaces one channel's state with what a call returned, before the next refresh. */
  put: (s: VariantState) => void;
}

export function useVariants(host: HostClient, storyId: string): Variants {
  const [list, setList] = useState<VariantList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);
  const seq = useRef(0);
  const refresh = useCallback(() => {
    const n = ++seq.current;
    host.call('variants.list', { storyId }).then(
      // Unchanged parts keep their identity, so panes whose state did not move do not re-render.
      (l) => alive.current && n === seq.current && setList((prev) => replaceEqualDeep(prev, l)),
      (err: unknown) => alive.current && setError(err),
    );
  }, [host, storyId]);

  useEffect(() => {
    alive.current = true;
    refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = host.on('variants.changed', (e) => {
      if (e.storyId !== storyId) return;
      // Several channels change together (a pull, the master moving): one refresh.
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, 40);
    });
    const offReconnect = host.onReconnect(refresh);
    return () => {
      alive.current = false;
      off();
      offReconnect();
      if (timer) clearTimeout(timer);
    };
  }, [host, storyId, refresh]);

  const state = useCallback((c: ChannelId) => list?.variants.find((v) => v.channel === c), [list]);
  const put = useCallback((s: VariantState) => {
    setList((l) =>
      l ? { ...l, variants: l.variants.map((v) => (v.channel === s.channel ? s : v)) } : l,
    );
  }, []);
  return useMemo(() => ({ list, error, refresh, state, put }), [list, error, refresh, state, put]);
}
