// Reads a body out of its Yjs document incrementally: a block is re-read only
// when something inside its top-level XmlText changed, and unchanged blocks
// keep their identity from one read to the next. The workspace previews lean
// on that identity to re-render only the paragraph being typed in a
// 20,000-字 story.
import type * as Y from 'yjs';
import type { Block } from './blocks';
import { bodyRoot, readRootChild } from './lexical-yjs-read';

type DeltaOp = { insert: unknown };

export class BodyReader {
  private readonly root: Y.XmlText;
  private readonly cache = new Map<unknown, Block>();
  private blocks: Block[] = [];
  private dirty = true;
  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    this.dirty = true;
    for (const e of events) {
      // Forget the top-level child the change happened in; the root's own changes
      // (blocks added or removed) are seen by walking its delta again.
      let t: Y.AbstractType<unknown> | null = e.target;
      while (t && t.parent !== this.root && t !== this.root)
        t = t.parent as Y.AbstractType<unknown> | null;
      if (t && t !== this.root) this.cache.delete(t);
    }
  };

  constructor(doc: Y.Doc) {
    this.root = bodyRoot(doc);
    this.root.observeDeep(this.onChange);
  }

  /** True when the body changed since the last read. */
  get changed(): boolean {
    return this.dirty;
  }

  /** The body; the same array (and the same block objects) while nothing changed. */
  read(): Block[] {
    if (!this.dirty) return this.blocks;
    this.dirty = false;
    const next: Block[] = [];
    const seen = new Set<unknown>();
    for (const op of this.root.toDelta() as DeltaOp[]) {
      const child = op.insert;
      seen.add(child);
      let b = this.cache.get(child);
      if (!b) {
        b = readRootChild(child) ?? undefined;
        if (!b) continue;
        this.cache.set(child, b);
      }
      next.push(b);
    }
    for (const k of this.cache.keys()) if (!seen.has(k)) this.cache.delete(k);
    const same = next.length === this.blocks.length && next.every((b, i) => b === this.blocks[i]);
    if (!same) this.blocks = next;
    return this.blocks;
  }

  dispose(): void {
    this.root.unobserveDeep(this.onChange);
    this.cache.clear();
  }
}
