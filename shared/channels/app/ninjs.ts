// The app variant as an IPTC ninjs 2.2 document (schema vendored in
// resources/standards/ninjs/, validated by the host with Ajv). Only properties
// the 2.2 schema defines are used; photos go in `associations` with `renditions`.
import { bodyToPlainText } from '../../body/blocks';
import type { Priority } from '../../domain/story';
import { countChars } from '../../text/counters';
import { countWords } from '../../text/word-count';
import type { ChannelContext } from '../types';
import { appBodyHtml } from './html';
import { appSettings, type AppVariant } from './schema';

export type NinjsDocument = Record<string, unknown> & { uri: string };

/** ninjs urgency (1 most urgent … 9) for our priorities. */
const URGENCY: Record<Priority, number> = { flash: 1, urgent: 3, normal: 5, low: 7 };

const DIGITAL_SOURCE = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

export function photoPath(p: AppVariant['photos'][number], i: number): string {
  const ext =
    p.image.mime === 'image/png'
      ? 'png'
      : p.image.mime === 'image/gif'
        ? 'gif'
        : p.image.mime === 'image/webp'
          ? 'webp'
          : 'jpg';
  return `images/${String(i + 1).padStart(2, '0')}-${p.image.fileName ?? `${p.image.id}.${ext}`}`;
}

function storyUri(storyId: string | undefined): string {
  return `urn:rongmei:story:${storyId && /^[A-Za-z0-9-]+$/.test(storyId) ? storyId : 'unsaved'}`;
}

export function appNinjs(v: AppVariant, ctx?: ChannelContext): NinjsDocument {
  const s = appSettings(ctx?.settings?.app);
  const now = ctx?.now ?? new Date().toISOString();
  const html = appBodyHtml(v.body);
  const plain = bodyToPlainText(v.body);
  const doc: NinjsDocument = {
    uri: storyUri(ctx?.storyId),
    type: 'text',
    representationtype: 'full',
    version: '1',
    versioncreated: now,
    pubstatus: 'usable',
    urgency: URGENCY[v.priority],
    language: 'zh-CN',
    headlines: [{ role: 'main', value: v.headline.trim() }],
    bodies: [
      {
        role: 'main',
        contenttype: 'text/html',
        value: html,
        charcount: countChars(plain),
        wordcount: countWords(plain).total,
      },
    ],
  };
  if (v.subheadline.trim())
    (doc.headlines as unknown[]).push({ role: 'sub', value: v.subheadline.trim() });
  if (v.summary.trim())
    doc.descriptions = [{ role: 'summary', contenttype: 'text/plain', value: v.summary.trim() }];
  if (v.byline.trim()) doc.by = v.byline.trim();
  if (v.dateline.trim()) doc.located = v.dateline.trim();
  if (v.embargo) doc.embargoed = v.embargo;
  if (s.copyrightHolder) doc.copyrightholder = s.copyrightHolder;
  const subjects = v.tags
    .map((t) => t.trim())
    .filter(Boolean)
    .map((name) => ({ name }));
  if (v.section?.trim()) subjects.unshift({ name: v.section.trim() });
  if (subjects.length) doc.subjects = subjects;
  if (v.photos.length) {
    const base = s.mediaBaseUrl.replace(/\/+$/, '');
    doc.associations = v.photos.map((p, i) => {
      const path = photoPath(p, i);
      // Rendition hrefs must be absolute URIs; without a CDN base the photo is named by URN and the file travels beside the JSON.
      const href = base
        ? `${base}/${path.split('/').map(encodeURIComponent).join('/')}`
        : `urn:rongmei:image:${encodeURIComponent(p.image.id)}`;
      const a: Record<string, unknown> = {
        name: `photo${i + 1}`,
        uri: `urn:rongmei:image:${encodeURIComponent(p.image.id)}`,
        type: 'picture',
        renditions: [
          {
            name: 'original',
            href,
            title: path,
            contenttype: p.image.mime,
            width: p.image.width,
            height: p.image.height,
            sizeinbytes: p.image.bytes,
          },
        ],
        digitalsourcetype: p.image.aiGenerated
          ? { name: 'Trained algorithmic media', uri: `${DIGITAL_SOURCE}trainedAlgorithmicMedia` }
          : { name: 'Original digital capture', uri: `${DIGITAL_SOURCE}digitalCapture` },
      };
      if (p.caption.trim())
        a.descriptions = [{ role: 'caption', contenttype: 'text/plain', value: p.caption.trim() }];
      if (p.image.credit.trim()) a.by = p.image.credit.trim();
      return a;
    });
  }
  return doc;
}
