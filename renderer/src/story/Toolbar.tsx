// Formatting controls for the body. Every button has a translated label and
// shows its pressed state; the same actions have keyboard shortcuts
// (Ctrl/⌘+B, I, U, K for a link, Z / Shift+Z for undo and redo).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  KEY_MODIFIER_COMMAND,
  REDO_COMMAND,
  SELECTION_CHANGE_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { $setBlocksType } from '@lexical/selection';
import {
  $createHeadingNode,
  $createQuoteNode,
  $isHeadingNode,
  $isQuoteNode,
} from '@lexical/rich-text';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { $createHorizontalRuleNode } from '@lexical/extension';
import {
  $findMatchingParent,
  $getNearestNodeOfType,
  $insertNodeToNearestRoot,
  mergeRegister,
} from '@lexical/utils';
import { isSafeHref } from '@shared/text/links';

type BlockKind = 'paragraph' | 'h2' | 'h3' | 'quote' | 'bullet' | 'number';

interface ToolbarState {
  block: BlockKind;
  formats: Set<TextFormatType>;
  link: string | null;
  canUndo: boolean;
  canRedo: boolean;
}

const FORMATS: Array<{ format: TextFormatType; key: string; glyph: string }> = [
  { format: 'bold', key: 'bold', glyph: 'B' },
  { format: 'italic', key: 'italic', glyph: 'I' },
  { format: 'underline', key: 'underline', glyph: 'U' },
  { format: 'strikethrough', key: 'strikethrough', glyph: 'S' },
];

// Icons drawn here rather than emoji, which many office PCs render as boxes.
const LINK_ICON = (
  <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
    <path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8" />
  </svg>
);
const CLEAR_ICON = (
  <svg viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
    <path d="M3 3.5h8M7 3.5L5 12.5M10 9l4 4M14 9l-4 4" />
  </svg>
);

function sameFormats(a: ReadonlySet<TextFormatType>, b: ReadonlySet<TextFormatType>): boolean {
  return a.size === b.size && [...a].every((f) => b.has(f));
}

export function Toolbar() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<ToolbarState>({
    block: 'paragraph',
    formats: new Set(),
    link: null,
    canUndo: false,
    canRedo: false,
  });
  const [linkOpen, setLinkOpen] = useState(false);

  const refresh = useCallback(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    const anchor = selection.anchor.getNode();
    const top =
      $findMatchingParent(anchor, (n) => {
        const parent = n.getParent();
        return parent !== null && $isRootOrShadowRoot(parent);
      }) ?? anchor.getTopLevelElementOrThrow();
    let block: BlockKind = 'paragraph';
    if ($isListNode(top)) {
      const list = $getNearestNodeOfType(anchor, ListNode);
      block = (list ?? top).getListType() === 'number' ? 'number' : 'bullet';
    } else if ($isHeadingNode(top)) block = top.getTag() === 'h3' ? 'h3' : 'h2';
    else if ($isQuoteNode(top)) block = 'quote';
    const formats = new Set<TextFormatType>(
      FORMATS.map((f) => f.format).filter((f) => selection.hasFormat(f)),
    );
    const linkNode = $findMatchingParent(anchor, $isLinkNode);
    const link = $isLinkNode(linkNode) ? linkNode.getURL() : null;
    // Every keystroke ends up here: keep the same state when the caret's
    // block, formats and link are as they were, so typing does not re-render
    // the toolbar (its labels go through i18next each time).
    setState((s) =>
      s.block === block && s.link === link && sameFormats(s.formats, formats)
        ? s
        : { ...s, block, formats, link },
    );
  }, []);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(refresh)),
        editor.registerCommand(
          SELECTION_CHANGE_COMMAND,
          () => {
            refresh();
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (v) => (setState((s) => (s.canUndo === v ? s : { ...s, canUndo: v })), false),
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (v) => (setState((s) => (s.canRedo === v ? s : { ...s, canRedo: v })), false),
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_MODIFIER_COMMAND,
          (event) => {
            if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
              event.preventDefault();
              setLinkOpen(true);
              return true;
            }
            return false;
          },
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, refresh],
  );

  const setBlock = (kind: BlockKind) => {
    if (kind === 'bullet' || kind === 'number') {
      const same = state.block === kind;
      editor.dispatchCommand(
        same
          ? REMOVE_LIST_COMMAND
          : kind === 'bullet'
            ? INSERT_UNORDERED_LIST_COMMAND
            : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const target = state.block === kind ? 'paragraph' : kind;
      $setBlocksType(selection, () =>
        target === 'h2' || target === 'h3'
          ? $createHeadingNode(target)
          : target === 'quote'
            ? $createQuoteNode()
            : $createParagraphNode(),
      );
    });
  };

  const clearFormatting = () =>
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      for (const node of selection.extract()) if ($isTextNode(node)) node.setFormat(0);
    });

  const btn = (
    label: string,
    onClick: () => void,
    opts: { pressed?: boolean; disabled?: boolean; glyph: ReactNode; className?: string },
  ) => (
    <button
      type="button"
      className={`tool ${opts.className ?? ''}`}
      aria-label={label}
      title={label}
      aria-pressed={opts.pressed}
      disabled={opts.disabled}
      onMouseDown={(e) => e.preventDefault()} // keep the editor's selection
      onClick={onClick}
    >
      {opts.glyph}
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      {btn(t('editor.undo'), () => editor.dispatchCommand(UNDO_COMMAND, undefined), {
        disabled: !state.canUndo,
        glyph: '↶',
      })}
      {btn(t('editor.redo'), () => editor.dispatchCommand(REDO_COMMAND, undefined), {
        disabled: !state.canRedo,
        glyph: '↷',
      })}
      <span className="tool-sep" />
      {btn(t('editor.paragraph'), () => setBlock('paragraph'), {
        pressed: state.block === 'paragraph',
        glyph: t('editor.paragraphShort'),
      })}
      {btn(t('editor.heading2'), () => setBlock('h2'), {
        pressed: state.block === 'h2',
        glyph: 'H2',
      })}
      {btn(t('editor.heading3'), () => setBlock('h3'), {
        pressed: state.block === 'h3',
        glyph: 'H3',
      })}
      {btn(t('editor.quote'), () => setBlock('quote'), {
        pressed: state.block === 'quote',
        glyph: '❝',
      })}
      {btn(t('editor.bulletList'), () => setBlock('bullet'), {
        pressed: state.block === 'bullet',
        glyph: '•≡',
      })}
      {btn(t('editor.numberList'), () => setBlock('number'), {
        pressed: state.block === 'number',
        glyph: '1.',
      })}
      <span className="tool-sep" />
      {FORMATS.map((f) =>
        btn(t(`editor.${f.key}`), () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, f.format), {
          pressed: state.formats.has(f.format),
          glyph: f.glyph,
          className: `tool-${f.key}`,
        }),
      )}
      {btn(t('editor.link'), () => setLinkOpen((o) => !o), {
        pressed: state.link !== null,
        glyph: LINK_ICON,
      })}
      {btn(
        t('editor.rule'),
        () => editor.update(() => void $insertNodeToNearestRoot($createHorizontalRuleNode())),
        { glyph: '―' },
      )}
      {btn(t('editor.clearFormat'), clearFormatting, { glyph: CLEAR_ICON })}
      {linkOpen && (
        <LinkForm
          initial={state.link ?? 'https://'}
          onClose={() => setLinkOpen(false)}
          onApply={(url) => {
            editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
            setLinkOpen(false);
          }}
          canRemove={state.link !== null}
        />
      )}
    </div>
  );
}

function LinkForm({
  initial,
  onApply,
  onClose,
  canRemove,
}: {
  initial: string;
  onApply: (url: string | null) => void;
  onClose: () => void;
  canRemove: boolean;
}) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <form
      className="link-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!isSafeHref(url)) {
          setInvalid(true);
          return;
        }
        onApply(url.trim());
      }}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <input
        ref={input}
        type="url"
        aria-label={t('editor.linkUrl')}
        aria-invalid={invalid}
        value={url}
        onChange={(e) => {
          setUrl(e.target.value);
          setInvalid(false);
        }}
      />
      <button type="submit">{t('editor.linkApply')}</button>
      {canRemove && (
        <button type="button" onClick={() => onApply(null)}>
          {t('editor.linkRemove')}
        </button>
      )}
      <button type="button" onClick={onClose}>
        {t('common.cancel')}
      </button>
      {invalid && (
        <span className="error" role="alert">
          {t('editor.linkInvalid')}
        </span>
      )}
    </form>
  );
}
