// A small newsroom for workflow tests: desks, people, a story with real copy,
// and a harness that runs commands through decide/apply like the server does.
import { expect } from 'vitest';
import { newId } from '@shared/domain/ids';
import { localized } from '@shared/domain/localized';
import { paragraph } from '@shared/body/blocks';
import {
  apply,
  contentHash,
  decide,
  emptyStory,
  type Actor,
  type ChannelId,
  type DecideContext,
  type Decision,
  type Directory,
  type PersonActor,
  type PublishableContent,
  type StoryWorkflow,
  type WorkflowCommand,
  type WorkflowEvent,
} from '@shared/workflow';
import { SCAN_FORMAT, type Finding, type ScanReport } from '@shared/scan/report';
import type { AuthenticityRecord } from '@shared/authenticity/model';

export const directory: Directory = {
  desks: [
    { kind: 'topic', id: 'rural', name: localized('农业农村部', 'Rural affairs') },
    { kind: 'topic', id: 'politics', name: localized('时政部', 'Politics') },
    {
      kind: 'channel',
      id: 'wechat-desk',
      name: localized('微信编辑部', 'WeChat desk'),
      channel: 'wechat',
    },
    {
      kind: 'channel',
      id: 'print-desk',
      name: localized('要闻版编辑部', 'Front pages'),
      channel: 'print',
    },
    {
      kind: 'channel',
      id: 'weibo-desk',
      name: localized('微博编辑部', 'Weibo desk'),
      channel: 'weibo',
    },
  ],
  people: [
    { userId: 'li.reporter', name: '李明', roles: ['reporter'], desks: ['rural'], active: true },
    {
      userId: 'wang.editor',
      name: '王芳',
      roles: ['channel_editor'],
      desks: ['wechat-desk'],
      active: true,
    },
    {
      userId: 'zhao.head',
      name: '赵刚',
      roles: ['desk_head'],
      desks: ['wechat-desk', 'rural'],
      active: true,
    },
    { userId: 'chen.chief', name: '陈总', roles: ['editor_in_chief'], desks: [], active: true },
    { userId: 'it.admin', name: '系统管理员', roles: ['admin'], desks: [], active: true },
    {
      userId: 'sun.editor',
      name: '孙丽',
      roles: ['channel_editor'],
      desks: ['wechat-desk', 'rural', 'print-desk'],
      active: true,
    },
    {
      userId: 'qian.head',
      name: '钱伟',
      roles: ['desk_head'],
      desks: ['wechat-desk', 'rural', 'print-desk'],
      active: true,
    },
    { userId: 'zhou.chief', name: '周总', roles: ['editor_in_chief'], desks: [], active: true },
    {
      userId: 'wu.print',
      name: '吴静',
      roles: ['channel_editor'],
      desks: ['print-desk'],
      active: true,
    },
    {
      userId: 'old.editor',
      name: '郑退',
      roles: ['channel_editor'],
      desks: ['wechat-desk'],
      active: false,
    },
    {
      userId: 'xu.politics',
      name: '徐政',
      roles: ['desk_head'],
      desks: ['politics'],
      active: true,
    },
  ],
};

export function person(userId: string): PersonActor {
  const p = directory.people.find((x) => x.userId === userId);
  if (!p) throw new Error(`no ${userId}`);
  return { kind: 'person', userId, roles: p.roles, desks: p.desks };
}

export const scheduler: Actor = { kind: 'system', name: 'scheduler' };
export const publisher: Actor = { kind: 'system', name: 'publisher' };

const BASE = Date.parse('2026-11-18T01:00:00.000Z'); // 09:00 in Beijing
export const minutes = (m: number) => new Date(BASE + m * 60_000).toISOString();

export const STORY_ID = '0196f3a2-7c41-7d2e-9a10-3b5c2d1e4f60';

const PARAGRAPHS = [
  '本报讯（记者 李明）11月17日，记者从县农业农村局获悉，今年全县推广稻渔综合种养面积达3.2万亩，较去年增长18%，带动1,260户农户户均增收4,800元。',
  '“一水两用、一田双收，稻子不打农药，小龙虾也卖上了好价钱。”青山村党支部第一书记张建国说。',
  '据介绍，县里今年整合涉农资金2,300万元，对新建标准化稻渔田给予每亩300元补贴，并组织农技人员开展“田间课堂”46场。',
];

/** The WeChat version of the story; `edit` changes the second paragraph, as an editor would. */
export function wechatContent(edit = 0, channel: ChannelId = 'wechat'): PublishableContent {
  const body = PARAGRAPHS.map((p, i) =>
    paragraph(i === 1 && edit > 0 ? p.replace('说。', `说（第${edit}次修改）。`) : p),
  );
  return {
    storyId: STORY_ID,
    channel,
    fields: {
      headline: '稻渔综合种养铺开3.2万亩 千余农户户均增收4800元',
      digest: '一水两用、一田双收',
      author: '李明',
    },
    body,
    images: [
      {
        assetId: 'b1946ac92492d2347c6235b4d2611184b1946ac92492d2347c6235b4d2611184',
        caption: '11月16日，青山村农户在稻田里收获小龙虾。',
        credit: '李明 摄',
        crop: { x: 0.1, y: 0.05, width: 0.8, height: 0.6 },
      },
    ],
  };
}

export const OVERRIDE_KEY = 'sensitive:第一书记';

const scans = new Map<string, ScanReport>();

/** A scan with `blocking` occurrences of one blocking finding (a term a newsroom list might hold). */
export function scanFor(hash: string, blocking = 1, overridable = true): ScanReport {
  const key = `${hash}:${blocking}:${overridable}`;
  let report = scans.get(key);
  if (!report) scans.set(key, (report = makeScan(hash, blocking, overridable)));
  return report;
}

function makeScan(hash: string, blocking: number, overridable: boolean): ScanReport {
  const findings: Finding[] = Array.from({ length: blocking }, (_, i) => ({
    id: `f${i}`,
    key: OVERRIDE_KEY,
    rule: 'sensitive',
    category: 'politics',
    severity: 'block',
    overridable,
    range: { segment: 'block:1', start: 17 + i, end: 21 + i },
    text: '第一书记',
    code: 'sensitive_term',
    params: { term: '第一书记' },
    message: localized('敏感词“第一书记”', 'Sensitive term “第一书记”'),
  }));
  return {
    format: SCAN_FORMAT,
    contentHash: hash,
    rulesHash: '0'.repeat(64),
    findings,
    counts: { block: blocking, warning: 0, hint: 0 },
  };
}

export function verifiedSources(): AuthenticityRecord {
  return {
    storyId: STORY_ID,
    sources: [
      {
        id: 's1',
        kind: 'person',
        name: '张建国',
        affiliation: '青山村',
        title: '党支部第一书记',
        contact: '138****2211',
        required: true,
        note: '',
        verification: { by: 'li.reporter', at: minutes(0), method: 'in_person', note: '现场采访' },
        addedBy: 'li.reporter',
        addedAt: minutes(0),
      },
    ],
    claims: [
      {
        id: 'c1',
        text: '全县推广稻渔综合种养面积达3.2万亩',
        anchor: null,
        sourceIds: ['s1'],
        required: true,
        verification: {
          by: 'sun.editor',
          at: minutes(0),
          method: 'official_release',
          note: '县农业农村局通报',
        },
      },
    ],
    images: [],
  };
}

const hashes = new Map<string, string>();
function hashOf(channel: ChannelId, edit: number): string {
  const key = `${channel}:${edit}`;
  let h = hashes.get(key);
  if (!h) hashes.set(key, (h = contentHash(wechatContent(edit, channel))));
  return h;
}

/** Runs commands the way the server does: decide, then apply the events. */
export class Harness {
  state: StoryWorkflow = emptyStory(STORY_ID);
  events: WorkflowEvent[] = [];
  clock = 0;
  content: Partial<Record<ChannelId, number>> = { wechat: 0, print: 0, weibo: 0 };
  blocking = 1;
  authenticity: AuthenticityRecord = verifiedSources();
  embargo: string | null = null;

  hash(channel: ChannelId = 'wechat'): string {
    return hashOf(channel, this.content[channel] ?? 0);
  }

  ctx(): DecideContext {
    const content: DecideContext['content'] = {};
    const scans: NonNullable<DecideContext['scans']> = {};
    for (const ch of Object.keys(this.content) as ChannelId[]) {
      const hash = this.hash(ch);
      content[ch] = { hash };
      scans[ch] = scanFor(hash, this.blocking);
    }
    return {
      now: minutes(this.clock),
      directory,
      content,
      scans,
      authenticity: this.authenticity,
      embargo: this.embargo,
    };
  }

  edit(channel: ChannelId = 'wechat'): void {
    this.content[channel] = (this.content[channel] ?? 0) + 1;
  }

  command<T extends WorkflowCommand['type']>(
    type: T,
    fields: Omit<Extract<WorkflowCommand, { type: T }>, 'type' | 'commandId' | 'storyId'>,
  ): Extract<WorkflowCommand, { type: T }> {
    return { type, commandId: newId(), storyId: STORY_ID, ...fields } as unknown as Extract<
      WorkflowCommand,
      { type: T }
    >;
  }

  try(actor: Actor | string, cmd: WorkflowCommand): Decision {
    this.clock += 1;
    return decide(this.state, cmd, typeof actor === 'string' ? person(actor) : actor, this.ctx());
  }

  /** Runs a command that must succeed. */
  run(actor: Actor | string, cmd: WorkflowCommand): WorkflowEvent[] {
    const d = this.try(actor, cmd);
    if (!d.ok) expect.fail(`${cmd.type} refused: ${d.reason.code} ${d.reason.message.en}`);
    for (const e of d.events) this.state = apply(this.state, e);
    this.events.push(...d.events);
    return d.events;
  }

  // The common path, step by step.
  file(by = 'li.reporter') {
    return this.run(by, this.command('file', { desk: 'rural' }));
  }
  claim(by = 'wang.editor', channel: ChannelId = 'wechat', desk = 'wechat-desk') {
    return this.run(by, this.command('claim', { channel, desk }));
  }
  override(by = 'qian.head', channel: ChannelId = 'wechat') {
    return this.run(
      by,
      this.command('override_scan_finding', {
        channel,
        key: OVERRIDE_KEY,
        occurrences: this.blocking,
        contentHash: this.hash(channel),
        reason: '“第一书记”是驻村干部的正式职务，不属违规用语',
      }),
    );
  }
  proofread(by = 'sun.editor', round = 1, channel: ChannelId = 'wechat') {
    return this.run(
      by,
      this.command('proofread', {
        channel,
        round,
        contentHash: this.hash(channel),
        note: '',
        corrections: 2,
      }),
    );
  }
  submit(by = 'wang.editor', channel: ChannelId = 'wechat') {
    return this.run(
      by,
      this.command('submit_for_review', { channel, contentHash: this.hash(channel) }),
    );
  }
  signOff(by: string, step: string, channel: ChannelId = 'wechat') {
    return this.run(
      by,
      this.command('sign_off', { channel, step, contentHash: this.hash(channel), comment: '同意' }),
    );
  }
  publish(by = 'sun.editor', channel: ChannelId = 'wechat') {
    return this.run(by, this.command('publish', { channel, contentHash: this.hash(channel) }));
  }
  /** Filed, claimed, overridden, proofread, submitted and signed off by three people. */
  approved(): this {
    this.file();
    this.claim();
    this.override();
    this.proofread();
    this.submit();
    this.signOff('sun.editor', 'first');
    this.signOff('qian.head', 'second');
    this.signOff('zhou.chief', 'final');
    return this;
  }
}

export function refused(d: Decision): string {
  return d.ok ? 'ok' : d.reason.code;
}
