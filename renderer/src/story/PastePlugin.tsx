// Paste from Word, WPS, web pages and chat apps, cleaned to our node set:
// the HTML goes through the same sanitiser as .docx import, so a paste and
// an import of the same text give the same story.
import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getSelection, $isRangeSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND } from 'lexical';
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { htmlTreeToBlocks } from '@shared/body/html-to-blocks';
import { $blockNodes } from '@shared/editor/blocks-to-lexical';
import { htmlToTree } from './dom-to-html-tree';

export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          const html = data?.getData('text/html');
          // Lexical's own clipboard format keeps its nodes exactly; leave that to Lexical.
          if (!data || !html || data.types.includes('application/x-lexical-editor')) return false;
          const blocks = htmlTreeToBlocks(htmlToTree(html));
          if (blocks.length === 0) return false;
          event.preventDefault();
          editor.update(() => {
            const selection = $getSelection();
            if ($isRangeSelection(selection))
              $insertGeneratedNodes(editor, $blockNodes(blocks), selection);
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  return null;
}
