// The browser's parsed DOM in the shape shared/body/html-to-blocks reads.
import type { HtmlNode } from '@shared/body/html-to-blocks';

function convert(node: Node): HtmlNode {
  if (node.nodeType === Node.TEXT_NODE) return { type: 'text', data: node.nodeValue ?? '' };
  if (node.nodeType === Node.ELEMENT_NODE) {
    const el = node as Element;
    const attribs: Record<string, string> = {};
    for (const a of Array.from(el.attributes)) attribs[a.name.toLowerCase()] = a.value;
    return {
      type: 'element',
      name: el.tagName.toLowerCase(),
      attribs,
      children: Array.from(el.childNodes, convert),
    };
  }
  return { type: 'other' };
}

export function htmlToTree(html: string): HtmlNode[] {
  // DOMParser documents are inert: no scripts run, no images load.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(doc.body.childNodes, convert);
}
