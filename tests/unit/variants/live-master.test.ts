import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextEdit, fieldText, fieldsMap, writeInitialFields } from '@shared/body/story-doc';
import { replaceBody } from '@shared/editor/headless-body';
import { LiveMaster } from '@shared/variants/live';
import { EMPTY_FIELDS } from '@shared/domain/story';

const para = (text: string) => ({ type: 'paragraph' as const, runs: [{ text }] });

function story(): Y.Doc {
  const doc = new Y.Doc();
  writeInitialFields(doc, {
    ...EMPTY_FIELDS,
    headline: '全国秋粮收购进度过半',
    keywords: ['秋粮', '收购'],
  });
  replaceBody(doc, [
    para('记者从国家粮食和物资储备局获悉，收购进度快于去年同期。'),
    para('第二段。'),
  ]);
  return doc;
}

describe('LiveMaster', () => {
  it('keeps the very fields object while only the body is typed in', () => {
    const doc = story();
    const live = new LiveMaster(doc, 's1');
    const first = live.read();
    replaceBody(doc, [
      para('记者从国家粮食和物资储备局获悉，收购进度快于去年同期。秋'),
      para('第二段。'),
    ]);
    const second = live.read();
    expect(second.body).not.toBe(first.body);
    expect(second.fields).toBe(first.fields);
    live.dispose();
  });

  it('reads the fields again after a headline edit or a change in the fields map', () => {
    const doc = story();
    const live = new LiveMaster(doc, 's1');
    const first = live.read();
    applyTextEdit(fieldText(doc, 'headline'), '全国秋粮收购进度过半 农民售粮价格稳中有升');
    const second = live.read();
    expect(second.fields.headline).toBe('全国秋粮收购进度过半 农民售粮价格稳中有升');
    expect(second.fields.keywords).toBe(first.fields.keywords); // unchanged parts keep their identity
    fieldsMap(doc).set('keywords', ['秋粮', '收购', '🌾丰收']);
    expect(live.read().fields.keywords).toEqual(['秋粮', '收购', '🌾丰收']);
    live.dispose();
  });

  it('sees a headline another editor typed, arriving as a Yjs update', () => {
    const doc = story();
    const live = new LiveMaster(doc, 's1');
    live.read();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(other);
    applyTextEdit(fieldText(other, 'headline'), '秋粮收购进度过半（记者 王芳 📷）');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
    expect(live.read().fields.headline).toBe('秋粮收购进度过半（记者 王芳 📷）');
    live.dispose();
  });
});
