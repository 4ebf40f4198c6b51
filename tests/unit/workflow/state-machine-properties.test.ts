// Property tests: random walks of commands from random people, with edits,
// clock jumps, sources verified and unverified and scans changing in between.
// Whatever happens, the state stays valid, the log rebuilds it, and nothing
// is ever published (or scheduled, or corrected) on content that the whole
// chain did not approve as it is at that moment.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { newId } from '@shared/domain/ids';
import { finalApprovalBlockers } from '@shared/authenticity/checks';
import { unresolvedBlocking } from '@shared/scan/report';
import {
  COMMAND_TYPES,
  REASON_CODES,
  allowedActions,
  apply,
  checkInvariants,
  decide,
  proofreadingStatus,
  rebuild,
  reviewProgress,
  type Actor,
  type ChannelId,
  type WorkflowCommand,
  type WorkflowEvent,
} from '@shared/workflow';
import {
  Harness,
  OVERRIDE_KEY,
  STORY_ID,
  directory,
  minutes,
  person,
  publisher,
  scheduler,
} from './fixtures';

const ACTORS: Actor[] = [...directory.people.map((p) => person(p.userId)), scheduler, publisher];
const CHANNELS: ChannelId[] = ['wechat', 'print'];
const DESKS = ['rural', 'politics', 'wechat-desk', 'print-desk', 'weibo-desk'];
const USERS = directory.people.map((p) => p.userId);

/** A command built from raw choices: often nonsense, sometimes right. */
function randomCommand(h: Harness, next: () => number): WorkflowCommand {
  const pick = <T>(xs: readonly T[]): T => xs[next() % xs.length]!;
  let type = pick(COMMAND_TYPES);
  if (type === 'spike' || type === 'veto') type = pick(COMMAND_TYPES);
  const channel = pick(CHANNELS);
  const hash = pick([h.hash(channel), h.hash(channel), 'f'.repeat(64)]);
  const base = { commandId: newId(), storyId: STORY_ID };
  const reason = '测试理由';
  switch (type) {
    case 'file':
      return { ...base, type, desk: pick(DESKS) };
    case 'claim':
      return { ...base, type, channel, desk: pick(DESKS) };
    case 'assign':
      return { ...base, type, channel: pick([channel, null]), assignee: pick(USERS) };
    case 'handover':
      return { ...base, type, channel: pick([channel, null]), to: pick(USERS), note: '' };
    case 'submit_for_review':
    case 'publish':
      return { ...base, type, channel, contentHash: hash };
    case 'sign_off':
      return {
        ...base,
        type,
        channel,
        step: pick(['first', 'second', 'final']),
        contentHash: hash,
        comment: '',
      };
    case 'send_back':
      return { ...base, type, channel: pick([channel, null]), reason, anchors: [] };
    case 'veto':
      return { ...base, type, channel, contentHash: hash, reason };
    case 'proofread':
      return {
        ...base,
        type,
        channel,
        round: 1 + (next() % 4),
        contentHash: hash,
        note: '',
        corrections: 0,
      };
    case 'override_scan_finding':
      return {
        ...base,
        type,
        channel,
        key: pick([OVERRIDE_KEY, 'typo:按装']),
        occurrences: 1 + (next() % 2),
        contentHash: hash,
        reason,
      };
    case 'schedule':
      return {
        ...base,
        type,
        channel,
        publishAt: minutes(h.clock + pick([-5, 10, 45, 200])),
        contentHash: hash,
      };
    case 'unschedule':
      return { ...base, type, channel, reason: '' };
    case 'record_delivery':
      return {
        ...base,
        type,
        channel,
        revision: 1 + (next() % 2),
        outcome: pick(['delivered', 'failed'] as const),
        target: null,
        error: null,
      };
    case 'correct':
      return { ...base, type, channel, contentHash: hash, note: '更正' };
    case 'spike':
      return { ...base, type, channel: pick([channel, null]), reason };
  }
}

// Steps forward weigh more than steps back. Spike and veto end a walk's
// interesting part: they come only from the rare terminal step below and from
// the random commands.
const WEIGHT: Record<WorkflowCommand['type'], number> = {
  file: 16,
  claim: 16,
  assign: 4,
  handover: 4,
  submit_for_review: 24,
  sign_off: 32,
  send_back: 4,
  veto: 0,
  proofread: 24,
  override_scan_finding: 12,
  schedule: 12,
  unschedule: 4,
  publish: 32,
  record_delivery: 12,
  correct: 16,
  spike: 0,
};

interface WalkStats {
  applied: number;
  refused: number;
  published: number;
  corrected: number;
}

/** Everything an event that puts content before readers must have had, checked against the state before it. */
function assertSafeRelease(h: Harness, e: WorkflowEvent): void {
  if (e.type !== 'published' && e.type !== 'scheduled' && e.type !== 'corrected') return;
  const ctx = h.ctx();
  const current = ctx.content[e.channel]!.hash;
  expect(e.contentHash, 'released content is the current content').toBe(current);
  const v = h.state.variants[e.channel]!;
  const scan = ctx.scans![e.channel]!;
  expect(unresolvedBlocking(scan, v.overrides), 'no blocking scan finding stands').toEqual([]);
  expect(finalApprovalBlockers(ctx.authenticity!), 'sources verified').toEqual([]);
  if (e.type === 'corrected') return;
  expect(reviewProgress(v, current).approved, 'every step signed this exact content').toBe(true);
  expect(proofreadingStatus(v, current).complete, 'proofreading done on this content').toBe(true);
  if (ctx.embargo)
    expect(Date.parse(ctx.now) >= Date.parse(ctx.embargo) || e.type === 'scheduled').toBe(true);
}

function walk(choices: number[], stats: WalkStats): void {
  const h = new Harness();
  let i = 0;
  const next = () => (choices[i++ % choices.length]! ^ Math.imul(i, 2654435761)) >>> 0;
  const verified = h.authenticity;
  for (let step = 0; step < choices.length; step++) {
    const c = choices[step]! % 50;
    if (c === 0) {
      h.edit(CHANNELS[next() % 2]!);
      continue;
    }
    if (c === 1) {
      h.clock += 30 + (next() % 120);
      continue;
    }
    if (c === 2) {
      h.authenticity =
        h.authenticity === verified
          ? { ...verified, claims: verified.claims.map((x) => ({ ...x, verification: null })) }
          : verified;
      continue;
    }
    if (c === 3) {
      h.blocking = next() % 3;
      continue;
    }
    if (c === 4) {
      h.embargo = h.embargo ? null : minutes(h.clock + 60);
      continue;
    }
    let actor = ACTORS[next() % ACTORS.length]!;
    let cmd: WorkflowCommand;
    if (c < 40) {
      // Guided: something someone may actually do now, so walks get deep.
      // Steps forward weigh more than steps back (send back, veto, spike),
      // or the chain would rarely complete.
      // Three people at random (asking all thirteen every step makes the test slow, not better).
      const who = [0, 1, 2].map(() => ACTORS[next() % ACTORS.length]!);
      const ctx = h.ctx();
      const options = [...new Set(who)].flatMap((a) =>
        allowedActions(h.state, a, ctx).map((o) => ({ a, o })),
      );
      if (options.length === 0) continue;
      const terminal = next() % 200 === 0;
      const weighted = options.flatMap((x) =>
        Array<typeof x>(terminal ? +(WEIGHT[x.o.type] === 0) : WEIGHT[x.o.type]).fill(x),
      );
      if (weighted.length === 0) continue;
      const chosen = weighted[next() % weighted.length]!;
      actor = chosen.a;
      cmd = { ...chosen.o.probe, commandId: newId() } as WorkflowCommand;
    } else {
      cmd = randomCommand(h, next);
    }
    const before = h.state;
    const d = decide(h.state, cmd, actor, h.ctx());
    h.clock += 1;
    if (!d.ok) {
      stats.refused++;
      expect(REASON_CODES).toContain(d.reason.code);
      expect(d.reason.message['zh-CN'] && d.reason.message.en).toBeTruthy();
      expect(h.state).toBe(before);
      continue;
    }
    for (const e of d.events) {
      assertSafeRelease(h, e);
      h.state = apply(h.state, e);
      h.events.push(e);
      if (e.type === 'published') stats.published++;
      if (e.type === 'corrected') stats.corrected++;
    }
    stats.applied++;
    expect(checkInvariants(h.state)).toEqual([]);
    // Sent again, the same command is a replay.
    expect(decide(h.state, cmd, actor, h.ctx()).ok).toBe(false);
  }
  expect(rebuild(STORY_ID, h.events)).toEqual(h.state);
}

describe('state machine properties', () => {
  it('random walks never reach an invalid state and never release unapproved or stale content', () => {
    const stats: WalkStats = { applied: 0, refused: 0, published: 0, corrected: 0 };
    fc.assert(
      fc.property(
        fc.array(fc.noBias(fc.nat({ max: 0xffff })), {
          minLength: 150,
          maxLength: 250,
          size: 'max',
        }),
        (choices) => {
          walk(choices, stats);
        },
      ),
      { numRuns: 20, seed: 20261118 },
    );
    // The walks must actually get somewhere, or the property proves little.
    expect(stats.published).toBeGreaterThan(10);
    expect(stats.refused).toBeGreaterThan(100);
    console.log('random walks:', stats);
  }, 120_000);

  it('decide never throws on junk and refuses it as a malformed command', () => {
    const h = new Harness();
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        const d = decide(h.state, junk as WorkflowCommand, person('chen.chief'), h.ctx());
        expect(d.ok).toBe(false);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
