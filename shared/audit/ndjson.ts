// The log's file form: one JSON entry per line (NDJSON), as the server
// exports it and `npm run audit:verify` reads it.
export interface NdjsonResult {
  values: unknown[];
  /** Lines that are not JSON (1-based line numbers). */
  errors: { line: number; message: string }[];
}

export function parseNdjson(text: string): NdjsonResult {
  const values: unknown[] = [];
  const errors: NdjsonResult['errors'] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch (e) {
      errors.push({ line: i + 1, message: e instanceof Error ? e.message : String(e) });
    }
  });
  return { values, errors };
}

export function toNdjson(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join('\n') + (values.length ? '\n' : '');
}
