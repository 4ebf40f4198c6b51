import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { paragraph, type Block } from '@shared/body/blocks';
import { applyTextEdit, fieldText, writeInitialFields } from '@shared/body/story-doc';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { patchBody, replaceBody } from '@shared/editor/headless-body';
import { getChannel } from '@shared/channels';
import { LiveMaster, LiveVariant } from '@shared/variants/live';
import { initialVariantUpdate, variantText } from '@shared/variants/variant-doc';
import { replaceEqualDeep } from '@shared/variants/structural-share';
import {
  CHECK_DELAY_MS,
  PreviewHub,
  type Scheduler,
} from '../../../renderer/src/workspace/preview-hub';
import { PARAGRAPHS, STORY_ID } from '../channels/fixtures';

function fakeScheduler() {
  const frames: Array<() => void> = [];
  const idles: Array<() => void> = [];
  const timers: Array<{ cb: () => void; at: number; cancelled: boolean }> = [];
  let now = 0;
  const s: Scheduler = {
    frame: (cb) => void frames.push(cb),
    idle: (cb) => void idles.push(cb),
    delay: (cb, ms) => {
      const t = { cb, at: now + ms, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
  };
  return {
    s,
    frames,
    idles,
    runFrame: () => frames.splice(0).forEach((f) => f()),
    runIdle: () => idles.shift()?.(),
    advance: (ms: number) => {
      now += ms;
      for (const t of timers.splice(0))
        if (!t.cancelled && t.at <= now) t.cb();
        else if (!t.cancelled) timers.push(t);
    },
  };
}

function masterDoc(): Y.Doc {
  const doc = new Y.Doc();
  writeInitialFields(doc, { ...EMPTY_FIELDS, headline: '消费市场温和回暖', keywords: ['CPI'] });
  replaceBody(doc, PARAGRAPHS.map(paragraph));
  return doc;
}

describe('PreviewHub', () => {
  it('derives the first keystroke at once, coalesces the rest until the next frame, and only for panes on screen', () => {
    const doc = masterDoc();
    const f = fakeScheduler();
    const hub = new PreviewHub(new LiveMaster(doc, STORY_ID), { storyId: STORY_ID }, f.s);
    hub.setEnabled(['wechat', 'weibo', 'print']);
    hub.setActive(['wechat', 'weibo']);
    const seen: string[] = [];
    hub.subscribe('wechat', () => seen.push('wechat'));
    hub.subscribe('print', () => seen.push('print'));
    f.runFrame();
    const before = hub.preview('wechat')!.variant as { title: string; body: Block[] };
    expect(before.title).toBe('消费市场温和回暖');
    seen.length = 0;
    const type = (ch: string) => {
      const t = fieldText(doc, 'headline');
      applyTextEdit(t, t.toString() + ch);
    };
    // The keystroke's own task: its pane is told before the frame (one React commit, not two).
    type('，');
    expect(seen).toEqual(['wechat']);
    expect((hub.preview('wechat')!.variant as { title: string }).title).toBe('消费市场温和回暖，');
    // Four more before that frame: derived once, at the frame.
    for (const ch of '物价平稳') type(ch);
    expect(seen).toEqual(['wechat']);
    f.runFrame();
    expect(seen).toEqual(['wechat', 'wechat']);
    // The frame after a quiet one: at once again.
    f.runFrame();
    type('。');
    expect(seen).toEqual(['wechat', 'wechat', 'wechat']);
    const after = hub.preview('wechat')!.variant as { title: string; body: Block[] };
    expect(after.title).toBe('消费市场温和回暖，物价平稳。');
    // Nothing in the body changed: the very same body array, paragraph objects and all.
    expect(after.body).toBe(before.body);
    // A folded pane is computed when it is looked at, not on every frame.
    expect((hub.preview('print')!.variant as { headline: string }).headline).toBe(
      '消费市场温和回暖，物价平稳。',
    );
    hub.dispose();
  });

  it('keeps every untouched paragraph identical when one is typed in', () => {
    const doc = masterDoc();
    const f = fakeScheduler();
    const hub = new PreviewHub(new LiveMaster(doc, STORY_ID), { storyId: STORY_ID }, f.s);
    hub.setEnabled(['app']);
    hub.setActive(['app']);
    f.runFrame();
    const a = (hub.preview('app')!.variant as { body: Block[] }).body;
    const next = PARAGRAPHS.map(paragraph);
    next[2] = paragraph(PARAGRAPHS[2] + '据介绍');
    patchBody(doc, next);
    f.runFrame();
    const b = (hub.preview('app')!.variant as { body: Block[] }).body;
    expect(b).not.toBe(a);
    expect(b.filter((x, i) => x === a[i]).length).toBe(PARAGRAPHS.length - 1);
    expect(b[2]).not.toBe(a[2]);
    hub.dispose();
  });

  it("shares the master's paragraphs with a preview, never with a variant that is stored", () => {
    const doc = masterDoc();
    const master = new LiveMaster(doc, STORY_ID).read();
    for (const c of ['print', 'wechat', 'app'] as const) {
      const channel = getChannel(c)!;
      const preview = channel.derive(master, { storyId: STORY_ID }, { share: true }) as {
        body: Block[];
      };
      // Read-only preview: the very paragraph objects (the master's blocks never change in place).
      expect(preview.body.every((b, i) => b === master.body[i])).toBe(true);
      const stored = channel.derive(master, { storyId: STORY_ID }) as { body: Block[] };
      // Stored and edited on its own: equal, but not one object shared.
      expect(stored.body).toEqual(master.body);
      expect(stored.body.some((b, i) => b === master.body[i])).toBe(false);
      expect(stored.body).not.toBe(master.body);
    }
  });

  it('runs the checks once typing pauses, one channel per idle slot', () => {
    const doc = masterDoc();
    const f = fakeScheduler();
    const hub = new PreviewHub(new LiveMaster(doc, STORY_ID), { storyId: STORY_ID }, f.s);
    hub.setEnabled(['wechat', 'weibo']);
    hub.setActive(['wechat', 'weibo']);
    f.advance(CHECK_DELAY_MS - 50);
    applyTextEdit(fieldText(doc, 'headline'), '消费市场温和回暖 核心CPI涨幅连续三个月扩大');
    f.advance(100); // the keystroke restarted the wait
    expect(f.idles).toHaveLength(0);
    f.advance(CHECK_DELAY_MS);
    expect(f.idles).toHaveLength(1);
    f.runIdle();
    expect(hub.problemsOf('wechat')).toBeDefined();
    expect(hub.problemsOf('weibo')).toBeUndefined();
    f.runIdle();
    expect(hub.problemsOf('weibo')).toBeDefined();
    expect(f.idles).toHaveLength(0);
    hub.dispose();
  });

  it('shows an edited version from its own document, and the master again when it closes', () => {
    const doc = masterDoc();
    const f = fakeScheduler();
    const hub = new PreviewHub(new LiveMaster(doc, STORY_ID), { storyId: STORY_ID }, f.s);
    hub.setEnabled(['weibo']);
    hub.setActive(['weibo']);
    f.runFrame();
    const layout = getChannel('weibo')!.docLayout;
    const vdoc = new Y.Doc();
    Y.applyUpdate(
      vdoc,
      initialVariantUpdate(layout, hub.preview('weibo')!.variant as Record<string, unknown>),
    );
    const live = new LiveVariant(vdoc, layout);
    hub.setVariantSource('weibo', live);
    f.runFrame();
    expect(hub.preview('weibo')!.source).toBe('variant');
    applyTextEdit(variantText(vdoc, 'text'), '【CPI】温和回暖');
    f.runFrame();
    expect((hub.preview('weibo')!.variant as { text: string }).text).toBe('【CPI】温和回暖');
    // Master edits no longer reach it.
    applyTextEdit(fieldText(doc, 'headline'), '新标题');
    f.runFrame();
    expect((hub.preview('weibo')!.variant as { text: string }).text).toBe('【CPI】温和回暖');
    hub.setVariantSource('weibo', null);
    f.runFrame();
    expect(hub.preview('weibo')!.source).toBe('master');
    expect((hub.preview('weibo')!.variant as { text: string }).text).toMatch(/^【新标题】/);
    hub.dispose();
  });
});

describe('replaceEqualDeep', () => {
  it('returns the previous object where nothing changed, new ones only along the change', () => {
    const prev = { a: { b: [1, 2, { c: '秋粮' }] }, d: 'x' };
    expect(replaceEqualDeep(prev, JSON.parse(JSON.stringify(prev)))).toBe(prev);
    const next = replaceEqualDeep(prev, { a: { b: [1, 2, { c: '秋粮' }] }, d: 'y' });
    expect(next).not.toBe(prev);
    expect(next.a).toBe(prev.a);
    expect(replaceEqualDeep(prev, { a: prev.a })).not.toBe(prev);
  });
  it("gives next's shape and key order, sharing every unchanged part, whatever changes where", () => {
    const para = (text: string) => ({ type: 'paragraph', runs: [{ text }] });
    const prev = { title: '秋粮收购', body: [para('第一段'), para('第二段'), para('第三段 🌾')] };
    const cases: unknown[] = [
      { title: '秋粮收购', body: [para('第一段'), para('第二段改'), para('第三段 🌾')] },
      { title: '秋粮收购', body: [para('第一段'), para('第二段')] },
      { title: '秋粮收购', body: [para('第一段'), para('第二段'), para('第三段 🌾'), para('新')] },
      { body: [para('第一段'), para('第二段'), para('第三段 🌾')], title: '秋粮收购' },
      { title: '秋粮收购', body: prev.body, digest: '' },
      { title: '秋粮收购' },
      { title: '秋粮收购', body: [para('第一段'), 'x', para('第三段 🌾')] },
    ];
    for (const next of cases) {
      const out = replaceEqualDeep(prev, structuredClone(next)) as Record<string, unknown>;
      expect(out).toEqual(next);
      const body = out.body as unknown[] | undefined;
      body?.forEach((b, i) => {
        if (JSON.stringify(b) === JSON.stringify(prev.body[i])) expect(b).toBe(prev.body[i]);
      });
    }
  });
});
