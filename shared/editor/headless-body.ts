// Writes a story body into a Yjs document without a browser: a headless
// Lexical editor bound to a scratch copy of the document produces exactly
// the updates a person typing would, and only that delta is applied to the
// real document. Used to seed new stories, imports and duplicates.
import * as Y from 'yjs';
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
import { BODY_ROOT } from '../body/lexical-yjs-read';

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
