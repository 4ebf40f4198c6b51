import { describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import {
  StoryWorkflowSchema,
  WorkflowCommandSchema,
  WorkflowEventSchema,
  allowedActions,
  apply,
  checkInvariants,
  decide,
  describeChanges,
  proofreadingStatus,
  rebuild,
  reviewProgress,
  timeline,
} from '@shared/workflow';
import {
  Harness,
  OVERRIDE_KEY,
  STORY_ID,
  directory,
  minutes,
  person,
  publisher,
  refused,
  scheduler,
  wechatContent,
} from './fixtures';

const nameOf = (id: string) => directory.people.find((p) => p.userId === id)?.name ?? id;

describe('the central-kitchen path', () => {
  it('files, claims, reviews three times, proofreads, publishes, and the timeline says so', () => {
    const h = new Harness().approved();
    const [published] = h.publish();
    expect(published).toMatchObject({
      type: 'published',
      revision: 1,
      contentHash: h.hash(),
      scheduled: false,
    });
    h.run(
      publisher,
      h.command('record_delivery', {
        channel: 'wechat',
        revision: 1,
        outcome: 'delivered',
        target: { url: 'https://mp.weixin.qq.com/s/Qx7', externalId: '2247483921_1' },
        error: null,
      }),
    );
    const v = h.state.variants.wechat!;
    expect(v.stage).toBe('published');
    expect(v.signOffs.map((s) => [s.step, s.by])).toEqual([
      ['first', 'sun.editor'],
      ['second', 'qian.head'],
      ['final', 'zhou.chief'],
    ]);
    expect(v.deliveries[0]!.target?.url).toBe('https://mp.weixin.qq.com/s/Qx7');
    expect(checkInvariants(h.state)).toEqual([]);
    // The pre-scan of the submitted content travels with the review.
    expect(h.events.find((e) => e.type === 'review_submitted')).toMatchObject({
      scan: { block: 1, warning: 0, hint: 0 },
    });

    const lines = timeline(h.events, nameOf).map((t) => t.text['zh-CN']);
    expect(lines).toEqual([
      '李明发稿到rural',
      '王芳认领了微信公众号版本',
      '钱伟批准放行微信公众号版本机审项“sensitive:第一书记”：“第一书记”是驻村干部的正式职务，不属违规用语',
      '孙丽完成微信公众号版本第1校',
      '王芳将微信公众号版本送审',
      '孙丽签发微信公众号版本（初审）',
      '钱伟签发微信公众号版本（复审）',
      '周总签发微信公众号版本（终审）',
      '孙丽发布了微信公众号版本',
      '微信公众号版本第1次发布已送达https://mp.weixin.qq.com/s/Qx7',
    ]);
    expect(timeline(h.events, nameOf)[7]!.text.en).toBe(
      '周总 signed off the WeChat version (final review)',
    );
  });

  it('rebuilds the same state from the log, and every event and state passes its schema', () => {
    const h = new Harness().approved();
    h.publish();
    for (const e of h.events) expect(WorkflowEventSchema.parse(e)).toEqual(e);
    expect(rebuild(STORY_ID, h.events)).toEqual(h.state);
    expect(StoryWorkflowSchema.parse(h.state)).toEqual(h.state);
    // A round trip through JSON (the server's store, the change feed) changes nothing.
    expect(rebuild(STORY_ID, JSON.parse(JSON.stringify(h.events)) as typeof h.events)).toEqual(
      h.state,
    );
  });

  it('一稿多签: each channel desk claims and runs its own version; print needs 三校', () => {
    const h = new Harness();
    h.file();
    h.claim('wang.editor', 'wechat', 'wechat-desk');
    h.claim('wu.print', 'print', 'print-desk');
    expect(
      refused(h.try('wu.print', h.command('claim', { channel: 'weibo', desk: 'print-desk' }))),
    ).toBe('not_channel_desk');
    expect(h.state.variants.print!.plan.proofreadRounds).toBe(3);
    expect(h.state.variants.wechat!.plan.proofreadRounds).toBe(1);

    // The print version's 三校 must be in order, the last on the current text.
    h.override('qian.head', 'print');
    expect(
      refused(
        h.try(
          'wu.print',
          h.command('proofread', {
            channel: 'print',
            round: 2,
            contentHash: h.hash('print'),
            note: '',
            corrections: 0,
          }),
        ),
      ),
    ).toBe('proofread_out_of_order');
    h.proofread('wu.print', 1, 'print');
    h.edit('print'); // the proofreader's corrections change the text
    h.proofread('wu.print', 2, 'print');
    h.edit('print');
    h.proofread('wu.print', 3, 'print');
    expect(proofreadingStatus(h.state.variants.print!, h.hash('print'))).toEqual({
      required: 3,
      roundsDone: 3,
      nextRound: 3,
      complete: true,
    });
    h.submit('wu.print', 'print');
    h.signOff('wu.print', 'first', 'print');
    h.signOff('qian.head', 'second', 'print');
    h.signOff('zhou.chief', 'final', 'print');
    h.edit('print'); // still in review: the chain simply starts again at 初审
    h.signOff('sun.editor', 'first', 'print');
    h.signOff('qian.head', 'second', 'print');
    h.signOff('chen.chief', 'final', 'print');
    // An edit after 三校: proofreading is no longer complete even though review is.
    expect(
      refused(
        h.try('wu.print', h.command('publish', { channel: 'print', contentHash: h.hash('print') })),
      ),
    ).toBe('proofreading_incomplete');
    h.proofread('wu.print', 3, 'print');
    h.publish('wu.print', 'print');
    expect(h.state.variants.print!.stage).toBe('published');
    expect(h.state.variants.wechat!.stage).toBe('editing');

    // 撤稿 of the whole story takes down every version, published or not.
    h.run(
      'qian.head',
      h.command('spike', { channel: null, reason: '当事人对关键数据提出异议，全稿撤下核查' }),
    );
    expect(h.state.stage).toBe('spiked');
    expect(h.state.variants.print!.spike).toMatchObject({ wasPublished: true });
    expect(h.state.variants.wechat!.spike).toMatchObject({ wasPublished: false });
    expect(checkInvariants(h.state)).toEqual([]);
  });
});

describe('sign-offs are bound to the exact content', () => {
  it('an edit after 终审 makes every sign-off stale; publish is refused until the chain signs the new text', () => {
    const h = new Harness().approved();
    expect(reviewProgress(h.state.variants.wechat!, h.hash()).approved).toBe(true);
    const approvedHash = h.hash();
    h.edit();
    const progress = reviewProgress(h.state.variants.wechat!, h.hash());
    expect(progress.steps.map((s) => s.state)).toEqual(['stale', 'stale', 'stale']);
    expect(progress.next?.id).toBe('first');
    // Naming the old hash is refused as stale; naming the new one, as not yet reviewed.
    const old = h.try(
      'sun.editor',
      h.command('publish', { channel: 'wechat', contentHash: approvedHash }),
    );
    expect(refused(old)).toBe('stale_content');
    const now = h.try(
      'sun.editor',
      h.command('publish', { channel: 'wechat', contentHash: h.hash() }),
    );
    expect(refused(now)).toBe('review_incomplete');
    if (!now.ok)
      expect(now.reason.message['zh-CN']).toBe('审核未完成：初审、复审、终审尚未签发当前内容');
    // A reviewer who looked at the old text cannot sign the new one with the old hash.
    expect(
      refused(
        h.try(
          'sun.editor',
          h.command('sign_off', {
            channel: 'wechat',
            step: 'first',
            contentHash: approvedHash,
            comment: '',
          }),
        ),
      ),
    ).toBe('stale_content');
    h.proofread('sun.editor');
    h.signOff('wang.editor', 'first');
    h.signOff('qian.head', 'second');
    h.signOff('zhou.chief', 'final');
    h.publish();
    expect(h.state.variants.wechat!.publications[0]!.contentHash).toBe(h.hash());
    expect(h.state.variants.wechat!.publications[0]!.contentHash).not.toBe(approvedHash);
  });

  it('an edit undone brings the old sign-offs back: they approved that exact content', () => {
    const h = new Harness().approved();
    h.edit();
    expect(reviewProgress(h.state.variants.wechat!, h.hash()).approved).toBe(false);
    h.content.wechat = 0;
    expect(reviewProgress(h.state.variants.wechat!, h.hash()).approved).toBe(true);
  });

  it('三审 takes three people: no one signs two steps of the same content', () => {
    const h = new Harness();
    h.file();
    h.claim();
    h.override();
    h.proofread();
    h.submit();
    h.signOff('qian.head', 'first');
    const d = h.try(
      'qian.head',
      h.command('sign_off', {
        channel: 'wechat',
        step: 'second',
        contentHash: h.hash(),
        comment: '',
      }),
    );
    expect(refused(d)).toBe('same_reviewer');
    if (!d.ok) expect(d.reason.message['zh-CN']).toBe('三审须由不同的人完成：你已签发本稿的“初审”');
    expect(
      refused(
        h.try(
          'zhao.head',
          h.command('sign_off', {
            channel: 'wechat',
            step: 'final',
            contentHash: h.hash(),
            comment: '',
          }),
        ),
      ),
    ).toBe('wrong_step');
    h.signOff('zhao.head', 'second');
  });

  it('a desk head of another desk cannot review, assign or spike this desk’s version', () => {
    const h = new Harness();
    h.file();
    h.claim();
    h.override();
    h.submit();
    h.signOff('sun.editor', 'first');
    expect(
      refused(
        h.try(
          'xu.politics',
          h.command('sign_off', {
            channel: 'wechat',
            step: 'second',
            contentHash: h.hash(),
            comment: '',
          }),
        ),
      ),
    ).toBe('forbidden');
    expect(
      refused(
        h.try('xu.politics', h.command('assign', { channel: 'wechat', assignee: 'sun.editor' })),
      ),
    ).toBe('forbidden');
    expect(
      refused(h.try('xu.politics', h.command('spike', { channel: 'wechat', reason: '重复' }))),
    ).toBe('forbidden');
  });
});

describe('终审 and authenticity', () => {
  it('终审 is refused while a required source is unverified, and allowed once it is verified', () => {
    const h = new Harness();
    h.authenticity = {
      ...h.authenticity,
      sources: h.authenticity.sources.map((s) => ({ ...s, verification: null })),
    };
    h.file();
    h.claim();
    h.override();
    h.proofread();
    h.submit();
    h.signOff('sun.editor', 'first');
    h.signOff('qian.head', 'second'); // 复审 does not need the sources: only 终审 does
    const d = h.try(
      'zhou.chief',
      h.command('sign_off', {
        channel: 'wechat',
        step: 'final',
        contentHash: h.hash(),
        comment: '',
      }),
    );
    expect(refused(d)).toBe('sources_unverified');
    if (!d.ok) expect(d.reason.message['zh-CN']).toBe('有1个必需的信源或事实尚未核实，不能终审');
    h.authenticity = new Harness().authenticity;
    h.signOff('zhou.chief', 'final');
  });
});

describe('machine pre-scan gate', () => {
  function toFinal(h: Harness, override = true) {
    h.file();
    h.claim();
    if (override) h.override();
    h.proofread();
    h.submit();
    h.signOff('sun.editor', 'first');
    h.signOff('qian.head', 'second');
  }

  it('a blocking finding stops 终审 until a desk head overrides it with a reason', () => {
    const h = new Harness();
    toFinal(h, false);
    const final = () =>
      h.try(
        'zhou.chief',
        h.command('sign_off', {
          channel: 'wechat',
          step: 'final',
          contentHash: h.hash(),
          comment: '',
        }),
      );
    expect(refused(final())).toBe('scan_blocking');
    // A channel editor may not wave it through; the desk head may, and it is on the record.
    const cmd = (occurrences: number, key = OVERRIDE_KEY) =>
      h.command('override_scan_finding', {
        channel: 'wechat',
        key,
        occurrences,
        contentHash: h.hash(),
        reason: '职务名称',
      });
    expect(refused(h.try('wang.editor', cmd(1)))).toBe('forbidden');
    expect(refused(h.try('qian.head', cmd(2)))).toBe('finding_count_changed');
    expect(refused(h.try('qian.head', cmd(1, 'sensitive:别的词')))).toBe('unknown_finding');
    h.run('qian.head', cmd(1));
    expect(h.state.variants.wechat!.overrides[0]).toMatchObject({
      by: 'qian.head',
      reason: '职务名称',
      occurrences: 1,
    });
    expect(final().ok).toBe(true);
  });

  it('an override covers the occurrences it saw: a new one blocks again', () => {
    const h = new Harness();
    toFinal(h);
    h.blocking = 2;
    expect(
      refused(
        h.try(
          'zhou.chief',
          h.command('sign_off', {
            channel: 'wechat',
            step: 'final',
            contentHash: h.hash(),
            comment: '',
          }),
        ),
      ),
    ).toBe('scan_blocking');
  });

  it('no scan of the current content, no 终审; a finding the rules forbid overriding cannot be overridden', () => {
    const h = new Harness();
    toFinal(h);
    const ctx = { ...h.ctx(), scans: {} };
    const cmd = h.command('sign_off', {
      channel: 'wechat',
      step: 'final',
      contentHash: h.hash(),
      comment: '',
    });
    expect(refused(decide(h.state, cmd, person('zhou.chief'), ctx))).toBe('scan_missing');
    const ctx2 = h.ctx();
    ctx2.scans!.wechat = {
      ...ctx2.scans!.wechat!,
      findings: ctx2.scans!.wechat!.findings.map((f) => ({ ...f, overridable: false })),
    };
    const override = h.command('override_scan_finding', {
      channel: 'wechat',
      key: OVERRIDE_KEY,
      occurrences: 1,
      contentHash: h.hash(),
      reason: '…',
    });
    expect(refused(decide(h.state, override, person('qian.head'), ctx2))).toBe('not_overridable');
  });
});

describe('time: embargo and scheduling', () => {
  it('respects the embargo for publishing and scheduling; the scheduler publishes when due and only the scheduled content', () => {
    const h = new Harness().approved();
    h.embargo = minutes(100);
    expect(
      refused(
        h.try('sun.editor', h.command('publish', { channel: 'wechat', contentHash: h.hash() })),
      ),
    ).toBe('embargo');
    expect(
      refused(
        h.try(
          'sun.editor',
          h.command('schedule', {
            channel: 'wechat',
            publishAt: minutes(50),
            contentHash: h.hash(),
          }),
        ),
      ),
    ).toBe('embargo');
    expect(
      refused(
        h.try(
          'sun.editor',
          h.command('schedule', {
            channel: 'wechat',
            publishAt: minutes(0),
            contentHash: h.hash(),
          }),
        ),
      ),
    ).toBe('schedule_in_past');
    h.run(
      'sun.editor',
      h.command('schedule', { channel: 'wechat', publishAt: minutes(120), contentHash: h.hash() }),
    );
    const publish = () => h.command('publish', { channel: 'wechat', contentHash: h.hash() });
    expect(refused(h.try(scheduler, publish()))).toBe('not_due');
    h.clock = 121;
    // Someone edits after scheduling: the scheduler must not publish the new, unreviewed text.
    h.edit();
    expect(refused(h.try(scheduler, publish()))).toBe('stale_content');
    h.content.wechat = 0;
    h.run(scheduler, publish());
    expect(h.state.variants.wechat!.publications[0]).toMatchObject({
      scheduled: true,
      by: { kind: 'system', name: 'scheduler' },
    });
    expect(refused(h.try(scheduler, publish()))).toBe('invalid_state');
  });
});

describe('after publication', () => {
  it('a correction keeps the published revision and records what changed', () => {
    const h = new Harness().approved();
    h.publish();
    const firstHash = h.hash();
    expect(
      refused(
        h.try(
          'qian.head',
          h.command('correct', { channel: 'wechat', contentHash: h.hash(), note: '更正' }),
        ),
      ),
    ).toBe('unchanged');
    h.edit();
    const changes = describeChanges(wechatContent(0), wechatContent(1));
    const ctx = h.ctx();
    ctx.content.wechat = { hash: h.hash(), changesSincePublished: changes };
    const d = decide(
      h.state,
      h.command('correct', {
        channel: 'wechat',
        contentHash: h.hash(),
        note: '更正：本报11月18日《稻渔综合种养铺开3.2万亩》一文第二段引语有误，现已更正。',
      }),
      person('qian.head'),
      ctx,
    );
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const s = apply(h.state, d.events[0]!);
    const pubs = s.variants.wechat!.publications;
    expect(pubs.map((p) => [p.revision, p.kind, p.contentHash])).toEqual([
      [1, 'publish', firstHash],
      [2, 'correction', h.hash()],
    ]);
    expect(pubs[1]!.changes).toEqual(changes);
    expect(pubs[1]!.changes[0]).toMatchObject({ kind: 'paragraph', op: 'changed', index: 2 });
    expect(d.events[0]).toMatchObject({ type: 'corrected', previousHash: firstHash });
  });

  it('records each delivery once: a failed channel retries, a delivered one is never delivered twice', () => {
    const h = new Harness().approved();
    h.publish();
    const delivery = (outcome: 'delivered' | 'failed') =>
      h.command('record_delivery', {
        channel: 'wechat',
        revision: 1,
        outcome,
        target: null,
        error: outcome === 'failed' ? 'access_token expired (40001)' : null,
      });
    h.run(publisher, delivery('failed'));
    h.run(publisher, delivery('delivered'));
    expect(refused(h.try(publisher, delivery('delivered')))).toBe('already_delivered');
    expect(refused(h.try(publisher, { ...delivery('delivered'), revision: 2 }))).toBe(
      'unknown_revision',
    );
    expect(refused(h.try('sun.editor', delivery('delivered')))).toBe('forbidden');
  });
});

describe('refusals change nothing', () => {
  it('a replayed command is refused as a duplicate', () => {
    const h = new Harness();
    const cmd = h.command('file', { desk: 'rural' });
    h.run('li.reporter', cmd);
    const before = structuredClone(h.state);
    const d = h.try('li.reporter', cmd);
    expect(refused(d)).toBe('duplicate_command');
    expect(h.state).toEqual(before);
  });

  it('malformed commands, another story’s commands and unknown desks are refused with a reason', () => {
    const h = new Harness();
    const bad = { ...h.command('file', { desk: 'rural' }), commandId: 'not-a-uuid' };
    const d = h.try('li.reporter', bad);
    expect(refused(d)).toBe('invalid_command');
    if (!d.ok) expect(d.reason.params.detail).toContain('commandId');
    expect(
      refused(h.try('li.reporter', { ...h.command('file', { desk: 'rural' }), storyId: newId() })),
    ).toBe('wrong_story');
    expect(refused(h.try('li.reporter', h.command('file', { desk: 'sports' })))).toBe(
      'unknown_desk',
    );
    expect(refused(h.try('li.reporter', h.command('file', { desk: 'wechat-desk' })))).toBe(
      'not_topic_desk',
    );
    expect(
      WorkflowCommandSchema.safeParse({ ...h.command('spike', { channel: null, reason: '  ' }) })
        .success,
    ).toBe(false);
  });

  it('work goes only to active editors on the desk', () => {
    const h = new Harness();
    h.file();
    h.claim();
    const assign = (assignee: string) => h.command('assign', { channel: 'wechat', assignee });
    expect(refused(h.try('qian.head', assign('old.editor')))).toBe('assignee_not_eligible'); // has left
    expect(refused(h.try('qian.head', assign('wu.print')))).toBe('assignee_not_eligible'); // another desk
    expect(refused(h.try('qian.head', assign('li.reporter')))).toBe('assignee_not_eligible'); // not an editor
    expect(refused(h.try('qian.head', assign('wang.editor')))).toBe('already_assigned');
    h.run('qian.head', assign('sun.editor'));
    expect(
      refused(
        h.try(
          'wang.editor',
          h.command('handover', { channel: 'wechat', to: 'zhao.head', note: '' }),
        ),
      ),
    ).toBe('not_assignee');
    h.run(
      'sun.editor',
      h.command('handover', { channel: 'wechat', to: 'zhao.head', note: '我休假，配图已选好' }),
    );
    expect(h.state.variants.wechat!.assignee).toBe('zhao.head');
  });

  it('reasons read in both languages with names, not codes', () => {
    const h = new Harness().approved();
    h.publish();
    const d = h.try(
      'sun.editor',
      h.command('submit_for_review', { channel: 'wechat', contentHash: h.hash() }),
    );
    expect(d.ok ? null : d.reason).toEqual({
      code: 'invalid_state',
      params: { stage: 'published', command: 'submit_for_review' },
      message: {
        'zh-CN': '稿件现在是“已发布”状态，不能“送审”',
        en: 'The story is published; it cannot submit for review now',
      },
    });
  });
});

describe('what each person may do now (allowedActions)', () => {
  it('offers each person exactly the buttons decide() would accept', () => {
    const h = new Harness();
    h.file();
    h.claim();
    h.override();
    h.proofread();
    h.submit();
    const ctx = h.ctx();
    const actions = (who: string) =>
      allowedActions(h.state, person(who), ctx)
        .map((a) => `${a.type}:${a.channel ?? '-'}`)
        .sort();
    expect(actions('li.reporter')).toEqual([]);
    // Round 1 was read and the finding overridden on this very content, so those buttons are gone.
    expect(actions('sun.editor')).toEqual(['claim:print', 'send_back:wechat', 'sign_off:wechat']);
    expect(actions('chen.chief')).toEqual([
      'assign:-',
      'assign:wechat',
      'send_back:wechat',
      'spike:-',
      'spike:wechat',
      'veto:wechat',
    ]);
    for (const who of ['wang.editor', 'zhao.head', 'it.admin'])
      for (const a of allowedActions(h.state, person(who), ctx))
        expect(decide(h.state, a.probe, person(who), ctx).ok).toBe(true);
  });
});

describe('channels with no content yet', () => {
  it('refuses to review a version whose content the server has not got', () => {
    const h = new Harness();
    h.file();
    h.claim('wu.print', 'print', 'print-desk');
    delete h.content.print;
    const d = h.try(
      'wu.print',
      h.command('submit_for_review', { channel: 'print', contentHash: 'a'.repeat(64) }),
    );
    expect(refused(d)).toBe('no_content');
    if (!d.ok) expect(d.reason.message['zh-CN']).toBe('没有拿到报纸版本的当前内容，请稍后重试');
  });
});
