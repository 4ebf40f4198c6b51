// Finding things in the master pane: the body editor, a title field, the
// user's selection, and putting the caret on a range (click-to-jump) or a
// highlight over it (comments in the text).
import { project, type Projection } from '@shared/annotations';
import type * as Y from 'yjs';
import { blockElements, domRange, selectionInBody } from './dom-text';

export function bodyEditable(master: HTMLElement): HTMLElement | null {
  return master.querySelector<HTMLElement>('.body-content[contenteditable="true"]');
}

/** The body editor of a channel version being edited in its pane. */
export function versionEditable(root: ParentNode, channel: string): HTMLElement | null {
  return root.querySelector<HTMLElement>(
    `[data-channel="${CSS.escape(channel)}"] [data-field="body"] .body-content[contenteditable="true"]`,
  );
}

/** The input of a title field (`headline` → `.headline-field`). */
export function fieldInput(
  master: HTMLElement,
  field: string,
): HTMLInputElement | HTMLTextAreaElement | null {
  return master.querySelector<HTMLInputElement | HTMLTextAreaElement>(
    `.${CSS.escape(field)}-field input, .${CSS.escape(field)}-field textarea`,
  );
}

const FIELD_CLASS = /(?:^|\s)([a-z]+)-field(?:\s|$)/;

/** What the user has selected in the master: a segment ('body', 'field:headline') and offsets. */
export function masterSelection(
  master: HTMLElement,
  doc: Y.Doc,
  lastInput: HTMLInputElement | HTMLTextAreaElement | null,
): { segment: string; start: number; end: number } | null {
  const editable = bodyEditable(master);
  if (editable) {
    const sel = selectionInBody(editable, project(doc, 'body')!);
    if (sel) return { segment: 'body', ...sel };
  }
  if (lastInput && master.contains(lastInput)) {
    const field = FIELD_CLASS.exec(lastInput.closest('.field')?.className ?? '')?.[1];
    const start = lastInput.selectionStart ?? 0;
    const end = lastInput.selectionEnd ?? 0;
    if (field && end > start) return { segment: `field:${field}`, start, end };
  }
  return null;
}

/** Puts the caret on [start, end) of a segment and scrolls it into view. True when found. */
export function selectInMaster(
  master: HTMLElement,
  doc: Y.Doc,
  segment: string,
  start: number,
  end: number,
): boolean {
  if (segment.startsWith('field:')) {
    const input = fieldInput(master, segment.slice(6));
    if (!input) return false;
    input.focus();
    input.setSelectionRange(start, end);
    input.scrollIntoView({ block: 'nearest' });
    return true;
  }
  const editable = bodyEditable(master);
  return editable ? selectInBody(editable, doc, segment, start, end) : false;
}

/** Puts the caret on [start, end) of a rich body (the master's or a version's). */
export function selectInBody(
  editable: HTMLElement,
  doc: Y.Doc,
  segment: string,
  start: number,
  end: number,
): boolean {
  const p = project(doc, segment);
  if (!p) return false;
  const range = domRange(editable, p, start, end);
  if (!range) return false;
  editable.focus({ preventScroll: true });
  const sel = editable.ownerDocument.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  (range.startContainer.parentElement ?? editable).scrollIntoView({ block: 'center' });
  return true;
}

export interface Mark {
  start: number;
  end: number;
  kind: 'comment' | 'active' | 'block';
}

const HIGHLIGHTS = { comment: 'rm-comment', active: 'rm-comment-active', block: 'rm-scan-block' };

/** One rich body to paint: its editor element, its projection, the marks on it. */
export interface PaintGroup {
  editable: HTMLElement | null;
  p: Projection | null;
  marks: Mark[];
}

/** Paints marks over bodies with the CSS Custom Highlight API (no change to the editors' DOM). */
export function paintBodies(list: PaintGroup[]): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const groups: Record<Mark['kind'], Range[]> = { comment: [], active: [], block: [] };
  for (const { editable, p, marks } of list) {
    if (!editable || !p) continue;
    const blocks = blockElements(editable);
    for (const m of marks) {
      const r = domRange(editable, p, m.start, m.end, blocks);
      if (r) groups[m.kind].push(r);
    }
  }
  for (const kind of Object.keys(HIGHLIGHTS) as Mark['kind'][]) {
    if (groups[kind].length) CSS.highlights.set(HIGHLIGHTS[kind], new Highlight(...groups[kind]));
    else CSS.highlights.delete(HIGHLIGHTS[kind]);
  }
}
