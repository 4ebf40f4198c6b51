// The body: Lexical rich text bound to the story's Yjs document through the
// host provider. Undo/redo come from Yjs (so they never undo someone else's
// typing); IME composition is Lexical's own.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { EDITOR_NODES } from '@shared/editor/nodes';
import { isSafeHref } from '@shared/text/links';
import { BODY_ROOT } from '@shared/body/lexical-yjs-read';
import type { HostDocProvider } from './host-doc-provider';
import { Toolbar } from './Toolbar';
import { PastePlugin } from './PastePlugin';
import { SelectionWalkPlugin } from './SelectionWalkPlugin';
import { WordCountBar } from './WordCountBar';
import { SaveIndicator } from './SaveIndicator';
import { editorTheme } from './editor-theme';

export function BodyEditor({
  provider,
  doc,
  userName,
  label,
  saveTestId,
}: {
  provider: HostDocProvider;
  doc: Y.Doc;
  userName: string;
  /** Accessible name of the text area (defaults to 正文, the master's body). */
  label?: string;
  saveTestId?: string;
}) {
  const { t } = useTranslation();
  const providerFactory = useCallback(
    (id: string, docMap: Map<string, Y.Doc>) => {
      docMap.set(id, doc);
      return provider;
    },
    [doc, provider],
  );
  return (
    <LexicalCollaboration>
      <LexicalComposer
        initialConfig={{
          namespace: 'rongmei-body',
          nodes: [...EDITOR_NODES],
          theme: editorTheme,
          editorState: null, // the document comes from Yjs
          onError: (err) => console.error(err),
        }}
      >
        <div className="body-editor">
          <Toolbar />
          <div className="body-scroll-box">
            <div className="body-scroll">
              <RichTextPlugin
                contentEditable={
                  <ContentEditable
                    className="body-content"
                    aria-label={label ?? t('story.body')}
                    aria-placeholder={t('story.bodyPlaceholder')}
                    placeholder={
                      <div className="body-placeholder">{t('story.bodyPlaceholder')}</div>
                    }
                    spellCheck={false}
                  />
                }
                ErrorBoundary={LexicalErrorBoundary}
              />
            </div>
          </div>
          <ListPlugin />
          <LinkPlugin validateUrl={isSafeHref} />
          <PastePlugin />
          <SelectionWalkPlugin />
          <CollaborationPlugin
            id={BODY_ROOT}
            providerFactory={providerFactory}
            shouldBootstrap={false}
            username={userName}
          />
          <WordCountBar>
            <SaveIndicator provider={provider} testId={saveTestId} />
          </WordCountBar>
        </div>
      </LexicalComposer>
    </LexicalCollaboration>
  );
}
