import { describe, expect, it } from 'vitest';
import { paragraph } from '@shared/body/blocks';
import {
  diffMaster,
  merge3Body,
  merge3Text,
  pullMasterChange,
} from '@shared/channels/master-change';
import { wechat } from '@shared/channels/wechat';
import { weibo } from '@shared/channels/weibo';
import { CTX, PARAGRAPHS, master } from './fixtures';

describe('diffMaster', () => {
  it('reports field and paragraph changes readably', () => {
    const a = master();
    const b = master({
      fields: { ...a.fields, headline: '消费市场稳步回暖 核心CPI涨幅连续三个月扩大' },
      body: [
        paragraph(PARAGRAPHS[0]!.replace('0.2%', '0.3%')),
        ...a.body.slice(1, 3),
        paragraph('新增一段：专家建议继续加力促消费。'),
        ...a.body.slice(3),
      ],
    });
    const d = diffMaster(a, b);
    expect(d.changed).toBe(true);
    expect(d.fields.map((f) => f.field)).toEqual(['headline']);
    expect(
      d.fields[0]!.parts.filter((p) => p.op !== 'equal')
        .map((p) => p.text)
        .join('|'),
    ).toBe('温和|稳步');
    expect(d.paragraphs.map((p) => p.kind)).toEqual(['changed', 'added']);
    expect(d.paragraphs[0]!.parts.find((p) => p.op === 'insert')!.text).toBe('3');
    expect(diffMaster(a, master()).changed).toBe(false);
  });
});

describe('three-way merge', () => {
  it('applies the master’s edit where the desk did not touch the text', () => {
    const base = '国家统计局今天发布数据显示，10月份CPI同比上涨0.2%。';
    const ours = '【快讯】国家统计局今天发布数据显示，10月份CPI同比上涨0.2%。';
    const theirs = '国家统计局今天发布数据显示，10月份CPI同比上涨0.3%。';
    const m = merge3Text(base, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(m.text).toBe('【快讯】国家统计局今天发布数据显示，10月份CPI同比上涨0.3%。');
  });
  it('reports a conflict and keeps the desk’s words where both changed the same place', () => {
    const m = merge3Text('上涨0.2%', '上涨了0.2个百分点', '上涨0.3%');
    expect(m.conflicts.length).toBe(1);
    expect(m.text).toBe('上涨了0.2个百分点');
  });
  it('merges bodies paragraph by paragraph and inside a paragraph, keeping marks', () => {
    const base = [paragraph('第一段原文。'), paragraph('第二段原文。'), paragraph('第三段原文。')];
    const ours = [
      {
        type: 'paragraph' as const,
        runs: [{ text: '第一段', bold: true }, { text: '原文，编辑改过。' }],
      },
      base[1]!,
      base[2]!,
    ];
    const theirs = [
      paragraph('第一段原文。补充一句。'),
      paragraph('第二段改了。'),
      base[2]!,
      paragraph('第四段新增。'),
    ];
    const m = merge3Body(base, ours, theirs);
    expect(m.conflicts).toEqual([]);
    expect(
      m.body.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : '')),
    ).toEqual(['第一段原文，编辑改过。补充一句。', '第二段改了。', '第三段原文。', '第四段新增。']);
    expect(m.body[0]!.type === 'paragraph' && m.body[0]!.runs[0]).toEqual({
      text: '第一段',
      bold: true,
    });
  });
});

describe('pullMasterChange', () => {
  it('takes untouched fields, merges edited ones, never overwrites an edit silently', () => {
    const before = master();
    const after = master({
      fields: {
        ...before.fields,
        headline: '消费市场稳步回暖 核心CPI涨幅连续三个月扩大',
        byline: '本报记者 王晓明 李华',
      },
      body: [paragraph(PARAGRAPHS[0]!.replace('0.2%', '0.3%')), ...before.body.slice(1)],
    });
    // Title: the desk rewrote the very words the master changed (conflict). Author: separate edits (merged).
    const edited = {
      ...wechat.derive(before, CTX),
      title: '消费市场强劲回暖 核心CPI涨幅连续三个月扩大',
      author: '王晓明',
    };
    const r = pullMasterChange(wechat, before, after, edited, CTX);
    const status = Object.fromEntries(r.fields.map((f) => [f.field, f.status]));
    expect(status.body).toBe('replaced');
    expect(r.variant.body).toEqual(after.body);
    expect(status.title).toBe('conflict');
    expect(r.variant.title).toBe('消费市场强劲回暖 核心CPI涨幅连续三个月扩大');
    const conflict = r.fields.find((f) => f.field === 'title');
    expect(conflict?.status === 'conflict' && conflict.text?.[0]).toMatchObject({
      ours: '强劲',
      theirs: '稳步',
    });
    expect(status.author).toBe('merged');
    expect(r.variant.author).toBe('王晓明 李华');
    expect(r.hasConflicts).toBe(true);
  });
  it('merges a master change into an edited weibo text', () => {
    const before = master();
    const after = master({
      body: [
        paragraph(PARAGRAPHS[0]!.replace('（记者王晓明）', '（记者王晓明 李华）')),
        ...before.body.slice(1),
      ],
    });
    const v = weibo.derive(before, CTX);
    const edited = { ...v, text: v.text.replace('【', '【快讯｜') };
    const r = pullMasterChange(weibo, before, after, edited, CTX, ['text']);
    expect(r.fields).toEqual([{ field: 'text', status: 'merged', applied: 1 }]);
    expect(r.variant.text).toContain('【快讯｜');
    expect(r.variant.text).toContain('王晓明 李华');
  });
});
