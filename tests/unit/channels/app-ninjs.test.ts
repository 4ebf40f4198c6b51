import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { app, appNinjs } from '@shared/channels/app';
import { validateNinjs } from '../../../electron/services/export/ninjs-validate';
import { CTX, PHOTO, master } from './fixtures';

const dir = path.resolve(__dirname, '../../../resources/standards/ninjs');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;

describe('ninjs schema (vendored)', () => {
  it('accepts IPTC examples and should_pass cases, rejects should_fail ones', () => {
    for (const f of fs.readdirSync(path.join(dir, 'examples-2.2')))
      expect(validateNinjs(read(`examples-2.2/${f}`)).valid, f).toBe(true);
    for (const f of fs.readdirSync(path.join(dir, 'test-suite-2.2'))) {
      const r = validateNinjs(read(`test-suite-2.2/${f}`));
      expect(r.valid, f).toBe(f.startsWith('should_pass'));
    }
  });
});

describe('app channel', () => {
  it('exports ninjs that validates against the official schema', () => {
    const v = app.derive(
      master({
        images: [PHOTO, { ...PHOTO, id: 'img-ai', aiGenerated: true, caption: '示意图（AI生成）' }],
      }),
      CTX,
    );
    const files = app.export(v, CTX);
    const json = files.find((f) => f.path === 'ninjs.json');
    const doc = JSON.parse(json && json.kind === 'text' ? json.content : '{}') as Record<
      string,
      unknown
    >;
    const r = validateNinjs(doc);
    expect(r.errors).toEqual([]);
    expect(doc.language).toBe('zh-CN');
    expect(doc.uri).toBe(`urn:rongmei:story:${CTX.storyId}`);
    expect(
      (doc.associations as Array<{ digitalsourcetype: { uri: string } }>)[1]!.digitalsourcetype.uri,
    ).toMatch(/trainedAlgorithmicMedia$/);
    expect(files.filter((f) => f.kind === 'asset')).toHaveLength(2);
  });
  it('rejects invented fields (the schema is closed)', () => {
    const doc = { ...appNinjs(app.derive(master(), CTX), CTX), channel: 'app' };
    expect(validateNinjs(doc).valid).toBe(false);
  });
  it('labels an AI-generated photo when deriving, and flags a desk that removed the label', () => {
    const derived = app.derive(master({ images: [{ ...PHOTO, aiGenerated: true }] }), CTX);
    expect(derived.photos[0]!.caption).toMatch(/（AI生成）$/);
    const v = {
      ...derived,
      photos: derived.photos.map((p) => ({ ...p, caption: PHOTO.caption })),
      summary: '',
    };
    const rules = app.validate(v, CTX).map((p) => `${p.rule}:${p.severity}`);
    expect(rules).toEqual(expect.arrayContaining(['aiLabelMissing:block', 'summaryMissing:warn']));
  });
});
