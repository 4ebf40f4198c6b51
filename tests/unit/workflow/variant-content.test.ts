// A channel version's publishable content as the server hashes it: the same
// content gives the same hash whatever order the document holds its fields
// in; any visible change (a title, a caption, a crop) gives another.
import { describe, expect, it } from 'vitest';
import { getChannel } from '@shared/channels';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { contentHash } from '@shared/workflow/content-hash';
import { publishableContent } from '@shared/workflow/variant-content';
import { CHANNEL_IDS } from '@shared/workflow/desks';

const master = {
  id: '01a21ca0-0000-7000-8000-000000000002',
  fields: { ...EMPTY_FIELDS, headline: '春耕备耕有序推进', byline: '王立', keywords: ['春耕'] },
  body: [{ type: 'paragraph' as const, runs: [{ text: '各地推进春耕。' }] }],
  images: [
    {
      id: 'img-1',
      caption: '田间',
      credit: '王立 摄',
      width: 1200,
      height: 800,
      mime: 'image/jpeg',
      bytes: 4,
      aiGenerated: false,
    },
  ],
};

const reversed = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).reverse()) as Record<string, unknown>;

describe('publishable content of a channel version', () => {
  for (const ch of CHANNEL_IDS)
    it(`${ch}: stable under field order, sensitive to visible edits`, () => {
      const c = getChannel(ch)!;
      const v = c.derive(master) as Record<string, unknown>;
      const a = publishableContent(master.id, ch, v, c.docLayout.body);
      const b = publishableContent(master.id, ch, reversed(v), c.docLayout.body);
      expect(contentHash(a)).toBe(contentHash(b));
      const textField = c.docLayout.text[0]!;
      const edited = { ...v, [textField]: `${String(v[textField] ?? '')}改` };
      expect(contentHash(publishableContent(master.id, ch, edited, c.docLayout.body))).not.toBe(
        contentHash(a),
      );
    });

  it('wechat: images carry captions, credits and the cover crop', () => {
    const c = getChannel('wechat')!;
    const v = c.derive(master) as Record<string, unknown>;
    const p = publishableContent(master.id, 'wechat', v, c.docLayout.body);
    expect(p.images.length).toBeGreaterThan(0);
    expect(p.images[0]).toMatchObject({ assetId: 'img-1', credit: '王立 摄' });
    expect(p.body.length).toBe(1);
    const cover = v.cover as { crop235: { x1: number } } | null;
    if (cover) {
      const moved = { ...v, cover: { ...cover, crop235: { ...cover.crop235, x1: 0.01 } } };
      expect(contentHash(publishableContent(master.id, 'wechat', moved, 'body'))).not.toBe(
        contentHash(p),
      );
    }
  });
});
