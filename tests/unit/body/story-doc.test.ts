import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyTextEdit,
  fieldText,
  parseDocId,
  variantDocId,
  readFields,
  storyDocId,
  writeInitialFields,
} from '@shared/body/story-doc';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { newId } from '@shared/domain/ids';

describe('applyTextEdit', () => {
  it('turns a whole-value change into the smallest edit, so concurrent edits elsewhere survive', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    writeInitialFields(a, { ...EMPTY_FIELDS, headline: '全国秋粮收购进度过半' });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextEdit(fieldText(a, 'headline'), '全国秋粮收购进度已过半');
    applyTextEdit(fieldText(b, 'headline'), '全国秋粮收购进度过半 价格稳中有升');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(fieldText(a, 'headline').toString()).toBe('全国秋粮收购进度已过半 价格稳中有升');
    expect(fieldText(b, 'headline').toString()).toBe(fieldText(a, 'headline').toString());
  });

  it('never splits a surrogate pair (emoji, Extension B characters)', () => {
    const doc = new Y.Doc();
    const text = fieldText(doc, 'headline');
    applyTextEdit(text, '丰收😀');
    applyTextEdit(text, '丰收😁');
    expect(text.toString()).toBe('丰收😁');
    applyTextEdit(text, '𠀀𠀁');
    applyTextEdit(text, '𠀀𠀂');
    expect(text.toString()).toBe('𠀀𠀂');
  });

  it('produces an update of a few dozen bytes for one typed character', () => {
    const doc = new Y.Doc();
    const text = fieldText(doc, 'notes');
    applyTextEdit(text, '记者'.repeat(500));
    const sv = Y.encodeStateVector(doc);
    applyTextEdit(text, '记者'.repeat(250) + '新' + '记者'.repeat(250));
    expect(Y.encodeStateAsUpdate(doc, sv).byteLength).toBeLessThan(40);
  });
});

describe('story document', () => {
  it('reads fields back with safe defaults for missing or malformed values', () => {
    const doc = new Y.Doc();
    writeInitialFields(doc, {
      ...EMPTY_FIELDS,
      headline: '标题',
      keywords: ['秋粮', '收购'],
      priority: 'urgent',
      section: 'rural',
    });
    doc.getMap('fields').set('embargo', 'not a date');
    expect(readFields(doc)).toMatchObject({
      headline: '标题',
      keywords: ['秋粮', '收购'],
      priority: 'urgent',
      section: 'rural',
      embargo: null,
    });
    doc.getMap('fields').set('priority', 'whenever');
    doc.getMap('fields').set('keywords', 'oops');
    expect(readFields(doc)).toMatchObject({ priority: 'normal', keywords: [] });
    expect(readFields(new Y.Doc())).toEqual(EMPTY_FIELDS);
  });

  it('names documents story:<uuidv7> and variant:<uuidv7>:<channel>, and refuses anything else', () => {
    const id = newId();
    expect(parseDocId(storyDocId(id))).toEqual({ kind: 'story', storyId: id });
    expect(parseDocId(variantDocId(id, 'wechat'))).toEqual({
      kind: 'variant',
      storyId: id,
      channel: 'wechat',
    });
    expect(parseDocId('story:../../etc/passwd')).toBeNull();
    expect(parseDocId(`variant:${id}`)).toBeNull();
    expect(parseDocId(`variant:${id}:tiktok`)).toBeNull();
    expect(parseDocId(`variant:${id}:wechat:x`)).toBeNull();
  });
});
