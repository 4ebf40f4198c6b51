import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { $getRoot, $isElementNode, $isTextNode, type LexicalNode } from 'lexical';
import { bindHeadless, replaceBody } from '@shared/editor/headless-body';
import { paragraph } from '@shared/body/blocks';
import { applyTextEdit, fieldText } from '@shared/body/story-doc';
import {
  acceptSuggestion,
  addAnnotation,
  makeAnchor,
  mentionQuery,
  parseMentions,
  placeAnnotations,
  projectBody,
  readAnnotations,
  rejectSuggestion,
  reopen,
  reply,
  resolveComment,
  type Author,
} from '@shared/annotations';

const ME: Author = { id: 'u1', name: '王编辑' };
const YOU: Author = { id: 'u2', name: '李记者' };
const AT = '2026-11-27T10:00:00.000Z';

/** Edits the body the way a person typing in the editor does: through Lexical bound to Yjs. */
function edit(doc: Y.Doc, fn: () => void): void {
  const work = new Y.Doc();
  const editor = bindHeadless(work);
  Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
  editor.read(() => undefined);
  const sv = Y.encodeStateVector(work);
  editor.update(fn, { discrete: true });
  const delta = Y.encodeStateAsUpdate(work, sv);
  work.destroy();
  Y.applyUpdate(doc, delta);
}

function firstText(block: number) {
  const p = $getRoot().getChildAtIndex(block);
  if (!p || !$isElementNode(p)) throw new Error('no block');
  const t: LexicalNode | null = p.getFirstChild();
  if (!t || !$isTextNode(t)) throw new Error('no text');
  return t;
}

/** Types `insert` at `offset` of block `block`, deleting `del` characters there first. */
function splice(doc: Y.Doc, block: number, offset: number, del: number, insert: string): void {
  edit(doc, () => void firstText(block).spliceText(offset, del, insert, false));
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

function story(...paras: string[]): Y.Doc {
  const doc = new Y.Doc();
  replaceBody(doc, paras.map(paragraph));
  return doc;
}

function commentOn(doc: Y.Doc, quote: string, text = '请核实'): string {
  const p = projectBody(doc);
  const start = p.text.indexOf(quote);
  const anchor = makeAnchor(doc, 'body', start, start + quote.length);
  if (!anchor) throw new Error('no anchor');
  return addAnnotation(doc, { kind: 'comment', anchor, author: ME, at: AT, text });
}

function placementText(doc: Y.Doc, id: string): string | null {
  const a = placeAnnotations(doc).find((x) => x.id === id);
  return a && a.placement.state !== 'orphaned' ? a.placement.text : null;
}

describe('body projection', () => {
  it('joins blocks with line breaks and names them like the scan does', () => {
    const doc = story('第一段。', '第二段有文字。');
    const p = projectBody(doc);
    expect(p.text).toBe('第一段。\n第二段有文字。');
    expect(p.blocks.map((b) => [b.id, b.offset])).toEqual([
      ['block:0', 0],
      ['block:1', 5],
    ]);
  });
});

describe('anchors on the body', () => {
  it('survive an edit before the range in the same paragraph', () => {
    const doc = story('全县秋粮收购已过半，价格稳中有升。');
    const id = commentOn(doc, '价格稳中有升');
    splice(doc, 0, 0, 0, '据县农业农村局介绍，');
    expect(placementText(doc, id)).toBe('价格稳中有升');
    const a = placeAnnotations(doc)[0]!;
    expect(a.placement.state).toBe('anchored');
  });

  it('survive concurrent inserts and deletes from two replicas, merged in both orders', () => {
    for (const order of ['ab', 'ba'] as const) {
      const a = story(
        '一、秋粮收购进度过半。',
        '二、价格稳中有升，农民收入增加。',
        '三、仓容充足。',
      );
      const b = new Y.Doc();
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      const id = commentOn(a, '价格稳中有升');
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      // a types before the range and deletes after it; b deletes before and types inside the paragraph after.
      splice(a, 1, 0, 0, '据统计，');
      splice(a, 1, 13, 2, '');
      splice(b, 0, 0, 2, '');
      splice(b, 1, 15, 0, '明显');
      if (order === 'ab') sync(a, b);
      else sync(b, a);
      expect(projectBody(a).text).toBe(projectBody(b).text);
      expect(placementText(a, id)).toBe('价格稳中有升');
      expect(placementText(b, id)).toBe('价格稳中有升');
    }
  });

  it('widens with text typed inside the range, not with text typed at its edges', () => {
    const doc = story('价格稳中有升');
    const id = commentOn(doc, '稳中');
    splice(doc, 0, 2, 0, '【');
    splice(doc, 0, 5, 0, '】');
    expect(placementText(doc, id)).toBe('稳中');
    splice(doc, 0, 4, 0, '略');
    expect(placementText(doc, id)).toBe('稳略中');
  });

  it('reports a comment whose text was deleted as orphaned, and keeps it', () => {
    const doc = story('全县秋粮收购已过半，价格稳中有升。');
    const id = commentOn(doc, '价格稳中有升');
    splice(doc, 0, 10, 6, '');
    const a = placeAnnotations(doc).find((x) => x.id === id)!;
    expect(a.placement.state).toBe('orphaned');
    expect(a.thread[0]!.text).toBe('请核实');
    expect(a.anchor.quote).toBe('价格稳中有升');
  });

  it('is orphaned when a concurrent delete on another replica removes the range', () => {
    const a = story('秋粮收购进度过半，价格稳中有升。');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const id = commentOn(a, '进度过半');
    splice(b, 0, 4, 4, '');
    sync(a, b);
    expect(placeAnnotations(a)[0]!.placement.state).toBe('orphaned');
    expect(placeAnnotations(b)[0]!.placement.state).toBe('orphaned');
    expect(readAnnotations(b).map((x) => x.id)).toEqual([id]);
  });

  it('follows its text when Enter splits the paragraph before it', () => {
    const doc = story('秋粮收购进度过半。价格稳中有升。');
    const id = commentOn(doc, '价格稳中有升');
    edit(doc, () => firstText(0).select(9, 9).insertParagraph());
    expect(projectBody(doc).text).toBe('秋粮收购进度过半。\n价格稳中有升。');
    const a = placeAnnotations(doc).find((x) => x.id === id)!;
    expect(a.placement.state).not.toBe('orphaned');
    expect(placementText(doc, id)).toBe('价格稳中有升');
  });
});

describe('anchors on fields', () => {
  it('survive concurrent edits to a headline', () => {
    const a = new Y.Doc();
    applyTextEdit(fieldText(a, 'headline'), '全县秋粮收购进度过半');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const anchor = makeAnchor(a, 'field:headline', 4, 8)!;
    expect(anchor.quote).toBe('收购进度');
    const id = addAnnotation(a, { kind: 'comment', anchor, author: ME, at: AT, text: '用词' });
    applyTextEdit(fieldText(a, 'headline'), '今年全县秋粮收购进度过半');
    applyTextEdit(fieldText(b, 'headline'), '全县秋粮收购进度已过半了');
    sync(a, b);
    expect(placementText(a, id)).toBe('收购进度');
    expect(placementText(b, id)).toBe('收购进度');
  });
});

describe('threads, status, suggestions', () => {
  it('keeps concurrent replies from two people', () => {
    const a = story('价格稳中有升');
    const id = commentOn(a, '稳中有升', '@李记者 请核实数据来源');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    reply(a, id, ME, '2026-11-27T10:01:00.000Z', '补充：需要县统计局数据');
    reply(b, id, YOU, '2026-11-27T10:02:00.000Z', '已联系统计局');
    sync(a, b);
    const thread = readAnnotations(a)[0]!.thread;
    expect(thread.map((m) => m.text)).toEqual([
      '@李记者 请核实数据来源',
      '补充：需要县统计局数据',
      '已联系统计局',
    ]);
    expect(thread[0]!.mentions).toEqual(['李记者']);
  });

  it('resolves and reopens', () => {
    const doc = story('价格稳中有升');
    const id = commentOn(doc, '稳中有升');
    resolveComment(doc, id, YOU, AT);
    expect(readAnnotations(doc)[0]!.status).toBe('resolved');
    expect(readAnnotations(doc)[0]!.statusBy).toEqual(YOU);
    reopen(doc, id, ME, AT);
    expect(readAnnotations(doc)[0]!.status).toBe('open');
  });

  it('accepts a suggestion in the body by replacing only its characters', () => {
    const doc = story('新设备按装完毕。', '第二段。');
    const p = projectBody(doc);
    const start = p.text.indexOf('按装');
    const anchor = makeAnchor(doc, 'body', start, start + 2)!;
    const id = addAnnotation(doc, {
      kind: 'suggestion',
      anchor,
      author: ME,
      at: AT,
      text: '易错词',
      replacement: '安装',
    });
    expect(acceptSuggestion(doc, id, YOU, AT)).toEqual({ ok: true });
    expect(projectBody(doc).text).toBe('新设备安装完毕。\n第二段。');
    expect(readAnnotations(doc)[0]!.status).toBe('accepted');
    expect(acceptSuggestion(doc, id, YOU, AT)).toEqual({ ok: false, reason: 'closed' });
    // A Lexical editor bound to the document reads the change like a collaborator's typing.
    const work = new Y.Doc();
    const editor = bindHeadless(work);
    Y.applyUpdate(work, Y.encodeStateAsUpdate(doc));
    expect(editor.read(() => $getRoot().getTextContent())).toContain('安装');
  });

  it('rejects a suggestion without touching the text; accepts one on a field', () => {
    const doc = new Y.Doc();
    applyTextEdit(fieldText(doc, 'headline'), '全县秋粮收购进度过半');
    const anchor = makeAnchor(doc, 'field:headline', 8, 10)!;
    const s1 = addAnnotation(doc, {
      kind: 'suggestion',
      anchor,
      author: ME,
      at: AT,
      text: '',
      replacement: '超过一半',
    });
    rejectSuggestion(doc, s1, YOU, AT);
    expect(fieldText(doc, 'headline').toString()).toBe('全县秋粮收购进度过半');
    const s2 = addAnnotation(doc, {
      kind: 'suggestion',
      anchor,
      author: ME,
      at: AT,
      text: '',
      replacement: '超过一半',
    });
    expect(acceptSuggestion(doc, s2, YOU, AT).ok).toBe(true);
    expect(fieldText(doc, 'headline').toString()).toBe('全县秋粮收购进度超过一半');
  });
});

describe('mentions', () => {
  it('finds names after @, preferring known people', () => {
    expect(parseMentions('@王小明 请核实，@李四。')).toEqual(['王小明', '李四']);
    expect(parseMentions('@王小明请核实', ['王小明'])).toEqual(['王小明']);
    expect(parseMentions('no mention')).toEqual([]);
  });
  it('knows when the caret is in a mention', () => {
    expect(mentionQuery('请 @王', 4)).toEqual({ at: 2, query: '王' });
    expect(mentionQuery('请 @王 核实', 7)).toBeNull();
  });
});

describe('anchors in lists and links', () => {
  it('anchor inside a link and a list item, and follow edits before them', () => {
    const doc = new Y.Doc();
    replaceBody(doc, [
      {
        type: 'paragraph',
        runs: [
          { text: '详见' },
          { text: '县农业农村局公告', href: 'https://nync.example.gov.cn/1' },
          { text: '。' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [{ runs: [{ text: '玉米收购价稳定' }] }, { runs: [{ text: '大豆收购有序' }] }],
      },
    ]);
    const p = projectBody(doc);
    expect(p.text).toBe('详见县农业农村局公告。\n玉米收购价稳定\n大豆收购有序');
    expect(p.blocks.map((b) => b.id)).toEqual(['block:0', 'block:1.0', 'block:1.1']);
    const inLink = commentOn(doc, '农业农村局');
    const inItem = commentOn(doc, '收购有序');
    splice(doc, 0, 0, 0, '据悉，');
    expect(placementText(doc, inLink)).toBe('农业农村局');
    expect(placementText(doc, inItem)).toBe('收购有序');
    const item = placeAnnotations(doc).find((a) => a.id === inItem)!.placement;
    expect(item.state !== 'orphaned' && [item.block, item.blockStart]).toEqual(['block:1.1', 2]);
  });
});
