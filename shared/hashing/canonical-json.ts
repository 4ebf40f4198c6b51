// One byte-exact JSON spelling for a value, so a hash computed by the
// desktop app, the server and an auditor years later agree. Follows RFC 8785
// (JCS): object keys sorted by UTF-16 code units, no whitespace, numbers in
// ECMAScript's shortest round-trip form, strings escaped as JSON.stringify does.

export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Canonical JSON text of `value`. Object members whose value is `undefined`
 * are left out (as JSON.stringify does), so an optional field that is absent
 * and one that is undefined hash the same. NaN, Infinity, undefined inside
 * arrays, and anything that is not plain data are refused rather than guessed.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, out, 0);
  return out.join('');
}

function write(value: unknown, out: string[], depth: number): void {
  if (depth > 200) throw new CanonicalJsonError('nesting deeper than 200 levels');
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`not a finite number: ${value}`);
      // JSON.stringify gives ECMAScript's Number::toString, which is what JCS prescribes (and -0 → 0).
      out.push(JSON.stringify(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((item: unknown, i) => {
          if (item === undefined) throw new CanonicalJsonError(`undefined at array index ${i}`);
          if (i > 0) out.push(',');
          write(item, out, depth + 1);
        });
        out.push(']');
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new CanonicalJsonError('only plain objects can be canonicalised');
      const record = value as Record<string, unknown>;
      // Default sort compares UTF-16 code units, exactly as RFC 8785 §3.2.3 asks.
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      out.push('{');
      keys.forEach((k, i) => {
        if (i > 0) out.push(',');
        out.push(JSON.stringify(k), ':');
        write(record[k], out, depth + 1);
      });
      out.push('}');
      return;
    }
    default:
      throw new CanonicalJsonError(`cannot canonicalise a ${typeof value}`);
  }
}
