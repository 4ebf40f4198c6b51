// Variants must not share objects with the master: a derive result goes into
// its own Yjs document and is edited independently. A plain recursive copy
// (strings are immutable and shared) is ~20× faster than a JSON round trip on
// a 20,000-字 body, which matters because the workspace derives every preview
// on each keystroke. Same result as JSON: undefined properties are dropped.
export function cloneData<T>(value: T): T {
  return copy(value) as T;
}

export interface DeriveOptions {
  /**
   * The result is only read (a live preview), never stored or edited: it may
   * share the master's own objects instead of copying them. The master's
   * blocks are immutable and keep their identity while unchanged, so a
   * preview re-derived on each keystroke then differs from the last one only
   * where the master did — comparing them costs a few hundred identity
   * checks instead of a walk over every character of a long story.
   */
  share?: boolean;
}

/** The master's data for a variant: copied, or shared when the result is read-only. */
export function own<T>(value: T, opts?: DeriveOptions): T {
  return opts?.share ? value : cloneData(value);
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
