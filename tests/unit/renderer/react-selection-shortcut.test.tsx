// @vitest-environment jsdom
// React walks a focused contenteditable's whole DOM on every commit to save
// its selection; an editor root with the shortcut's accessors is not walked.
import { afterEach, describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { skipReactSelectionWalk } from '../../../renderer/src/story/react-selection-shortcut';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const PARAGRAPH = '全国秋粮收购进度过半，农民售粮价格稳中有升。Xinhua 记者 📷 摄。';

/** A focused editor of `n` paragraphs; counts how often its text is read. */
function focusedEditor(n: number) {
  const el = document.createElement('div');
  // jsdom leaves out the contentEditable IDL attribute that React checks.
  Object.defineProperty(el, 'contentEditable', { get: () => 'true' });
  el.tabIndex = 0;
  const reads = { count: 0 };
  for (let i = 0; i < n; i++) {
    const p = document.createElement('p');
    const text = document.createTextNode(PARAGRAPH);
    Object.defineProperty(text, 'nodeValue', {
      get: () => {
        reads.count++;
        return PARAGRAPH;
      },
    });
    p.appendChild(text);
    el.appendChild(p);
  }
  document.body.appendChild(el);
  el.focus();
  document.getSelection()!.collapse(el.children[n / 2]!.firstChild!, 3);
  return { el, reads };
}

let bump: () => void = () => undefined;
function Counter() {
  const [n, setN] = useState(0);
  bump = () => setN((x) => x + 1);
  return <span>{n}</span>;
}

let root: Root | null = null;
async function renderCounter(): Promise<HTMLElement> {
  const host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  await act(async () => root!.render(<Counter />));
  return host;
}

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

describe('skipReactSelectionWalk', () => {
  it('without it, a React commit elsewhere reads every text node of the focused editor', async () => {
    const host = await renderCounter();
    const { el, reads } = focusedEditor(200);
    await act(async () => bump());
    expect(host.textContent).toBe('1');
    expect(document.activeElement).toBe(el);
    expect(reads.count).toBeGreaterThanOrEqual(200);
  });

  it('with it, the commit leaves the editor unread and focused', async () => {
    const host = await renderCounter();
    const { el, reads } = focusedEditor(200);
    const undo = skipReactSelectionWalk(el);
    await act(async () => bump());
    await act(async () => bump());
    expect(host.textContent).toBe('2');
    expect(reads.count).toBe(0);
    expect(document.activeElement).toBe(el);
    // The caret is where it was: nothing wrote the selection.
    expect(document.getSelection()!.anchorNode).toBe(el.children[100]!.firstChild);
    expect(document.getSelection()!.anchorOffset).toBe(3);
    undo();
    await act(async () => bump());
    expect(reads.count).toBeGreaterThanOrEqual(200);
  });

  it('takes the writes React makes when it restores a selection, and is undone cleanly', () => {
    const el = document.createElement('div');
    const undo = skipReactSelectionWalk(el);
    const asInput = el as unknown as {
      selectionStart: number;
      selectionEnd: number;
      value: string;
    };
    expect('selectionStart' in el).toBe(true);
    expect(() => {
      asInput.selectionStart = 5;
      asInput.selectionEnd = Math.min(9, asInput.value.length);
    }).not.toThrow();
    expect(asInput.selectionStart).toBe(0);
    // A second call on the same element changes nothing and undoes nothing.
    skipReactSelectionWalk(el)();
    expect('selectionStart' in el).toBe(true);
    undo();
    expect('selectionStart' in el).toBe(false);
    expect('value' in el).toBe(false);
  });
});
