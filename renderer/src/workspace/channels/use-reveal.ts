// Progressive rendering of a long preview body: the first screenfuls, then
// more as the pane is scrolled towards the end. An edit far down a
// 20,000-字 story then touches nothing that is rendered.
import { useEffect, useState, type RefObject } from 'react';

export const REVEAL_STEP = 32;

export function useReveal(total: number, sentinel: RefObject<HTMLElement | null>): number {
  const [count, setCount] = useState(REVEAL_STEP);
  const done = count >= total;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || done || typeof IntersectionObserver === 'undefined') return;
    const root = el.closest('.pane-scroll');
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setCount((c) => c + REVEAL_STEP);
      },
      { root, rootMargin: '800px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [sentinel, done, count]);
  return Math.min(count, total);
}
