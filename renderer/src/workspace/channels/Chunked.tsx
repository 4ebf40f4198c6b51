// A long list (a 20,000-字 body has a few hundred paragraphs) rendered in
// chunks: a keystroke changes one paragraph, so React re-renders one chunk
// instead of walking every row (see styles.css for why chunks are not
// content-visibility: auto).
import { memo, useRef, type ReactNode } from 'react';
import { useReveal } from './use-reveal';

export const CHUNK = 16;

interface ChunkProps<T> {
  items: readonly T[];
  start: number;
  render: (item: T, index: number) => ReactNode;
}

function sameItems<T>(a: ChunkProps<T>, b: ChunkProps<T>): boolean {
  if (a.start !== b.start || a.items.length !== b.items.length) return false;
  for (let i = 0; i < a.items.length; i++) if (a.items[i] !== b.items[i]) return false;
  // `render` is the same function in spirit on every call; its identity is not compared.
  return true;
}

const Chunk = memo(function Chunk<T>({ items, start, render }: ChunkProps<T>) {
  return <div className="pv-chunk">{items.map((item, i) => render(item, start + i))}</div>;
}, sameItems) as <T>(p: ChunkProps<T>) => ReactNode;

export function Chunked<T>({
  items,
  render,
}: {
  items: readonly T[];
  render: (item: T, index: number) => ReactNode;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const shown = useReveal(items.length, sentinel);
  const chunks: ReactNode[] = [];
  for (let start = 0; start < shown; start += CHUNK)
    chunks.push(
      <Chunk
        key={start}
        items={items.slice(start, Math.min(start + CHUNK, shown))}
        start={start}
        render={render}
      />,
    );
  return (
    <>
      {chunks}
      {shown < items.length && <div ref={sentinel} className="pv-more" aria-hidden="true" />}
    </>
  );
}
