// A long list (a 20,000-字 body has a few hundred paragraphs) rendered in
// chunks: a keystroke changes one paragraph, so React re-renders one chunk
// instead of walking every row (see styles.css for why chunks are not
// content-visibility: auto). A chunk well out of its pane's view keeps what
// it last drew until it comes near again: typing in the master then redraws
// the previews people can see, not paragraphs scrolled far away in each of
// them (they catch up before they come into view).
import { memo, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useReveal } from './use-reveal';

export const CHUNK = 16;

/** How far outside the pane's view a chunk still follows every change. */
const NEAR_MARGIN = '600px 0px';

interface ChunkProps<T> {
  items: readonly T[];
  start: number;
  render: (item: T, index: number) => ReactNode;
  /** Out of view: nothing is redrawn until the chunk comes near. */
  far: boolean;
  observe: (el: HTMLDivElement | null) => (() => void) | undefined;
}

function sameItems<T>(a: ChunkProps<T>, b: ChunkProps<T>): boolean {
  // A chunk out of view keeps its DOM as drawn. Coming back near it draws
  // what it holds now: React compares against the props it last drew with
  // (and, were they the ones it skipped, `a.far` would say so).
  if (b.far) return true;
  if (a.far || a.start !== b.start || a.items.length !== b.items.length) return false;
  for (let i = 0; i < a.items.length; i++) if (a.items[i] !== b.items[i]) return false;
  // `render` is the same function in spirit on every call; its identity is not compared.
  return true;
}

const Chunk = memo(function Chunk<T>({ items, start, render, observe }: ChunkProps<T>) {
  return (
    <div className="pv-chunk" data-start={start} ref={observe}>
      {items.map((item, i) => render(item, start + i))}
    </div>
  );
}, sameItems) as <T>(p: ChunkProps<T>) => ReactNode;

/** Which chunks (by their first index) are far out of their scroller's view. */
function useFarChunks() {
  const [far, setFar] = useState<ReadonlySet<number>>(() => new Set());
  const io = useRef<IntersectionObserver | null>(null);
  useEffect(() => () => io.current?.disconnect(), []);
  const observe = useCallback((el: HTMLDivElement | null) => {
    if (!el || typeof IntersectionObserver === 'undefined') return undefined;
    io.current ??= new IntersectionObserver(
      (entries) =>
        setFar((prev) => {
          const next = new Set(prev);
          for (const e of entries) {
            const start = Number((e.target as HTMLElement).dataset.start);
            if (e.isIntersecting) next.delete(start);
            else next.add(start);
          }
          return next.size === prev.size && [...next].every((s) => prev.has(s)) ? prev : next;
        }),
      { root: el.closest('.pane-scroll'), rootMargin: NEAR_MARGIN },
    );
    const observer = io.current;
    observer.observe(el);
    return () => {
      observer.unobserve(el);
      // A chunk that is gone (the list got shorter) is not far any more.
      const start = Number(el.dataset.start);
      setFar((prev) => {
        if (!prev.has(start)) return prev;
        const next = new Set(prev);
        next.delete(start);
        return next;
      });
    };
  }, []);
  return { far, observe };
}

export function Chunked<T>({
  items,
  render,
}: {
  items: readonly T[];
  render: (item: T, index: number) => ReactNode;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const shown = useReveal(items.length, sentinel);
  const { far, observe } = useFarChunks();
  const chunks: ReactNode[] = [];
  for (let start = 0; start < shown; start += CHUNK)
    chunks.push(
      <Chunk
        key={start}
        items={items.slice(start, Math.min(start + CHUNK, shown))}
        start={start}
        render={render}
        far={far.has(start)}
        observe={observe}
      />,
    );
  return (
    <>
      {chunks}
      {shown < items.length && <div ref={sentinel} className="pv-more" aria-hidden="true" />}
    </>
  );
}
