// Finds list terms in text through the automaton: folds the text, matches,
// drops hits inside whitelisted phrases and Latin terms inside longer words,
// and maps every hit back to the original text's UTF-16 range.
import { AhoCorasick, type AutomatonStats } from './aho-corasick';
import { BOUNDARY, foldTerm, foldText, isWordChar, type FoldMode } from './normalize';

export interface TermHit<T> {
  /** UTF-16 range in the original text. */
  start: number;
  end: number;
  entry: T;
}

export class TermMatcher<T> {
  private constructor(
    private readonly automaton: AhoCorasick,
    private readonly entries: readonly T[],
    private readonly lengths: Int32Array,
    private readonly wordEdges: Uint8Array,
    private readonly mode: FoldMode,
    /** Larger wins when one hit lies inside another. */
    private readonly rank: (entry: T) => number,
  ) {}

  /**
   * Terms whose folded forms coincide are one pattern; `rank` picks which
   * entry it reports (the more severe one).
   */
  static build<T>(
    terms: readonly { text: string; entry: T }[],
    whitelist: readonly string[],
    mode: FoldMode,
    rank: (entry: T) => number = () => 0,
  ): TermMatcher<T> {
    const byPattern = new Map<string, { cps: number[]; entry: T }>();
    for (const t of terms) {
      const cps = foldTerm(t.text, mode);
      if (cps.length === 0) continue;
      const key = String.fromCodePoint(...cps);
      const old = byPattern.get(key);
      if (!old || rank(t.entry) > rank(old.entry)) byPattern.set(key, { cps, entry: t.entry });
    }
    const unique = [...byPattern.values()];
    const patterns = unique.map((u) => u.cps);
    for (const w of whitelist) {
      const cps = foldTerm(w, mode);
      if (cps.length > 0) patterns.push(cps);
    }
    const lengths = Int32Array.from(patterns.map((p) => p.length));
    // Bit 1: the term starts with a Latin letter or digit; bit 2: it ends with one.
    const wordEdges = Uint8Array.from(
      unique.map(
        (u) => (isWordChar(u.cps[0]!) ? 1 : 0) | (isWordChar(u.cps[u.cps.length - 1]!) ? 2 : 0),
      ),
    );
    return new TermMatcher(
      AhoCorasick.build(patterns),
      unique.map((u) => u.entry),
      lengths,
      wordEdges,
      mode,
      rank,
    );
  }

  get stats(): AutomatonStats {
    return this.automaton.stats;
  }

  match(text: string): TermHit<T>[] {
    const f = foldText(text, this.mode);
    const terms = this.entries.length;
    const hits: { id: number; s: number; e: number }[] = [];
    const allowed: { s: number; e: number }[] = [];
    const chars = f.chars;
    this.automaton.scan(chars, f.length, (id, e) => {
      const s = e - this.lengths[id]! + 1;
      if (id >= terms) {
        allowed.push({ s, e });
        return;
      }
      const edges = this.wordEdges[id]!;
      if (edges & 1 && s > 0 && chars[s - 1] !== BOUNDARY && isWordChar(chars[s - 1]!)) return;
      if (edges & 2 && e + 1 < f.length && isWordChar(chars[e + 1]!)) return;
      hits.push({ id, s, e });
    });
    if (hits.length === 0) return [];
    let kept =
      allowed.length === 0
        ? hits
        : hits.filter((h) => !allowed.some((a) => a.s <= h.s && a.e >= h.e));
    if (kept.length > 1) {
      // One hit inside another of at least its rank is the same finding said twice.
      // Sorted by start (then longest first), a hit is inside an earlier one exactly
      // when some earlier kept hit of rank ≥ its own reaches at least as far.
      kept.sort((a, b) => a.s - b.s || b.e - a.e);
      const reach = new Map<number, number>();
      const out: typeof kept = [];
      for (const h of kept) {
        const r = this.rank(this.entries[h.id]!);
        let inside = false;
        for (const [rank, end] of reach) if (rank >= r && end >= h.e) inside = true;
        if (inside) continue;
        out.push(h);
        reach.set(r, Math.max(reach.get(r) ?? -1, h.e));
      }
      kept = out;
    }
    return kept.map((h) => ({
      start: f.start[h.s]!,
      end: f.end[h.e]!,
      entry: this.entries[h.id]!,
    }));
  }
}
