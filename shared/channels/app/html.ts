// The app article body as plain semantic HTML (the app's own stylesheet styles it).
import type { Block, ListBlock, Run } from '../../body/blocks';
import { isSafeHref } from '../../text/links';
import { htmlEscape } from '../wechat/html';

function run(r: Run): string {
  if (r.text === '\n') return '<br>';
  let h = htmlEscape(r.text).replace(/\n/g, '<br>');
  if (r.code) h = `<code>${h}</code>`;
  if (r.strike) h = `<s>${h}</s>`;
  if (r.underline) h = `<u>${h}</u>`;
  if (r.italic) h = `<em>${h}</em>`;
  if (r.bold) h = `<strong>${h}</strong>`;
  if (r.href && isSafeHref(r.href)) h = `<a href="${htmlEscape(r.href)}">${h}</a>`;
  return h;
}
const runs = (rs: readonly Run[]) => rs.map(run).join('');

function list(l: ListBlock): string {
  const tag = l.ordered ? 'ol' : 'ul';
  return `<${tag}>${l.items.map((it) => `<li>${runs(it.runs)}${(it.lists ?? []).map(list).join('')}</li>`).join('')}</${tag}>`;
}

export function appBodyHtml(body: readonly Block[]): string {
  return body
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return b.runs.length ? `<p>${runs(b.runs)}</p>` : '';
        case 'heading':
          // h1 is the article headline in the app; body headings start at h2.
          return `<h${Math.min(6, b.level + 1)}>${runs(b.runs)}</h${Math.min(6, b.level + 1)}>`;
        case 'quote':
          return `<blockquote>${runs(b.runs)}</blockquote>`;
        case 'list':
          return list(b);
        case 'hr':
          return '<hr>';
      }
    })
    .join('\n');
}
