// Every role × state × command, against a spec a desk editor can read. Each
// row says who may give the command in that state; everyone else is refused
// with the code shown (default: "forbidden" for a state the command fits,
// "invalid_state" for a state it does not).
import { describe, expect, it } from 'vitest';
import {
  apply,
  checkInvariants,
  decide,
  proofreadingStatus,
  reviewProgress,
  type Actor,
  type WorkflowCommand,
} from '@shared/workflow';
import { Harness, OVERRIDE_KEY, minutes, person, publisher, scheduler } from './fixtures';

const ROLES = {
  R: person('li.reporter'), // reporter, rural desk, the story's author
  CE: person('wang.editor'), // channel editor on the WeChat desk, the version's assignee
  DH: person('zhao.head'), // head of the WeChat and rural desks, the story's responsible editor
  EIC: person('chen.chief'), // editor-in-chief
  AD: person('it.admin'), // IT administrator
  SCH: scheduler,
  PUB: publisher,
} satisfies Record<string, Actor>;
type RoleKey = keyof typeof ROLES;
const ALL = Object.keys(ROLES) as RoleKey[];

// ---- The states, built through the same commands the newsroom gives ----

const STATES = {
  draft: () => new Harness(),
  returned: () => {
    const h = new Harness();
    h.file();
    h.run(
      'qian.head',
      h.command('send_back', { channel: null, reason: '缺少县农业农村局的数据出处', anchors: [] }),
    );
    return h;
  },
  filed: () => {
    const h = new Harness();
    h.file();
    h.run('qian.head', h.command('assign', { channel: null, assignee: 'zhao.head' }));
    return h;
  },
  editing: () => {
    const h = STATES.filed();
    h.claim();
    return h;
  },
  review_first: () => {
    const h = STATES.editing();
    h.override();
    h.proofread();
    h.submit();
    return h;
  },
  review_second: () => {
    const h = STATES.review_first();
    h.signOff('sun.editor', 'first');
    return h;
  },
  review_final: () => {
    const h = STATES.review_second();
    h.signOff('qian.head', 'second');
    return h;
  },
  approved: () => {
    const h = STATES.review_final();
    h.signOff('zhou.chief', 'final');
    return h;
  },
  /** Approved, then an editor changed a sentence: every sign-off is stale. */
  stale: () => {
    const h = STATES.approved();
    h.edit();
    return h;
  },
  sent_back: () => {
    const h = STATES.review_second();
    h.run(
      'qian.head',
      h.command('send_back', { channel: 'wechat', reason: '第二段引语需核实原话', anchors: [] }),
    );
    return h;
  },
  scheduled: () => {
    const h = STATES.approved();
    h.run(
      'sun.editor',
      h.command('schedule', { channel: 'wechat', publishAt: minutes(60), contentHash: h.hash() }),
    );
    return h;
  },
  /** Published, then edited for a correction. */
  published: () => {
    const h = STATES.approved();
    h.publish();
    h.edit();
    return h;
  },
  vetoed: () => {
    const h = STATES.review_final();
    h.run(
      'zhou.chief',
      h.command('veto', {
        channel: 'wechat',
        contentHash: h.hash(),
        reason: '选题与上级通报口径不符',
      }),
    );
    return h;
  },
  variant_spiked: () => {
    const h = STATES.editing();
    h.run('qian.head', h.command('spike', { channel: 'wechat', reason: '微信端本周已有同题稿件' }));
    return h;
  },
  story_spiked: () => {
    const h = STATES.editing();
    h.run('qian.head', h.command('spike', { channel: null, reason: '数据口径有误，整稿撤下' }));
    return h;
  },
};
type StateName = keyof typeof STATES;

// ---- The commands, each with the payload a person in that state would send ----

const COMMANDS = {
  file: (h) => h.command('file', { desk: 'rural' }),
  send_back_story: (h) =>
    h.command('send_back', { channel: null, reason: '导语缺少信源，请补充采访', anchors: [] }),
  assign_story: (h) => h.command('assign', { channel: null, assignee: 'sun.editor' }),
  handover_story: (h) =>
    h.command('handover', { channel: null, to: 'sun.editor', note: '我下午出差' }),
  spike_story: (h) => h.command('spike', { channel: null, reason: '与昨日稿件重复' }),
  claim: (h) => h.command('claim', { channel: 'wechat', desk: 'wechat-desk' }),
  assign: (h) => h.command('assign', { channel: 'wechat', assignee: 'sun.editor' }),
  handover: (h) =>
    h.command('handover', { channel: 'wechat', to: 'sun.editor', note: '交接：配图待换' }),
  submit_for_review: (h) =>
    h.command('submit_for_review', { channel: 'wechat', contentHash: h.hash() }),
  sign_off: (h) => {
    const v = h.state.variants.wechat;
    const step = (v && reviewProgress(v, h.hash()).next?.id) ?? 'first';
    return h.command('sign_off', {
      channel: 'wechat',
      step,
      contentHash: h.hash(),
      comment: '同意',
    });
  },
  send_back: (h) =>
    h.command('send_back', {
      channel: 'wechat',
      reason: '标题与正文数据不一致',
      anchors: [{ segment: 'field:headline', quote: '3.2万亩' }],
    }),
  veto: (h) => h.command('veto', { channel: 'wechat', contentHash: h.hash(), reason: '不宜刊发' }),
  proofread: (h) => {
    const v = h.state.variants.wechat;
    const round = v ? proofreadingStatus(v, h.hash()).nextRound : 1;
    return h.command('proofread', {
      channel: 'wechat',
      round,
      contentHash: h.hash(),
      note: '',
      corrections: 1,
    });
  },
  override_scan_finding: (h) =>
    h.command('override_scan_finding', {
      channel: 'wechat',
      key: OVERRIDE_KEY,
      occurrences: 1,
      contentHash: h.hash(),
      reason: '职务名称，非违规用语',
    }),
  schedule: (h) =>
    h.command('schedule', {
      channel: 'wechat',
      publishAt: minutes(h.clock + 120),
      contentHash: h.hash(),
    }),
  unschedule: (h) => h.command('unschedule', { channel: 'wechat', reason: '等待官方通报' }),
  publish: (h) => h.command('publish', { channel: 'wechat', contentHash: h.hash() }),
  record_delivery: (h) =>
    h.command('record_delivery', {
      channel: 'wechat',
      revision: 1,
      outcome: 'delivered',
      target: { url: 'https://mp.weixin.qq.com/s/abc123', externalId: '2247483921_1' },
      error: null,
    }),
  correct: (h) =>
    h.command('correct', {
      channel: 'wechat',
      contentHash: h.hash(),
      note: '更正：第二段引语措辞有误，现已更正。',
    }),
  spike: (h) => h.command('spike', { channel: 'wechat', reason: '涉事企业已被通报，暂缓发布' }),
} satisfies Record<string, (h: Harness) => WorkflowCommand>;
type CommandName = keyof typeof COMMANDS;

// ---- The spec ----
// A cell is either the roles allowed (everyone else: forbidden), or an object
// mapping "ok" and refusal codes to roles ('*' = everyone). A state left out
// of a row refuses everyone with invalid_state.

type Cell = string | Record<string, string>;
const VERSION_OPEN = [
  'editing',
  'review_first',
  'review_second',
  'review_final',
  'approved',
  'stale',
  'sent_back',
  'scheduled',
  'published',
] as const;
const IN_REVIEW = ['review_first', 'review_second', 'review_final', 'approved', 'stale'] as const;
const CLAIMED = [...VERSION_OPEN, 'vetoed', 'variant_spiked'] as const;
const STORY_FILED = ['filed', ...CLAIMED] as const;
const each = (states: readonly StateName[], cell: Cell) =>
  Object.fromEntries(states.map((s) => [s, cell])) as Partial<Record<StateName, Cell>>;

const SPEC: Record<CommandName, Partial<Record<StateName, Cell>>> = {
  // Anyone on the editorial staff files their own draft; a returned story only its author refiles.
  file: {
    draft: 'R CE DH EIC',
    returned: { ok: 'R', not_owner: 'CE DH EIC' },
  },
  // 退稿 to the reporter: the topic desk's head or the chief, before any desk claimed a version.
  send_back_story: { filed: 'DH EIC', ...each(CLAIMED, { variants_claimed: '*' }) },
  assign_story: each(STORY_FILED, 'DH EIC AD'),
  handover_story: each(STORY_FILED, { ok: 'DH', not_assignee: 'R CE EIC AD' }),
  spike_story: each(STORY_FILED, 'DH EIC'),
  // 一稿多签: editors of the WeChat desk claim the WeChat version, once.
  claim: { filed: 'CE DH', ...each(CLAIMED, { already_claimed: '*' }) },
  assign: each(VERSION_OPEN, 'DH EIC AD'),
  handover: each(VERSION_OPEN, { ok: 'CE', not_assignee: 'R DH EIC AD' }),
  submit_for_review: each(['editing', 'sent_back'], 'CE DH'),
  // 初审 by a desk editor, 复审 by the desk head, 终审 by the chief; an edit starts again at 初审.
  sign_off: {
    review_first: 'CE DH',
    review_second: 'DH',
    review_final: 'EIC',
    approved: { no_pending_step: '*' },
    stale: 'CE DH',
  },
  send_back: each([...IN_REVIEW, 'scheduled'], 'CE DH EIC'),
  veto: each([...IN_REVIEW, 'scheduled'], 'EIC'),
  // Round 1 was read on this content in every state after editing, except once the text changed (stale).
  proofread: {
    ...each(['sent_back', 'review_first', 'review_second', 'review_final', 'approved'], {
      already_proofread: 'CE DH EIC',
    }),
    editing: 'CE DH EIC',
    stale: 'CE DH EIC',
  },
  // The blocking finding is overridden before 送审 in these fixtures.
  override_scan_finding: {
    ...each(['sent_back', ...IN_REVIEW, 'published'], { already_overridden: 'DH EIC' }),
    editing: 'DH EIC',
  },
  schedule: {
    ...each(['review_first', 'review_second', 'review_final', 'stale'], {
      review_incomplete: 'CE DH EIC',
    }),
    approved: 'CE DH EIC',
  },
  unschedule: { scheduled: 'CE DH EIC' },
  publish: {
    ...each(['review_first', 'review_second', 'review_final', 'stale'], {
      review_incomplete: 'CE DH EIC',
    }),
    approved: 'CE DH EIC',
    scheduled: 'CE DH EIC SCH',
  },
  record_delivery: { published: 'PUB' },
  correct: { published: 'DH EIC' },
  spike: each(VERSION_OPEN, 'DH EIC'),
};

function expected(cell: Cell | undefined, role: RoleKey): string {
  if (cell === undefined) return 'invalid_state';
  if (typeof cell === 'string') return cell.split(' ').includes(role) ? 'ok' : 'forbidden';
  for (const [code, roles] of Object.entries(cell))
    if (roles === '*' || roles.split(' ').includes(role)) return code;
  return 'forbidden';
}

// Build each state once; decide() is pure, so every cell can reuse it.
const built = Object.fromEntries(
  Object.entries(STATES).map(([name, make]) => {
    const h = make();
    h.clock = 90; // after the scheduled time (minute 60): the scheduler's publish is due
    return [name, h];
  }),
) as Record<StateName, Harness>;

describe('state machine: every role × state × command', () => {
  it('each fixture state is what its name says and satisfies the invariants', () => {
    const stage = (n: StateName) => built[n].state.variants.wechat?.stage ?? built[n].state.stage;
    expect(stage('draft')).toBe('draft');
    expect(built.returned.state.returned?.reason).toBe('缺少县农业农村局的数据出处');
    expect(stage('filed')).toBe('filed');
    expect(stage('editing')).toBe('editing');
    expect(stage('sent_back')).toBe('sent_back');
    expect(stage('scheduled')).toBe('scheduled');
    expect(stage('published')).toBe('published');
    expect(stage('vetoed')).toBe('vetoed');
    expect(stage('variant_spiked')).toBe('spiked');
    expect(stage('story_spiked')).toBe('spiked');
    expect(built.story_spiked.state.stage).toBe('spiked');
    const next = (n: StateName) =>
      reviewProgress(built[n].state.variants.wechat!, built[n].hash()).next?.id ?? null;
    expect([
      next('review_first'),
      next('review_second'),
      next('review_final'),
      next('approved'),
      next('stale'),
    ]).toEqual(['first', 'second', 'final', null, 'first']);
    for (const h of Object.values(built)) expect(checkInvariants(h.state)).toEqual([]);
  });

  const rows: [CommandName, StateName, RoleKey, string][] = [];
  for (const command of Object.keys(COMMANDS) as CommandName[])
    for (const state of Object.keys(STATES) as StateName[])
      for (const role of ALL)
        rows.push([command, state, role, expected(SPEC[command][state], role)]);

  it(`covers ${Object.keys(COMMANDS).length} commands × ${Object.keys(STATES).length} states × ${ALL.length} roles`, () => {
    expect(rows.length).toBe(
      Object.keys(COMMANDS).length * Object.keys(STATES).length * ALL.length,
    );
    // Every command is allowed somewhere and refused somewhere: the table can fail both ways.
    for (const command of Object.keys(COMMANDS)) {
      const outcomes = rows.filter((r) => r[0] === command).map((r) => r[3]);
      expect(outcomes, command).toContain('ok');
      expect(
        outcomes.some((o) => o !== 'ok'),
        command,
      ).toBe(true);
    }
  });

  it.each(rows)('%s in %s by %s → %s', (command, state, role, want) => {
    const h = built[state];
    const cmd = COMMANDS[command](h);
    const ctx = { ...h.ctx(), now: minutes(h.clock) };
    const d = decide(h.state, cmd, ROLES[role], ctx);
    expect(d.ok ? 'ok' : d.reason.code).toBe(want);
    if (d.ok) {
      // An allowed command's events apply cleanly and keep every invariant.
      let s = h.state;
      for (const e of d.events) s = apply(s, e);
      expect(checkInvariants(s)).toEqual([]);
      expect(s.version).toBe(h.state.version + d.events.length);
    } else {
      expect(d.reason.message['zh-CN'].length).toBeGreaterThan(0);
      expect(d.reason.message.en.length).toBeGreaterThan(0);
    }
  });
});
