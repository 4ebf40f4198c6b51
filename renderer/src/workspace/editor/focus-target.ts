// "Click a problem to jump to it": finds the field (and the paragraph, card
// or characters) a problem points at inside a variant editor and puts the
// caret there.
import type { ProblemLocation } from '@shared/channels';

function selectInBlock(block: Element, start: number, end: number): void {
  const walker = block.ownerDocument.createTreeWalker(block, 4 /* SHOW_TEXT */);
  const range = block.ownerDocument.createRange();
  let pos = 0;
  let startSet = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = n.nodeValue?.length ?? 0;
    if (!startSet && start <= pos + len) {
      range.setStart(n, Math.max(0, start - pos));
      startSet = true;
    }
    if (startSet && end <= pos + len) {
      range.setEnd(n, Math.max(0, end - pos));
      break;
    }
    pos += len;
  }
  if (!startSet) return;
  const sel = block.ownerDocument.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
}

/** Moves focus to what `at` names inside `root`. True when something was found. */
export function focusTarget(root: HTMLElement, at: ProblemLocation): boolean {
  if (at.field === 'body') {
    const editable = root.querySelector<HTMLElement>(
      '[data-field="body"] [contenteditable="true"]',
    );
    if (!editable) return false;
    editable.focus();
    const block = at.index !== undefined ? editable.children.item(at.index) : null;
    if (block) {
      block.scrollIntoView({ block: 'center' });
      if (at.start !== undefined) selectInBlock(block, at.start, at.end ?? at.start);
    }
    return true;
  }
  const scope =
    at.index !== undefined
      ? (root.querySelector<HTMLElement>(
          `[data-field="${CSS.escape(at.field)}"][data-index="${at.index}"]`,
        ) ?? root.querySelector<HTMLElement>(`[data-field="${CSS.escape(at.field)}"]`))
      : root.querySelector<HTMLElement>(`[data-field="${CSS.escape(at.field)}"]`);
  if (!scope) return false;
  scope.scrollIntoView({ block: 'center' });
  const input = scope.matches('input, textarea, select')
    ? (scope as HTMLInputElement)
    : scope.querySelector<HTMLInputElement>('input, textarea, select, button');
  if (!input) return true;
  input.focus();
  if (at.start !== undefined && 'setSelectionRange' in input && input.type !== 'checkbox')
    input.setSelectionRange(at.start, at.end ?? at.start);
  return true;
}
