// Between the body editor's DOM and the plain-text projection the annotations
// are anchored in (shared/annotations/projection.ts): the editor renders one
// element per block (a list's items as <li>), so a block id finds its element
// and a character offset inside it finds a text node. Used to highlight
// ranges, select them on a jump, and turn the user's selection into offsets.
import type { Projection } from '@shared/annotations';

const LIST = new Set(['UL', 'OL']);

/** Block id (block:3, block:5.1) → its element in the editor. */
export function blockElements(editable: Element): Map<string, Element> {
  const out = new Map<string, Element>();
  const list = (el: Element, prefix: string) => {
    let j = 0;
    for (const li of Array.from(el.children)) {
      if (li.tagName !== 'LI') continue;
      out.set(`${prefix}.${j}`, li);
      let k = 0;
      for (const sub of Array.from(li.children))
        if (LIST.has(sub.tagName)) list(sub, `${prefix}.${j}.${k++}`);
      j++;
    }
  };
  Array.from(editable.children).forEach((el, i) => {
    if (LIST.has(el.tagName)) list(el, `block:${i}`);
    else {
      out.set(`block:${i}`, el);
      let k = 0;
      for (const sub of Array.from(el.children))
        if (LIST.has(sub.tagName)) list(sub, `block:${i}.${k++}`);
    }
  });
  return out;
}

/** Text nodes (and <br>s, one character each) of a block, nested lists left out. */
function* leaves(block: Element): Generator<Node> {
  for (const child of Array.from(block.childNodes)) {
    if (child.nodeType === 3) yield child;
    else if (child instanceof Element) {
      if (LIST.has(child.tagName)) continue;
      if (child.tagName === 'BR') yield child;
      else yield* leaves(child);
    }
  }
}

function leafLength(n: Node): number {
  return n.nodeType === 3 ? (n.nodeValue?.length ?? 0) : 1;
}

function pointAt(block: Element, offset: number, edge: 'start' | 'end'): [Node, number] | null {
  let pos = 0;
  let last: Node | null = null;
  for (const n of leaves(block)) {
    const len = leafLength(n);
    const inside = edge === 'start' ? offset < pos + len : offset <= pos + len;
    if (inside && n.nodeType === 3) return [n, Math.max(0, offset - pos)];
    pos += len;
    last = n;
  }
  if (last && last.nodeType === 3) return [last, leafLength(last)];
  return null;
}

/** A DOM range for [start, end) of the projection's text, or null when the editor has not drawn it. */
export function domRange(
  editable: Element,
  p: Projection,
  start: number,
  end: number,
  blocks = blockElements(editable),
): Range | null {
  const first = p.blocks.findLast((b) => b.offset <= start);
  const last = p.blocks.findLast((b) => b.offset < end) ?? first;
  if (!first || !last) return null;
  const a = blocks.get(first.id);
  const b = blocks.get(last.id);
  if (!a || !b) return null;
  const s = pointAt(a, start - first.offset, 'start');
  const e = pointAt(b, end - last.offset, 'end');
  if (!s || !e) return null;
  const range = editable.ownerDocument.createRange();
  range.setStart(s[0], s[1]);
  range.setEnd(e[0], e[1]);
  return range;
}

function offsetIn(block: Element, node: Node, offset: number): number {
  let pos = 0;
  for (const n of leaves(block)) {
    if (n === node) return pos + Math.min(offset, leafLength(n));
    if (node.nodeType !== 3 && node.contains(n)) {
      // A point given as (element, child index): count the leaves before that child.
      const child = node.childNodes[offset];
      if (child && (child === n || child.contains(n))) return pos;
    }
    pos += leafLength(n);
  }
  return pos;
}

/** The user's selection in the body as projection offsets; null when it is not a range in the body. */
export function selectionInBody(
  editable: Element,
  p: Projection,
): { start: number; end: number } | null {
  const sel = editable.ownerDocument.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!editable.contains(range.startContainer) || !editable.contains(range.endContainer))
    return null;
  const blocks = blockElements(editable);
  const ids = new Map<Element, string>();
  for (const [id, el] of blocks) ids.set(el, id);
  const locate = (node: Node, offset: number): number | null => {
    let el: Node | null = node;
    while (el && el !== editable) {
      const id = el instanceof Element ? ids.get(el) : undefined;
      if (id) {
        const b = p.blocks.find((x) => x.id === id);
        return b ? b.offset + offsetIn(el as Element, node, offset) : null;
      }
      el = el.parentNode;
    }
    return null;
  };
  const start = locate(range.startContainer, range.startOffset);
  const end = locate(range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return { start, end };
}
