// React saves the focused element's selection before every commit of any
// root in the window, and puts it back if the commit moved the focus. For a
// contenteditable it finds that selection by walking the element's whole DOM,
// counting characters to the caret and on to the end (there is no opt-out:
// facebook/react#1350). While someone types, the previews, the save
// indicator, the sync status and the word count each commit, so the walk ran
// several times a keystroke: 0.5 ms of CPU a keystroke in a 20,000-字 story
// and 2.1–2.5 ms at 100,000 字 (CPU profile, 100–150 keystrokes, caret
// mid-story; 0.01–0.02 ms with this).
//
// A Lexical editor keeps its own selection, so the count is wasted work.
// React asks an element that has `selectionStart` for the selection instead
// of walking it (the path it takes for text inputs), so the editor's root
// gets input-like accessors: the offsets read as 0, writes to them are
// ignored, and its `value` reads as empty. The one thing given up: were a
// commit to move the focus out of the editor (React moving one of its
// ancestors, which no view here does), React would focus it again and keep
// the page's scroll positions, but leave the caret where focus() puts it
// rather than at its old offset.

const KEYS = ['selectionStart', 'selectionEnd', 'value'] as const;

/** Gives `root` the accessors; returns what takes them off again. */
export function skipReactSelectionWalk(root: HTMLElement): () => void {
  if (KEYS.some((k) => Object.prototype.hasOwnProperty.call(root, k))) return () => undefined;
  for (const key of KEYS)
    Object.defineProperty(root, key, {
      configurable: true,
      get: () => (key === 'value' ? '' : 0),
      set: () => undefined,
    });
  return () => {
    for (const key of KEYS) delete (root as unknown as Record<string, unknown>)[key];
  };
}
