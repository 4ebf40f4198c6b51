import { describe, expect, it } from 'vitest';
import {
  AuthenticityRecordSchema,
  applyAuthenticityOp,
  authenticityProblems,
  captionHasLabel,
  captionLabelProblems,
  emptyAuthenticity,
  finalApprovalBlockers,
  labelledCaption,
  syntheticLabel,
  type AuthenticityOp,
  type AuthenticityRecord,
  type ImageProvenance,
} from '@shared/authenticity';
import type { PersonActor } from '@shared/workflow';
import type { PublishableContent } from '@shared/workflow';

const STORY = '0196f3a2-7c41-7d2e-9a10-3b5c2d1e4f60';
const reporter: PersonActor = {
  kind: 'person',
  userId: 'li.reporter',
  roles: ['reporter'],
  desks: ['rural'],
};
const editor: PersonActor = {
  kind: 'person',
  userId: 'sun.editor',
  roles: ['channel_editor'],
  desks: ['wechat-desk'],
};
const admin: PersonActor = { kind: 'person', userId: 'it.admin', roles: ['admin'], desks: [] };
const at = (m: number) => new Date(Date.parse('2026-11-18T01:00:00Z') + m * 60_000).toISOString();

/** Applies ops that must succeed. */
function build(ops: [PersonActor, AuthenticityOp][]): AuthenticityRecord {
  let r = emptyAuthenticity(STORY);
  ops.forEach(([who, op], i) => {
    const res = applyAuthenticityOp(r, op, who, at(i));
    if (!res.ok) throw new Error(`${op.op}: ${res.reason.code}`);
    r = res.record;
  });
  return r;
}

const zhang = {
  op: 'add_source',
  source: {
    id: 'zhang',
    kind: 'person',
    name: '张建国',
    affiliation: '青山村',
    title: '党支部第一书记',
    contact: '138****2211',
    required: true,
    note: '11月16日田间采访',
  },
} satisfies AuthenticityOp;
const bureau = {
  op: 'add_source',
  source: {
    id: 'bureau',
    kind: 'document',
    title: '2026年全县稻渔综合种养工作总结',
    issuer: '县农业农村局',
    reference: '农发〔2026〕31号',
    date: '2026-11-10',
    required: true,
    note: '',
  },
} satisfies AuthenticityOp;
const villager = {
  op: 'add_source',
  source: {
    id: 'villager',
    kind: 'anonymous',
    description: '一位不愿具名的村民',
    reason: '担心影响与合作社的收购关系',
    required: false,
    note: '',
  },
} satisfies AuthenticityOp;
const area = {
  op: 'add_claim',
  claim: {
    id: 'area',
    text: '今年全县推广稻渔综合种养面积达3.2万亩，较去年增长18%',
    anchor: { segment: 'block:0', quote: '3.2万亩' },
    sourceIds: ['bureau'],
    required: true,
  },
} satisfies AuthenticityOp;
const price = {
  op: 'add_claim',
  claim: {
    id: 'price',
    text: '小龙虾收购价比去年每斤低了3元',
    anchor: null,
    sourceIds: ['villager'],
    required: false,
  },
} satisfies AuthenticityOp;

describe('sources and claims', () => {
  it('lists what stops 终审 and what a reviewer should look at', () => {
    const r = build([
      [reporter, zhang],
      [reporter, bureau],
      [reporter, villager],
      [reporter, area],
      [reporter, price],
    ]);
    expect(AuthenticityRecordSchema.parse(r)).toEqual(r);
    const problems = authenticityProblems(r);
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.subject.id}`)).toEqual([
      'block source_unverified zhang',
      'block source_unverified bureau',
      'block claim_unverified area',
      'warning claim_anonymous_only price',
      'warning claim_unverified price',
      'hint source_unverified villager',
      'hint source_unused zhang',
    ]);
    expect(problems[0]!.message['zh-CN']).toBe('信源“青山村 党支部第一书记 张建国”尚未核实');
    expect(problems[1]!.message.en).toBe(
      'Source “《2026年全县稻渔综合种养工作总结》” is not verified',
    );
    expect(finalApprovalBlockers(r)).toHaveLength(3);
  });

  it('verification takes an editor and records who; then nothing blocks', () => {
    let r = build([
      [reporter, zhang],
      [reporter, bureau],
      [reporter, area],
    ]);
    const verify: AuthenticityOp = {
      op: 'verify_source',
      id: 'bureau',
      method: 'document',
      note: '已见盖章原件',
    };
    const denied = applyAuthenticityOp(r, verify, reporter, at(10));
    expect(denied.ok ? null : denied.reason.code).toBe('forbidden');
    expect(applyAuthenticityOp(r, verify, admin, at(10)).ok).toBe(false);
    r = build([
      [reporter, zhang],
      [reporter, bureau],
      [reporter, area],
      [editor, verify],
      [editor, { op: 'verify_source', id: 'zhang', method: 'phone', note: '电话回访确认' }],
      [editor, { op: 'verify_claim', id: 'area', method: 'document', note: '与总结第3页一致' }],
    ]);
    expect(r.sources.find((s) => s.id === 'bureau')!.verification).toEqual({
      by: 'sun.editor',
      at: at(3),
      method: 'document',
      note: '已见盖章原件',
    });
    expect(finalApprovalBlockers(r)).toEqual([]);
  });

  it('editing what was verified clears the verification; the person vouched for the old version', () => {
    let r = build([
      [reporter, bureau],
      [reporter, area],
      [editor, { op: 'verify_claim', id: 'area', method: 'document', note: '' }],
    ]);
    const same = applyAuthenticityOp(
      r,
      { op: 'update_claim', id: 'area', text: area.claim.text, anchor: null, required: true },
      reporter,
      at(5),
    );
    expect(same.ok && same.record.claims[0]!.verification).not.toBe(null);
    const changed = applyAuthenticityOp(
      r,
      {
        op: 'update_claim',
        id: 'area',
        text: '今年全县推广稻渔综合种养面积达3.5万亩',
        anchor: null,
        required: true,
      },
      reporter,
      at(5),
    );
    expect(changed.ok && changed.record.claims[0]!.verification).toBe(null);
    r = build([
      [reporter, bureau],
      [reporter, zhang],
      [reporter, area],
      [editor, { op: 'verify_claim', id: 'area', method: 'document', note: '' }],
    ]);
    const relinked = applyAuthenticityOp(
      r,
      { op: 'link_claim', id: 'area', sourceIds: ['bureau', 'zhang'] },
      reporter,
      at(9),
    );
    expect(relinked.ok && relinked.record.claims[0]!.verification).toBe(null);
    const updated = applyAuthenticityOp(r, { ...bureau, op: 'update_source' }, reporter, at(9));
    expect(updated.ok && updated.record.sources[0]!.verification).toBe(null);
  });

  it('refuses what would leave the record inconsistent, with a reason', () => {
    const r = build([
      [reporter, bureau],
      [reporter, area],
    ]);
    const code = (op: AuthenticityOp) => {
      const res = applyAuthenticityOp(r, op, editor, at(9));
      return res.ok ? 'ok' : res.reason.code;
    };
    expect(code(bureau)).toBe('duplicate_id');
    expect(code({ op: 'remove_source', id: 'bureau' })).toBe('source_in_use');
    expect(code({ op: 'add_claim', claim: { ...price.claim, sourceIds: ['nobody'] } })).toBe(
      'unknown_source',
    );
    expect(code({ op: 'add_claim', claim: { ...price.claim, sourceIds: [] } })).toBe('ok');
    expect(code({ op: 'verify_claim', id: 'area', method: 'phone', note: '' })).toBe('ok');
    const bare = applyAuthenticityOp(
      r,
      { op: 'add_claim', claim: { ...price.claim, sourceIds: [] } },
      reporter,
      at(9),
    );
    if (!bare.ok) throw new Error('fixture');
    const res = applyAuthenticityOp(
      bare.record,
      { op: 'verify_claim', id: 'price', method: 'phone', note: '' },
      editor,
      at(10),
    );
    expect(res.ok ? 'ok' : res.reason.message['zh-CN']).toBe('请先为这一事实关联信源，再标记核实');
    // An anonymous source needs the reason it is anonymous.
    const anon = applyAuthenticityOp(
      r,
      { op: 'add_source', source: { ...villager.source, reason: '' } } as AuthenticityOp,
      reporter,
      at(9),
    );
    expect(anon.ok ? 'ok' : anon.reason.code).toBe('invalid_op');
  });
});

describe('image provenance', () => {
  const photo: ImageProvenance = {
    assetId: 'photo-1',
    origin: 'staff',
    photographer: '李明',
    agency: '',
    placeName: '青山村稻田',
    exif: {
      capturedAt: '2026-11-16T10:32:00+08:00',
      latitude: 29.71,
      longitude: 116.0,
      camera: 'Nikon Z6',
    },
    synthetic: null,
    captionLabels: {},
  };
  const ai: ImageProvenance = {
    ...photo,
    assetId: 'ai-1',
    origin: 'contributor',
    photographer: '',
    exif: null,
    synthetic: 'ai_generated',
    captionLabels: { weibo: '#AI生成#' },
  };
  const old: ImageProvenance = {
    ...photo,
    assetId: 'old-1',
    photographer: '',
    exif: { ...photo.exif!, capturedAt: '2024-05-01T09:00:00+08:00' },
  };
  const social: ImageProvenance = { ...photo, assetId: 'social-1', origin: 'social_media' };

  it('points out missing credits, social-media images, old captures and images with no record', () => {
    const r: AuthenticityRecord = { ...emptyAuthenticity(STORY), images: [photo, ai, old, social] };
    const problems = authenticityProblems(r, {
      now: '2026-11-18T09:00:00+08:00',
      imageAssetIds: ['photo-1', 'ai-1', 'old-1', 'social-1', 'mystery-1'],
    });
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.subject.id}`)).toEqual([
      'warning image_no_provenance mystery-1',
      'warning image_no_credit old-1',
      'warning image_social_media social-1',
      'hint image_old_capture old-1',
    ]);
    expect(problems.at(-1)!.message['zh-CN']).toBe(
      '图片old-1拍摄于2024-05-01，请确认与本次报道相符',
    );
    expect(finalApprovalBlockers(r)).toEqual([]);
  });

  it('AI-generated images and illustrations carry a label in every channel’s caption', () => {
    expect(syntheticLabel(photo, 'wechat')).toBe(null);
    expect(syntheticLabel(ai, 'wechat')).toBe('AI生成');
    expect(syntheticLabel(ai, 'weibo')).toBe('#AI生成#');
    expect(syntheticLabel({ ...ai, synthetic: 'illustration' }, 'print')).toBe('示意图');
    expect(labelledCaption('稻渔共生示意', { ...ai, synthetic: 'illustration' }, 'print')).toBe(
      '稻渔共生示意（示意图）',
    );
    expect(labelledCaption('（AI 生成）丰收的田野', ai, 'wechat')).toBe('（AI 生成）丰收的田野');
    expect(captionHasLabel('丰收的田野 [ai生成]', 'AI生成')).toBe(true);
    const content: PublishableContent = {
      storyId: STORY,
      channel: 'weibo',
      fields: {},
      body: [],
      images: [
        { assetId: 'photo-1', caption: '青山村农户收获小龙虾', credit: '李明 摄', crop: null },
        { assetId: 'ai-1', caption: '未来稻田想象图（AI生成）', credit: '', crop: null },
      ],
    };
    const r: AuthenticityRecord = { ...emptyAuthenticity(STORY), images: [photo, ai] };
    // Weibo wants its own label, so the generic one is not enough there.
    const problems = captionLabelProblems(content, r);
    expect(problems.map((p) => [p.imageIndex, p.label, p.severity])).toEqual([
      [1, '#AI生成#', 'block'],
    ]);
    expect(problems[0]!.message['zh-CN']).toBe('图片ai-1是AI生成图片，微博图说须标注“#AI生成#”');
    expect(captionLabelProblems({ ...content, channel: 'wechat' }, r)).toEqual([]);
  });
});
