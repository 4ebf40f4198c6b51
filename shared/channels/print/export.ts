// Print variant → files: the story and captions as ICML for InDesign/InCopy, a
// Word file (rendered by the host from the same styled paragraphs), QR codes
// as SVG with the tracked links they carry, the photos, and the copyfit figures.
import { qrCode } from '../common/qr';
import { trackedLink } from '../common/tracked-link';
import type { ChannelContext, ExportFile } from '../types';
import { printDocument } from './document';
import { toIcml } from './icml';
import { printCopyfit } from './layout';
import type { PrintVariant } from './schema';

export interface PrintQr {
  target: 'online' | 'shop';
  /** The tracked short link the code carries. */
  url: string;
  /** Where the short link should redirect. */
  destination: string;
  label: string;
  svg: string;
}

/** The QR codes the variant asks for, or [] when the link service or story id is missing. */
export function printQrCodes(v: PrintVariant, ctx?: ChannelContext): PrintQr[] {
  const base = ctx?.links?.baseUrl;
  const storyId = ctx?.storyId;
  if (!base || !storyId) return [];
  const out: PrintQr[] = [];
  const make = (target: 'online' | 'shop', destination: string, label: string) => {
    const url = trackedLink({ baseUrl: base }, { storyId, channel: 'print', target });
    out.push({ target, url, destination, label, svg: qrCode(url).svg });
  };
  if (v.qr.online) make('online', ctx?.links?.onlineUrl ?? '', '扫码阅读全文');
  if (v.qr.shopUrl.trim()) make('shop', v.qr.shopUrl.trim(), v.qr.shopLabel.trim() || '扫码购买');
  return out;
}

function extOf(mime: string): string {
  return mime === 'image/png'
    ? 'png'
    : mime === 'image/gif'
      ? 'gif'
      : mime === 'image/webp'
        ? 'webp'
        : 'jpg';
}

export function exportPrint(v: PrintVariant, ctx?: ChannelContext): ExportFile[] {
  const doc = printDocument(v);
  const files: ExportFile[] = [
    {
      kind: 'text',
      path: 'story.icml',
      mediaType: 'application/xml',
      content: toIcml(doc.story, { title: doc.title || 'story' }),
    },
  ];
  if (doc.captions.length)
    files.push({
      kind: 'text',
      path: 'captions.icml',
      mediaType: 'application/xml',
      content: toIcml(doc.captions, { title: `${doc.title} 图片说明` }),
    });
  files.push({
    kind: 'render',
    path: 'story.docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    renderer: 'print-docx',
    input: doc,
  });
  const qrs = printQrCodes(v, ctx);
  for (const q of qrs)
    files.push({
      kind: 'text',
      path: `qr-${q.target}.svg`,
      mediaType: 'image/svg+xml',
      content: q.svg,
    });
  v.photos.forEach((p, i) => {
    const name = p.image.fileName ?? `${p.image.id}.${extOf(p.image.mime)}`;
    files.push({
      kind: 'asset',
      path: `photos/${String(i + 1).padStart(2, '0')}-${name}`,
      mediaType: p.image.mime,
      imageId: p.image.id,
    });
  });
  const fit = printCopyfit(v, ctx);
  const summary = {
    templateId: v.layout.templateId,
    span: v.layout.span,
    copyfit: fit && {
      columnWidthZi: fit.columnWidthZi,
      linesUsed: fit.linesUsed,
      linesAvailable: fit.linesAvailable,
      linesLeft: fit.linesLeft,
      oversetLines: fit.oversetLines,
      oversetZi: fit.oversetZi,
    },
    links: qrs.map(({ target, url, destination, label }) => ({ target, url, destination, label })),
  };
  files.push({
    kind: 'text',
    path: 'layout.json',
    mediaType: 'application/json',
    content: JSON.stringify(summary, null, 2),
  });
  return files;
}
