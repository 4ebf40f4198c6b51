// A text input bound to a Y.Text: what is typed becomes the smallest Yjs
// edit; what others type appears without moving this user's caret. During
// IME composition nothing is written, so pinyin never reaches the document.
import { useEffect, useId, useRef } from 'react';
import type * as Y from 'yjs';
import { applyTextEdit } from '@shared/body/story-doc';
import { FIELD_ORIGIN } from './local-origin';

type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** Where a caret at `index` ends up after a remote change described by `delta`. */
export function transformIndex(index: number, delta: Delta): number {
  let pos = 0;
  let out = index;
  for (const op of delta) {
    if (op.retain) pos += op.retain;
    else if (typeof op.insert === 'string') {
      if (pos <= index) out += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete) {
      if (pos < index) out -= Math.min(op.delete, index - pos);
    }
    if (pos > index) break;
  }
  return Math.max(0, out);
}

interface Props {
  text: Y.Text;
  label: string;
  multiline?: boolean;
  className?: string;
  placeholder?: string;
  maxLength?: number;
  rows?: number;
  /** Called after the user's own edit reached the document. */
  onEdit?: () => void;
  /** One line of text that wraps on screen (a long headline in a narrow pane); Enter adds nothing. */
  wrap?: boolean;
}

export function YTextInput({
  text,
  label,
  multiline,
  className,
  placeholder,
  maxLength,
  rows,
  onEdit,
  wrap,
}: Props) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const composing = useRef(false);
  const remoteWhileComposing = useRef(false);
  const id = useId();

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.value = text.toString();
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      if (tr.origin === FIELD_ORIGIN) return;
      if (composing.current) {
        remoteWhileComposing.current = true;
        return;
      }
      const focused = document.activeElement === el;
      const start = el.selectionStart ?? 0;
      const end = el.selectionEnd ?? 0;
      el.value = text.toString();
      if (focused) {
        const delta = event.delta as Delta;
        el.setSelectionRange(transformIndex(start, delta), transformIndex(end, delta));
      }
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text]);

  const commit = () => {
    const el = ref.current;
    if (!el) return;
    // A wrapped single line never takes a line break, even pasted.
    const value = wrap ? el.value.replace(/[\r\n]+/g, ' ') : el.value;
    if (value !== el.value) el.value = value;
    if (value === text.toString()) return;
    applyTextEdit(text, value, FIELD_ORIGIN);
    onEdit?.();
  };
  const handlers = {
    onInput: () => {
      if (!composing.current) commit();
    },
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: () => {
      composing.current = false;
      commit();
      if (remoteWhileComposing.current && ref.current) {
        remoteWhileComposing.current = false;
        ref.current.value = text.toString();
      }
    },
  };

  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {wrap ? (
        <textarea
          id={id}
          ref={ref}
          className="wrap-line"
          placeholder={placeholder}
          maxLength={maxLength}
          rows={1}
          onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && e.preventDefault()}
          {...handlers}
        />
      ) : multiline ? (
        <textarea
          id={id}
          ref={ref}
          placeholder={placeholder}
          maxLength={maxLength}
          rows={rows ?? 3}
          {...handlers}
        />
      ) : (
        <input
          id={id}
          ref={ref}
          type="text"
          placeholder={placeholder}
          maxLength={maxLength}
          {...handlers}
        />
      )}
    </div>
  );
}
