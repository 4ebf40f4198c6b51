import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addImage,
  imageText,
  moveImage,
  readImages,
  removeImage,
  setSynthetic,
} from '@shared/body/story-images';
import { applyTextEdit, fieldText } from '@shared/body/story-doc';
import { readMaster } from '@shared/variants/master';
import { LiveMaster } from '@shared/variants/live';
import { deriveWechat } from '@shared/channels/wechat/derive';
import { getChannel } from '@shared/channels';
import { replaceBody } from '@shared/editor/headless-body';

const EXIF = { capturedAt: null, latitude: null, longitude: null, camera: null };
const photo = (c: string, width = 1200, height = 800) => ({
  id: c.repeat(64),
  width,
  height,
  mime: 'image/jpeg',
  bytes: 1000,
  fileName: `${c}.jpg`,
  exif: EXIF,
});

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('story photos in the story document', () => {
  it('adds, captions, reorders, flags and removes photos', () => {
    const doc = new Y.Doc();
    addImage(doc, photo('a'));
    addImage(doc, photo('b'));
    expect(addImage(doc, photo('a'))).toBe(false);
    applyTextEdit(imageText(doc, 'b'.repeat(64), 'caption')!, '收割机在田间作业');
    applyTextEdit(imageText(doc, 'b'.repeat(64), 'credit')!, '记者 王芳 摄');
    moveImage(doc, 'b'.repeat(64), -1);
    setSynthetic(doc, 'a'.repeat(64), 'ai_generated');
    const images = readImages(doc);
    expect(images.map((i) => i.id[0])).toEqual(['b', 'a']);
    expect(images[0]).toMatchObject({ caption: '收割机在田间作业', credit: '记者 王芳 摄' });
    expect(images[1]).toMatchObject({ aiGenerated: true, synthetic: 'ai_generated' });
    moveImage(doc, 'b'.repeat(64), 1);
    expect(readImages(doc).map((i) => i.id[0])).toEqual(['a', 'b']);
    removeImage(doc, 'a'.repeat(64));
    expect(readImages(doc).map((i) => i.id[0])).toEqual(['b']);
  });

  it('merges two editors: both adds survive, captions merge, a photo added twice shows once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addImage(a, photo('c'));
    sync(a, b);
    addImage(a, photo('d'));
    addImage(b, photo('e'));
    addImage(b, photo('d'));
    applyTextEdit(imageText(a, 'c'.repeat(64), 'caption')!, '秋收');
    applyTextEdit(imageText(b, 'c'.repeat(64), 'credit')!, '新华社');
    sync(a, b);
    expect(readImages(a)).toEqual(readImages(b));
    expect(new Set(readImages(a).map((i) => i.id[0]))).toEqual(new Set(['c', 'd', 'e']));
    expect(readImages(a)[0]).toMatchObject({ caption: '秋收', credit: '新华社' });
  });

  it('feeds derivation: the cover, and the AI label in every channel caption', () => {
    const doc = new Y.Doc();
    applyTextEdit(fieldText(doc, 'headline'), '秋粮');
    addImage(doc, photo('f', 2350, 1000));
    applyTextEdit(imageText(doc, 'f'.repeat(64), 'caption')!, '丰收场景');
    setSynthetic(doc, 'f'.repeat(64), 'ai_generated');
    const master = readMaster(doc, 's1');
    expect(master.images).toHaveLength(1);
    const wechat = deriveWechat(master);
    expect(wechat.cover?.crop235).toEqual({ x1: 0, y1: 0, x2: 1, y2: 1 });
    expect(wechat.photos[0]!.caption).toBe('丰收场景（AI生成）');
    const print = getChannel('print')!.derive(master, { storyId: 's1' }) as {
      photos: Array<{ caption: string }>;
    };
    expect(print.photos[0]!.caption).toBe('丰收场景（AI生成）');
    setSynthetic(doc, 'f'.repeat(64), 'illustration');
    const app = getChannel('app')!.derive(readMaster(doc, 's1'), { storyId: 's1' }) as {
      photos: Array<{ caption: string }>;
    };
    expect(app.photos[0]!.caption).toBe('丰收场景（示意图）');
    const douyin = getChannel('douyin')!.derive(readMaster(doc, 's1'), { storyId: 's1' }) as {
      cover: { image: { caption: string } };
    };
    expect(douyin.cover.image.caption).toBe('丰收场景（示意图）');
    const problems = getChannel('douyin')!.check(douyin, { storyId: 's1' });
    expect(problems.map((p) => p.rule)).not.toContain('aiLabelMissing');
  });

  it('LiveMaster keeps the photo list identical while only the body or headline changes', () => {
    const doc = new Y.Doc();
    addImage(doc, photo('a'));
    const live = new LiveMaster(doc, 's1');
    const first = live.read();
    applyTextEdit(fieldText(doc, 'headline'), '新标题');
    const second = live.read();
    expect(second).not.toBe(first);
    expect(second.images).toBe(first.images);
    applyTextEdit(imageText(doc, 'a'.repeat(64), 'caption')!, '图说');
    expect(live.read().images![0]!.caption).toBe('图说');
    live.dispose();
  });
});

describe('photos stay cheap on a long story', () => {
  it('a 20,000-字 story with 9 photos re-reads the master per keystroke as fast as one without', () => {
    const para =
      '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定，各地认真落实最低收购价政策。';
    const body = Array.from({ length: Math.ceil(20000 / para.length) }, (_, i) => ({
      type: 'paragraph' as const,
      runs: [{ text: `${i}${para}` }],
    }));
    const timeKeystrokes = (photos: number) => {
      const doc = new Y.Doc();
      replaceBody(doc, body);
      for (let k = 0; k < photos; k++) addImage(doc, photo(k.toString(16)));
      const live = new LiveMaster(doc, 's1');
      live.read();
      const title = fieldText(doc, 'headline');
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) {
        title.insert(title.length, '稿');
        live.read();
      }
      const per = (performance.now() - t0) / 200;
      live.dispose();
      return per;
    };
    timeKeystrokes(9); // warm up
    const without = timeKeystrokes(0);
    const withPhotos = timeKeystrokes(9);
    console.log(
      `master re-read per keystroke, 20,000 字: ${without.toFixed(3)} ms without photos, ${withPhotos.toFixed(3)} ms with 9`,
    );
    expect(withPhotos).toBeLessThan(Math.max(1, without * 3));
  });
});
