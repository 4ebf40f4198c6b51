// Loads one page of the library for the current filters and keeps it fresh
// when the host says stories changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useHost } from '../app/host-context';
import type { ListStoriesInput } from '@shared/api/contract';
import type { StorySummary } from '@shared/domain/story';

export type ListFilters = Required<Pick<ListStoriesInput, 'sort' | 'order'>> &
  Pick<ListStoriesInput, 'query' | 'status' | 'section'> & { trashed: boolean };

const PAGE = 50;

interface Loaded {
  /** The filters and row count this result answers. */
  request: string;
  items: StorySummary[];
  total: number;
  estimate: boolean;
  error: unknown;
}

export function useStoryList(filters: ListFilters) {
  const host = useHost();
  const key = JSON.stringify(filters);
  // How many rows are shown; starts over at one page whenever the filters change.
  const [page, setPage] = useState({ key, limit: PAGE });
  const limit = page.key === key ? page.limit : PAGE;
  const request = `${key}#${limit}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const [k, rows] = request.split('#') as [string, string];
    try {
      const res = await host.call('stories.list', {
        ...(JSON.parse(k) as ListFilters),
        offset: 0,
        limit: Number(rows),
      });
      if (mine === seq.current)
        setLoaded({
          request,
          items: res.items,
          total: res.total,
          estimate: res.totalIsEstimate,
          error: null,
        });
    } catch (err) {
      if (mine === seq.current)
        setLoaded((l) => ({
          request,
          items: l?.items ?? [],
          total: l?.total ?? 0,
          estimate: false,
          error: err,
        }));
    }
  }, [host, request]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = host.on('stories.changed', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void load(), 200);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [host, load]);

  return {
    items: loaded?.items ?? [],
    total: loaded?.total ?? 0,
    estimate: loaded?.estimate ?? false,
    error: loaded?.error ?? null,
    loading: loaded?.request !== request,
    loadMore: () => setPage({ key, limit: Math.min(limit + PAGE, 200) }),
    reload: load,
  };
}
