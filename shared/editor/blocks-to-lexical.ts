// Turns blocks into Lexical nodes. Runs inside editor.update(): the renderer
// uses it for paste and import, the host's headless writer to build documents.
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTabNode,
  $createTextNode,
  type ElementNode,
  type LexicalNode,
  type TextFormatType,
} from 'lexical';
import { $createHeadingNode, $createQuoteNode } from '@lexical/rich-text';
import { $createListItemNode, $createListNode, type ListNode } from '@lexical/list';
import { $createLinkNode } from '@lexical/link';
import { $createHorizontalRuleNode } from '@lexical/extension';
import type { Block, ListBlock, Run } from '../body/blocks';
import { isSafeHref } from '../text/links';

const MARKS: Array<[keyof Run, TextFormatType]> = [
  ['bold', 'bold'],
  ['italic', 'italic'],
  ['underline', 'underline'],
  ['strike', 'strikethrough'],
  ['code', 'code'],
];

function $runNode(run: Run): LexicalNode {
  if (run.text === '\n') return $createLineBreakNode();
  if (run.text === '\t') return $createTabNode();
  const t = $createTextNode(run.text);
  for (const [key, format] of MARKS) if (run[key]) t.toggleFormat(format);
  return t;
}

export function $appendRuns(parent: ElementNode, runs: readonly Run[]): void {
  let i = 0;
  while (i < runs.length) {
    const run = runs[i]!;
    if (run.href && isSafeHref(run.href)) {
      // Consecutive runs with one target become one link element.
      const link = $createLinkNode(run.href);
      while (i < runs.length && runs[i]!.href === run.href) link.append($runNode(runs[i++]!));
      parent.append(link);
    } else {
      parent.append($runNode(run));
      i++;
    }
  }
}

function $listNode(block: ListBlock): ListNode {
  const list = $createListNode(block.ordered ? 'number' : 'bullet');
  for (const item of block.items) {
    const li = $createListItemNode();
    $appendRuns(li, item.runs);
    list.append(li);
    for (const sub of item.lists ?? []) {
      const holder = $createListItemNode();
      holder.append($listNode(sub));
      list.append(holder);
    }
  }
  return list;
}

export function $blockNode(block: Block): LexicalNode {
  switch (block.type) {
    case 'heading': {
      const h = $createHeadingNode(`h${block.level}`);
      $appendRuns(h, block.runs);
      return h;
    }
    case 'quote': {
      const q = $createQuoteNode();
      $appendRuns(q, block.runs);
      return q;
    }
    case 'list':
      return $listNode(block);
    case 'hr':
      return $createHorizontalRuleNode();
    case 'paragraph': {
      const p = $createParagraphNode();
      $appendRuns(p, block.runs);
      return p;
    }
  }
}

export function $blockNodes(blocks: readonly Block[]): LexicalNode[] {
  return blocks.map($blockNode);
}
