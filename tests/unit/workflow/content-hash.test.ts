import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  canonicalContent,
  contentHash,
  describeChanges,
  type PublishableContent,
} from '@shared/workflow';
import { canonicalJson, CanonicalJsonError } from '@shared/hashing/canonical-json';
import { sha256Hex } from '@shared/hashing/sha256';
import { wechatContent } from './fixtures';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, drops undefined members, writes numbers the ECMAScript way', () => {
    expect(
      canonicalJson({ b: 1, a: [true, null, 'x'], '€': 0.1, é: -0, u: undefined, n: 1e21 }),
    ).toBe('{"a":[true,null,"x"],"b":1,"n":1e+21,"é":0,"€":0.1}');
    // U+1F600 (surrogates D83D…) sorts before U+FF5E in UTF-16 order, unlike code point order.
    expect(canonicalJson({ '～': 1, '😀': 2 })).toBe('{"😀":2,"～":1}');
  });
  it('refuses what has no single spelling', () => {
    expect(() => canonicalJson({ x: NaN })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson([undefined])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(CanonicalJsonError);
  });
  it('SHA-256 matches the FIPS 180-2 test vector and hashes UTF-8', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('融媒')).toBe(sha256Hex(new TextEncoder().encode('融媒')));
  });
});

describe('content hash of a channel version', () => {
  const base = wechatContent();

  it('is stable: the canonical form and its hash are pinned (changing them invalidates every stored sign-off)', () => {
    const canon = canonicalContent(base);
    expect(canon.startsWith('{"body":[{"k":"p","r":[{"t":"本报讯（记者 李明）')).toBe(true);
    expect(canon).toContain('"format":"rongmei/content/v1"');
    expect(contentHash(base)).toBe(sha256Hex(canon));
    expect(contentHash(base)).toBe(createHash('sha256').update(canon, 'utf8').digest('hex'));
    expect(contentHash(base)).toMatchInlineSnapshot(
      `"2e5436fdae6d775696c7f1d38069b6d2b4d83e314022c81dc9feec04034b0cb4"`,
    );
  });

  it('ignores how the editor happened to split runs, false marks and empty fields', () => {
    const split: PublishableContent = structuredClone(base);
    const first = split.body[0]!;
    if (first.type !== 'paragraph') throw new Error('fixture');
    const t = first.runs[0]!.text;
    first.runs = [
      { text: t.slice(0, 10), bold: false },
      { text: '' },
      { text: t.slice(10), italic: false },
    ];
    split.fields.kicker = '';
    expect(contentHash(split)).toBe(contentHash(base));
  });

  it('changes with every visible edit: one character, a mark, a link, a caption, a crop, the channel, the story', () => {
    const variants: ((c: PublishableContent) => void)[] = [
      (c) => (c.fields.headline = c.fields.headline!.replace('4800', '4900')),
      (c) => {
        const b = c.body[2]!;
        if (b.type === 'paragraph') b.runs[0]!.text = b.runs[0]!.text.replace('46场', '47场');
      },
      (c) => {
        const b = c.body[0]!;
        if (b.type === 'paragraph') b.runs[0]!.bold = true;
      },
      (c) => {
        const b = c.body[0]!;
        if (b.type === 'paragraph') b.runs[0]!.href = 'https://www.moa.gov.cn/';
      },
      (c) => (c.images[0]!.caption += ' '),
      (c) => (c.images[0]!.crop = { ...c.images[0]!.crop!, x: 0.11 }),
      (c) => (c.images[0]!.crop = null),
      (c) => (c.channel = 'app'),
      (c) => (c.storyId = '0196f3a2-7c41-7d2e-9a10-3b5c2d1e4f61'),
      (c) => c.body.push({ type: 'paragraph', runs: [] }),
      (c) => c.images.reverse().push(c.images[0]!),
    ];
    const seen = new Set([contentHash(base)]);
    for (const change of variants) {
      const c = structuredClone(base);
      change(c);
      const h = contentHash(c);
      expect(seen.has(h)).toBe(false);
      seen.add(h);
    }
  });

  it('describes what a correction changed, paragraph by paragraph', () => {
    const after = wechatContent(1);
    after.fields.headline = '稻渔综合种养铺开3.2万亩 千余农户户均增收4900元';
    after.body.push({ type: 'paragraph', runs: [{ text: '（更正：原稿户均增收数字有误。）' }] });
    after.images[0]!.caption = '11月16日，青山村农户在稻田里收获小龙虾。（资料图）';
    expect(describeChanges(base, after)).toEqual([
      {
        kind: 'field',
        field: 'headline',
        before: '稻渔综合种养铺开3.2万亩 千余农户户均增收4800元',
        after: '稻渔综合种养铺开3.2万亩 千余农户户均增收4900元',
      },
      {
        kind: 'paragraph',
        op: 'changed',
        index: 2,
        before: expect.stringContaining('张建国说。') as string,
        after: expect.stringContaining('张建国说（第1次修改）。') as string,
      },
      { kind: 'paragraph', op: 'added', index: 4, after: '（更正：原稿户均增收数字有误。）' },
      {
        kind: 'image',
        op: 'changed',
        assetId: base.images[0]!.assetId,
        before: '11月16日，青山村农户在稻田里收获小龙虾。',
        after: '11月16日，青山村农户在稻田里收获小龙虾。（资料图）',
      },
    ]);
    expect(describeChanges(base, structuredClone(base))).toEqual([]);
  });
});
