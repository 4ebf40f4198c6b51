// Writes a story body into a Yjs document without a browser: a headless
// Lexical editor bound to a scratch copy of the document produces exactly
// the updates a person typing would, and only that delta is applied to the
// real document. Used to seed new stories, imports and duplicates, and (by
// `patchBody`) to write a pulled or re-derived variant body with the smallest
// change, so what a desk is typing elsewhere in it survives.
import * as Y from 'yjs';
import { diffArrays } from 'diff';
import { createHeadlessEditor } from '@lexical/headless';
import {
  createYjsBinding,
  syncLexicalUpdateToYjs,
  syncYjsChangesToLexical,
  type Provider,
} from '@lexical/yjs';
import { $getRoot, type LexicalEditor } from 'lexical';
import { EDITOR_NODES } from './nodes';
import { $blockNodes } from './blocks-to-lexical';
import { paragraph, type Block } from '../body/blocks';
import { BODY_ROOT, readBodyBlocks } from '../body/lexical-yjs-read';

// The binding reaches for awareness only to sync cursors; a headless writer has none.
const NO_AWARENESS = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  },
} as unknown as Provider;

/** A headless Lexical editor bound to `work`: edits made through it become the Yjs updates a person typing would make. */
export function bindHeadless(work: Y.Doc): LexicalEditor {
  const editor = createHeadlessEditor({
    namespace: 'rongmei-headless',
    nodes: [...EDITOR_NODES],
    onError: (err) => {
      throw err;
    },
  });
  const binding = createYjsBinding({
    editor,
    id: BODY_ROOT,
    doc: work,
    docMap: new Map([[BODY_ROOT, work]]),
  });
  binding.root.getSharedType().observeDeep((events, tr) => {
    if (tr.origin !== binding) syncYjsChangesToLexical(binding, NO_AWARENESS, events, false);
  });
  editor.registerUpdateListener(
    ({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
      if (tags.has('collaboration') || tags.has('historic')) return;
      syncLexicalUpdateToYjs(
        binding,
        NO_AWARENESS,
        prevEditorState,
        editorState,
        dirtyElements,
        dirtyLeaves,
        normalizedNodes,
        tags,
      );
    },
  );
  return editor;
}

/**
 * Replaces the body of `doc` with `blocks` and returns the Yjs update that did
 * it (already applied to `doc` with `origin`). An empty body becomes one empty
 * paragraph, which is what an editor needs to place the caret.
 */
export function replaceBody(doc: Y.Doc, blocks: readonly Block[], origin?: unknown): Uint8Array {
  const work = new Y.Doc();
  const editor = bindHeadless(work);
  Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
  editor.read(() => undefined); // commit the Yjs → Lexical sync before editing
  const before = Y.encodeStateVector(work);
  const content = blocks.length ? blocks : [paragraph('')];
  editor.update(
    () => {
      const root = $getRoot();
      root.clear();
      root.append(...$blockNodes(content));
    },
    { discrete: true },
  );
  const delta = Y.encodeStateAsUpdate(work, before);
  work.destroy();
  Y.applyUpdate(doc, delta, origin);
  return delta;
}

const blockKey = (b: Block) => JSON.stringify(b);

/**
 * Changes the body of `doc` into `blocks` block by block: blocks that stay
 * the same are not touched, so concurrent edits in them are kept. Returns the
 * update (already applied with `origin`), or null when nothing changed.
 */
export function patchBody(
  doc: Y.Doc,
  blocks: readonly Block[],
  origin?: unknown,
): Uint8Array | null {
  const before = readBodyBlocks(doc);
  const target = blocks.length ? blocks : [paragraph('')];
  const hunks: Array<{ start: number; remove: number; insert: Block[] }> = [];
  let pos = 0;
  for (const c of diffArrays(before.map(blockKey), target.map(blockKey))) {
    const n = c.value.length;
    const last = hunks[hunks.length - 1];
    if (c.added) {
      const insert = c.value.map((k) => JSON.parse(k) as Block);
      if (last && last.start + last.remove === pos) last.insert.push(...insert);
      else hunks.push({ start: pos, remove: 0, insert });
    } else if (c.removed) {
      if (last && last.start + last.remove === pos) last.remove += n;
      else hunks.push({ start: pos, remove: n, insert: [] });
      pos += n;
    } else pos += n;
  }
  if (hunks.length === 0) return null;
  const work = new Y.Doc();
  const editor = bindHeadless(work);
  Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
  editor.read(() => undefined);
  const sv = Y.encodeStateVector(work);
  editor.update(
    () => {
      const root = $getRoot();
      // Only when the editor's children are the blocks one to one can indexes be trusted.
      if (root.getChildrenSize() !== before.length) {
        root.clear();
        root.append(...$blockNodes(target));
        return;
      }
      // From the end, so earlier indexes stay valid.
      for (const h of [...hunks].reverse()) root.splice(h.start, h.remove, $blockNodes(h.insert));
    },
    { discrete: true },
  );
  const delta = Y.encodeStateAsUpdate(work, sv);
  work.destroy();
  Y.applyUpdate(doc, delta, origin);
  return delta;
}
