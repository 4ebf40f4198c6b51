// Recent results of a pure function of a string. Previews re-derive every
// channel on each keystroke, and most of what a derivation computes (the
// cleaned headline, the trimmed lead, the lead's text cards, the story's link
// key) comes out of the same strings as the keystroke before: the body changed
// somewhere else. A few dozen entries cover that; the oldest goes first.
export function recentResults<R>(fn: (key: string) => R, size = 64): (key: string) => R {
  const recent = new Map<string, R>();
  return (key) => {
    const hit = recent.get(key);
    if (hit !== undefined || recent.has(key)) return hit as R;
    const out = fn(key);
    if (recent.size >= size) recent.delete(recent.keys().next().value!);
    recent.set(key, out);
    return out;
  };
}
