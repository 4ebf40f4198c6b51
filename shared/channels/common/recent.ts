// Recent results of a pure function. Previews re-derive every channel on each
// keystroke, and most of what a derivation computes (the cleaned headline,
// the trimmed lead, the lead's text cards, the story's link key) comes out of
// the same strings as the keystroke before: the body changed somewhere else.
// A few dozen entries cover that; the oldest goes first. A function of more
// than one string says how its arguments make one key.
export function recentResults<R>(fn: (key: string) => R, size?: number): (key: string) => R;
export function recentResults<A extends unknown[], R>(
  fn: (...args: A) => R,
  size: number,
  key: (...args: A) => string,
): (...args: A) => R;
export function recentResults<A extends unknown[], R>(
  fn: (...args: A) => R,
  size = 64,
  key: (...args: A) => string = (...args) => args[0] as string,
): (...args: A) => R {
  const recent = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    const hit = recent.get(k);
    if (hit !== undefined || recent.has(k)) return hit as R;
    const out = fn(...args);
    if (recent.size >= size) recent.delete(recent.keys().next().value!);
    recent.set(k, out);
    return out;
  };
}
