// A translated sentence that is filled in again many times a second (the
// copyfit bar's figures change on every keystroke): translated once per
// language with markers where its values go, then filled by splicing strings.
// i18next's whole translate pipeline on every keystroke costs more than the
// rest of the bar; the result is the same sentence.
import type { TFunction } from 'i18next';

export type Filler<K extends string> = (values: Record<K, string>) => string;

const MARK = '\u0000';

export function compileTemplate<K extends string>(
  t: TFunction,
  key: string,
  names: readonly K[],
): Filler<K> {
  const marked = t(key, Object.fromEntries(names.map((n) => [n, `${MARK}${n}${MARK}`])));
  // Even pieces are text, odd pieces are value names.
  const pieces = marked.split(MARK);
  return (values) => {
    let out = '';
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      out += i % 2 === 0 ? p : (values[p as K] ?? '');
    }
    return out;
  };
}
