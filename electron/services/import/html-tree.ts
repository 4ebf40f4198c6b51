// htmlparser2's DOM in the minimal shape shared/body/html-to-blocks reads.
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import type { HtmlNode } from '@shared/body/html-to-blocks';

function convert(node: ChildNode): HtmlNode {
  if (node.type === 'text') return { type: 'text', data: node.data };
  if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
    return {
      type: 'element',
      name: node.name,
      attribs: node.attribs,
      children: node.children.map(convert),
    };
  }
  return { type: 'other' };
}

export function parseHtml(html: string): HtmlNode[] {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true }).children.map(convert);
}
