// Structural sharing between two versions of plain data: the result is
// `next`, except that every subtree equal to the one at the same place in
// `prev` IS the one from `prev`. A preview re-derived on each keystroke then
// keeps the identity of every paragraph that did not change, so the UI can
// skip re-rendering them by identity alone.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Nothing is allocated where nothing changed: a keystroke re-derives five
 * previews of a body a few hundred paragraphs long, and all but one of them
 * come back as they were.
 */
export function replaceEqualDeep<T>(prev: unknown, next: T): T {
  if (prev === next) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let out: unknown[] | null = prev.length === next.length ? null : [];
    for (let i = 0; i < next.length; i++) {
      const v = replaceEqualDeep(prev[i], next[i]);
      if (out === null && v !== prev[i]) out = prev.slice(0, i);
      out?.push(v);
    }
    return (out ?? prev) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let out: Record<string, unknown> | null = keys.length === Object.keys(prev).length ? null : {};
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      const v = replaceEqualDeep(prev[k], next[k]);
      if (out === null && (v !== prev[k] || !(k in prev))) {
        out = {};
        for (let m = 0; m < j; m++) out[keys[m]!] = prev[keys[m]!];
      }
      if (out !== null) out[k] = v;
    }
    return (out ?? prev) as T;
  }
  return next;
}
