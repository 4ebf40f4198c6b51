// Keeps React from walking this editor's DOM on every commit while it has the
// focus (see react-selection-shortcut.ts).
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { skipReactSelectionWalk } from './react-selection-shortcut';

export function SelectionWalkPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    let undo: (() => void) | null = null;
    const stop = editor.registerRootListener((root) => {
      undo?.();
      undo = root ? skipReactSelectionWalk(root) : null;
    });
    return () => {
      stop();
      undo?.();
    };
  }, [editor]);
  return null;
}
