// An Aho–Corasick automaton over code points: every occurrence of every
// pattern in one pass over the text, whatever the number of patterns. Built
// once per word list (the server caches it), then scans are linear in the text.

export interface AutomatonStats {
  patterns: number;
  nodes: number;
  edges: number;
}

/**
 * Compiled form: the trie's edges in sorted arrays per node (compact, cache
 * friendly), a dense table for the root's children (the root is visited
 * after almost every mismatch), failure links, and per node the pattern that
 * ends there plus a link to the next node on the failure chain that ends one.
 */
export class AhoCorasick {
  private constructor(
    private readonly rootBmp: Int32Array,
    private readonly rootAstral: Map<number, number>,
    private readonly edgeStart: Int32Array,
    private readonly edgeChar: Int32Array,
    private readonly edgeTo: Int32Array,
    private readonly fail: Int32Array,
    private readonly output: Int32Array,
    private readonly outputLink: Int32Array,
    readonly stats: AutomatonStats,
  ) {}

  /** Patterns are code point arrays; empty patterns are ignored. Pattern ids are their indexes. */
  static build(patterns: readonly (readonly number[])[]): AhoCorasick {
    // 1. Trie from the patterns in sorted order. Sorted, every pattern shares its
    //    path with the one before it, so the only child worth looking for is the
    //    one added last: no per-node maps, just typed arrays (50,000 terms in tens of ms).
    const order: { key: string; id: number }[] = [];
    let total = 1;
    patterns.forEach((p, id) => {
      if (p.length === 0) return;
      order.push({ key: String.fromCodePoint(...p), id });
      total += p.length;
    });
    order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const char = new Int32Array(total);
    const firstChild = new Int32Array(total).fill(-1);
    const lastChild = new Int32Array(total).fill(-1);
    const nextSibling = new Int32Array(total).fill(-1);
    const outputs = new Int32Array(total).fill(-1);
    let n = 1;
    for (const { id } of order) {
      let node = 0;
      for (const c of patterns[id]!) {
        const last = lastChild[node]!;
        if (last >= 0 && char[last] === c) {
          node = last;
          continue;
        }
        const child = n++;
        char[child] = c;
        if (last >= 0) nextSibling[last] = child;
        else firstChild[node] = child;
        lastChild[node] = child;
        node = child;
      }
      // Equal patterns: the lowest id wins, whatever order the sort left them in.
      if (outputs[node] === -1 || id < outputs[node]!) outputs[node] = id;
    }

    // 2. Edges into sorted arrays per node (CSR). UTF-16 order can differ from
    //    code point order around astral characters, so each node's edges are sorted.
    const edgeStart = new Int32Array(n + 1);
    const edges = n - 1;
    const edgeChar = new Int32Array(edges);
    const edgeTo = new Int32Array(edges);
    let e = 0;
    for (let node = 0; node < n; node++) {
      edgeStart[node] = e;
      const from = e;
      for (let c = firstChild[node]!; c >= 0; c = nextSibling[c]!) {
        edgeChar[e] = char[c]!;
        edgeTo[e] = c;
        e++;
      }
      for (let k = from + 1; k < e; k++) {
        // Insertion sort: already in order except around astral characters.
        const ch = edgeChar[k]!;
        const to = edgeTo[k]!;
        let m = k - 1;
        while (m >= from && edgeChar[m]! > ch) {
          edgeChar[m + 1] = edgeChar[m]!;
          edgeTo[m + 1] = edgeTo[m]!;
          m--;
        }
        edgeChar[m + 1] = ch;
        edgeTo[m + 1] = to;
      }
    }
    edgeStart[n] = e;
    const rootBmp = new Int32Array(0x10000).fill(-1);
    const rootAstral = new Map<number, number>();
    for (let k = edgeStart[0]!; k < edgeStart[1]!; k++) {
      if (edgeChar[k]! < 0x10000) rootBmp[edgeChar[k]!] = edgeTo[k]!;
      else rootAstral.set(edgeChar[k]!, edgeTo[k]!);
    }

    // 3. Failure and output links, breadth first.
    const fail = new Int32Array(n);
    const output = outputs.slice(0, n);
    const outputLink = new Int32Array(n).fill(-1);
    const ac = new AhoCorasick(
      rootBmp,
      rootAstral,
      edgeStart,
      edgeChar,
      edgeTo,
      fail,
      output,
      outputLink,
      {
        patterns: patterns.length,
        nodes: n,
        edges,
      },
    );
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    for (let k = edgeStart[0]!; k < edgeStart[1]!; k++) queue[tail++] = edgeTo[k]!;
    while (head < tail) {
      const node = queue[head++]!;
      for (let e = edgeStart[node]!; e < edgeStart[node + 1]!; e++) {
        const c = edgeChar[e]!;
        const child = edgeTo[e]!;
        let f = fail[node]!;
        let target = ac.step(f, c);
        // The child's failure is the longest proper suffix that is also a trie path.
        while (target < 0 && f !== 0) {
          f = fail[f]!;
          target = ac.step(f, c);
        }
        fail[child] = target < 0 || target === child ? 0 : target;
        const fc = fail[child]!;
        outputLink[child] = output[fc]! >= 0 ? fc : outputLink[fc]!;
        queue[tail++] = child;
      }
    }
    return ac;
  }

  /** The child of `node` on `c`, or -1. */
  private step(node: number, c: number): number {
    if (node === 0) return c < 0x10000 ? this.rootBmp[c]! : (this.rootAstral.get(c) ?? -1);
    let lo = this.edgeStart[node]!;
    let hi = this.edgeStart[node + 1]! - 1;
    const chars = this.edgeChar;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const m = chars[mid]!;
      if (m === c) return this.edgeTo[mid]!;
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Calls `onMatch(patternId, endIndex)` for every occurrence, endIndex being
   * the index of the match's last code point in `chars`. Overlapping and
   * nested matches are all reported.
   */
  scan(chars: Int32Array, length: number, onMatch: (pattern: number, end: number) => void): void {
    const fail = this.fail;
    const output = this.output;
    const outputLink = this.outputLink;
    let node = 0;
    for (let i = 0; i < length; i++) {
      const c = chars[i]!;
      let next = this.step(node, c);
      while (next < 0 && node !== 0) {
        node = fail[node]!;
        next = this.step(node, c);
      }
      node = next < 0 ? 0 : next;
      if (node === 0) continue;
      let o = output[node]! >= 0 ? node : outputLink[node]!;
      while (o >= 0) {
        onMatch(output[o]!, i);
        o = outputLink[o]!;
      }
    }
  }
}
