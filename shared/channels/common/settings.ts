// A channel's settings as its derive and check steps read them: parsed with
// the channel's schema (defaults filled in; a value that does not parse falls
// back to the defaults), once per settings object. Previews derive every
// channel on every keystroke with the same settings object, and parsing it
// each time was a measurable part of that.
import type { z } from 'zod';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * A reader for one channel's settings. The result is shared between callers
 * and frozen: nobody may change it in place.
 */
export function settingsReader<S extends z.ZodType>(schema: S): (raw: unknown) => z.output<S> {
  const parsed = new WeakMap<object, z.output<S>>();
  let defaults: z.output<S> | undefined;
  const fallback = (): z.output<S> => (defaults ??= deepFreeze(schema.parse({})));
  return (raw) => {
    if (typeof raw !== 'object' || raw === null) return fallback();
    const hit = parsed.get(raw);
    if (hit) return hit;
    const r = schema.safeParse(raw);
    const value = r.success ? deepFreeze(r.data) : fallback();
    parsed.set(raw, value);
    return value;
  };
}
