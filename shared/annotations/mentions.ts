// @mentions in a comment: "@王小明 请核实" names 王小明. A name runs to the
// next space or punctuation mark; with a people list, the longest known name
// that follows the @ wins, so "@王小明请核实" still finds 王小明.

const NAME_CHAR = /[\p{L}\p{N}_.\-·]/u;

/** The names mentioned in `text`, in order, without repeats. */
export function parseMentions(text: string, people: readonly string[] = []): string[] {
  const out: string[] = [];
  const known = [...people].sort((a, b) => b.length - a.length);
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    const rest = text.slice(i + 1);
    let name = known.find((p) => p && rest.startsWith(p)) ?? '';
    if (!name) {
      let n = 0;
      for (const ch of rest) {
        if (!NAME_CHAR.test(ch)) break;
        n += ch.length;
      }
      name = rest.slice(0, n);
    }
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The partial name being typed after an @ at the caret, for the suggestion list; null when not in a mention. */
export function mentionQuery(text: string, caret: number): { at: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if ([...query].some((ch) => !NAME_CHAR.test(ch))) return null;
  return { at, query };
}
