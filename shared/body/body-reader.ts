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
  /** The root's children behind `blocks`, index for index. */
  private children: unknown[] = [];
  private dirty = true;
  /** Blocks were added, removed or moved: the root must be walked again. */
  private structural = true;
  private readonly changedChildren = new Set<unknown>();
  private readonly onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    this.dirty = true;
    for (const e of events) {
      // A change to the root itself adds or removes blocks; anything deeper
      // changes one block, found by walking up to the root's child.
      let t: Y.AbstractType<unknown> | null = e.target;
      if (t === this.root) {
        this.structural = true;
        continue;
      }
      while (t && t.parent !== this.root) t = t.parent as Y.AbstractType<unknown> | null;
      if (t) {
        this.cache.delete(t);
        this.changedChildren.add(t);
      } else this.structural = true;
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
    if (!this.structural && this.readChanged()) return this.blocks;
    this.structural = false;
    this.changedChildren.clear();
    const next: Block[] = [];
    const children: unknown[] = [];
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
      children.push(child);
    }
    for (const k of this.cache.keys()) if (!seen.has(k)) this.cache.delete(k);
    this.children = children;
    const same = next.length === this.blocks.length && next.every((b, i) => b === this.blocks[i]);
    if (!same) this.blocks = next;
    return this.blocks;
  }

  /**
   * Typing changes a block's content, not the list of blocks: re-read just
   * the blocks that changed, in place. False when that is not possible.
   */
  private readChanged(): boolean {
    const next = this.blocks.slice();
    for (const child of this.changedChildren) {
      const at = this.children.indexOf(child);
      const b = at >= 0 ? readRootChild(child) : null;
      if (!b) return false;
      this.cache.set(child, b);
      next[at] = b;
    }
    this.changedChildren.clear();
    this.blocks = next;
    return true;
  }

  dispose(): void {
    this.root.unobserveDeep(this.onChange);
    this.cache.clear();
  }
}
