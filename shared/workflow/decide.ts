// The rules of the editorial workflow: given a story's state, a command, who
// asks and what the server knows now (content hashes, scan, sources), either
// the events to append or the reason for refusing. The server enforces these;
// the desktop app runs the same function to apply commands optimistically and
// to grey out what the user may not do.
import { finalApprovalBlockers } from '../authenticity/checks';
import type { AuthenticityRecord } from '../authenticity/model';
import type { Localized } from '../domain/localized';
import { blockingKeys, type ScanReport } from '../scan/report';
import {
  WorkflowCommandSchema,
  COMMAND_NAMES,
  type CommandOf,
  type WorkflowCommand,
} from './commands';
import type { ContentChange, ContentHash } from './content-hash';
import { findDesk, findPerson, reviewPlanOf, type ChannelId, type Directory } from './desks';
import type { EventOf, EventType, WorkflowEvent } from './events';
import { CHANNEL_NAMES, STAGE_NAMES } from './names';
import { proofreadingStatus, reviewProgress, scanStatus, stepSignedBy } from './progress';
import { reason, type Reason } from './reasons';
import type { ReviewStep } from './review-plan';
import {
  EDITORIAL_RANK,
  actorRef,
  hasRole,
  inDesk,
  isHeadOf,
  rankOf,
  type Actor,
  type DeskId,
  type PersonActor,
} from './roles';
import type { StoryWorkflow, VariantStage, VariantWorkflow } from './state';

/** What the content of one channel version is right now, as the server computed it. */
export interface CurrentContent {
  hash: ContentHash;
  /** What changed since the last published revision (describeChanges), for corrections. */
  changesSincePublished?: ContentChange[];
}

export interface DecideContext {
  /** ISO 8601 instant the server takes as now; it becomes the event's time. */
  now: string;
  directory: Directory;
  /** Current content hash per channel version (from the server's own copy of the documents). */
  content: Partial<Record<ChannelId, CurrentContent>>;
  /** Machine pre-scan of each version's current content. */
  scans?: Partial<Record<ChannelId, ScanReport>>;
  authenticity?: AuthenticityRecord;
  /** The story's embargo (StoryFields.embargo). */
  embargo: string | null;
}

export type Decision = { ok: true; events: WorkflowEvent[] } | { ok: false; reason: Reason };

type Deny = { ok: false; reason: Reason };
const deny = (...args: Parameters<typeof reason>): Deny => ({ ok: false, reason: reason(...args) });

/** Stages of a channel version in which each version command may be given. */
export const VARIANT_COMMAND_STAGES = {
  assign: ['editing', 'sent_back', 'in_review', 'scheduled', 'published'],
  handover: ['editing', 'sent_back', 'in_review', 'scheduled', 'published'],
  submit_for_review: ['editing', 'sent_back'],
  sign_off: ['in_review'],
  send_back: ['in_review', 'scheduled'],
  veto: ['in_review', 'scheduled'],
  proofread: ['editing', 'sent_back', 'in_review'],
  override_scan_finding: ['editing', 'sent_back', 'in_review', 'published'],
  schedule: ['in_review'],
  unschedule: ['scheduled'],
  publish: ['in_review', 'scheduled'],
  record_delivery: ['published'],
  correct: ['published'],
  spike: ['editing', 'sent_back', 'in_review', 'scheduled', 'published'],
} as const satisfies Partial<Record<WorkflowCommand['type'], readonly VariantStage[]>>;

export function variantStage(s: StoryWorkflow, channel: ChannelId): VariantStage | 'unclaimed' {
  return s.variants[channel]?.stage ?? 'unclaimed';
}

export function decide(
  state: StoryWorkflow,
  commandInput: WorkflowCommand,
  actor: Actor,
  ctx: DecideContext,
): Decision {
  const parsed = WorkflowCommandSchema.safeParse(commandInput);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return deny('invalid_command', {
      detail: issue ? `${issue.path.join('.') || '(command)'}: ${issue.message}` : 'invalid',
    });
  }
  const cmd = parsed.data;
  if (cmd.storyId !== state.storyId) return deny('wrong_story', { storyId: cmd.storyId });
  if (state.commandIds.includes(cmd.commandId))
    return deny('duplicate_command', { commandId: cmd.commandId });
  if (actor.kind === 'person') {
    // Accounts that left or were never set up act on nothing, whatever a stale session claims.
    const p = findPerson(ctx.directory, actor.userId);
    if (!p || !p.active) return deny('inactive_user', { user: actor.userId });
  }
  return new Decider(state, cmd, actor, ctx, true).run();
}

const SILENT = { 'zh-CN': '', en: '' };

/**
 * decide() for commands built by this module (probes): no schema check, no
 * sentences in refusals. Only for allowedActions.
 */
export function decideQuietly(
  state: StoryWorkflow,
  cmd: WorkflowCommand,
  actor: Actor,
  ctx: DecideContext,
): Decision {
  if (cmd.storyId !== state.storyId || state.commandIds.includes(cmd.commandId))
    return { ok: false, reason: { code: 'duplicate_command', params: {}, message: SILENT } };
  if (actor.kind === 'person') {
    const p = findPerson(ctx.directory, actor.userId);
    if (!p || !p.active)
      return { ok: false, reason: { code: 'inactive_user', params: {}, message: SILENT } };
  }
  return new Decider(state, cmd, actor, ctx, false).run();
}

class Decider {
  constructor(
    private readonly s: StoryWorkflow,
    private readonly cmd: WorkflowCommand,
    private readonly actor: Actor,
    private readonly ctx: DecideContext,
    private readonly explain: boolean,
  ) {}

  private deny(...args: Parameters<typeof reason>): Deny {
    // Probing (allowedActions) needs only yes or no; the sentence costs more than the decision.
    return this.explain
      ? deny(...args)
      : { ok: false, reason: { code: args[0], params: {}, message: SILENT } };
  }

  run(): Decision {
    const c = this.cmd;
    switch (c.type) {
      case 'file':
        return this.file(c);
      case 'claim':
        return this.claim(c);
      case 'assign':
        return c.channel === null ? this.assignStory(c) : this.assignVariant(c, c.channel);
      case 'handover':
        return c.channel === null ? this.handoverStory(c) : this.handoverVariant(c, c.channel);
      case 'submit_for_review':
        return this.submit(c);
      case 'sign_off':
        return this.signOff(c);
      case 'send_back':
        return c.channel === null ? this.sendBackStory(c) : this.sendBackVariant(c, c.channel);
      case 'veto':
        return this.veto(c);
      case 'proofread':
        return this.proofread(c);
      case 'override_scan_finding':
        return this.override(c);
      case 'schedule':
        return this.schedule(c);
      case 'unschedule':
        return this.unschedule(c);
      case 'publish':
        return this.publish(c);
      case 'record_delivery':
        return this.recordDelivery(c);
      case 'correct':
        return this.correct(c);
      case 'spike':
        return c.channel === null ? this.spikeStory(c) : this.spikeVariant(c, c.channel);
    }
  }

  // ---- helpers ----

  private emit<T extends EventType>(
    type: T,
    fields: Omit<EventOf<T>, 'type' | 'storyId' | 'commandId' | 'at' | 'actor'>,
  ): Decision {
    const event = {
      type,
      storyId: this.s.storyId,
      commandId: this.cmd.commandId,
      at: this.ctx.now,
      actor: actorRef(this.actor),
      ...fields,
    } as unknown as WorkflowEvent;
    return { ok: true, events: [event] };
  }

  private invalidState(stage: string): Deny {
    return this.deny(
      'invalid_state',
      { stage, command: this.cmd.type },
      {
        stage: STAGE_NAMES[stage as keyof typeof STAGE_NAMES],
        command: COMMAND_NAMES[this.cmd.type],
      },
    );
  }

  private forbidden(): Deny {
    return this.deny(
      'forbidden',
      { command: this.cmd.type },
      { command: COMMAND_NAMES[this.cmd.type] },
    );
  }

  private person(): PersonActor | null {
    return this.actor.kind === 'person' ? this.actor : null;
  }

  /** The version, if the command may be given in its stage (story stages are checked too). */
  private variantIn(channel: ChannelId, stages: readonly VariantStage[]): VariantWorkflow | Deny {
    const v = this.s.variants[channel];
    if (!v) return this.invalidState(this.s.stage === 'spiked' ? 'spiked' : 'unclaimed');
    if (!stages.includes(v.stage)) return this.invalidState(v.stage);
    return v;
  }

  private currentHash(channel: ChannelId): ContentHash | null {
    return this.ctx.content[channel]?.hash ?? null;
  }

  /** The named hash must be the content as it is now. */
  private checkHash(channel: ChannelId, named: ContentHash): Deny | null {
    const current = this.currentHash(channel);
    if (current === null)
      return this.deny('no_content', { channel }, { channel: CHANNEL_NAMES[channel] });
    if (current !== named) return this.deny('stale_content', { named, current });
    return null;
  }

  private canSignStep(step: ReviewStep, desk: DeskId): boolean {
    return (
      rankOf(this.actor) >= EDITORIAL_RANK[step.role] &&
      (!step.deskBound || inDesk(this.actor, desk))
    );
  }

  /** Editors of the version's desk, or the editor-in-chief. */
  private isDeskEditor(desk: DeskId): boolean {
    return (
      (inDesk(this.actor, desk) && rankOf(this.actor) >= EDITORIAL_RANK.channel_editor) ||
      hasRole(this.actor, 'editor_in_chief')
    );
  }

  private isDeskHeadOrChief(desk: DeskId | null): boolean {
    return (desk !== null && isHeadOf(this.actor, desk)) || hasRole(this.actor, 'editor_in_chief');
  }

  /** Someone who may take work on `desk`: active, on the desk, an editor. */
  private eligibleAssignee(userId: string, desk: DeskId): boolean {
    const p = findPerson(this.ctx.directory, userId);
    return (
      !!p &&
      p.active &&
      p.desks.includes(desk) &&
      p.roles.some((r) => EDITORIAL_RANK[r] >= EDITORIAL_RANK.channel_editor)
    );
  }

  private scanGate(v: VariantWorkflow, hash: ContentHash): Deny | null {
    const st = scanStatus(v, this.ctx.scans?.[v.channel], hash);
    if (!st.current) return this.deny('scan_missing', { channel: v.channel });
    if (st.unresolved.length > 0)
      return this.deny('scan_blocking', { count: st.unresolved.length });
    return null;
  }

  private sourcesGate(): Deny | null {
    const blockers = this.ctx.authenticity ? finalApprovalBlockers(this.ctx.authenticity) : [];
    return blockers.length > 0 ? this.deny('sources_unverified', { count: blockers.length }) : null;
  }

  /** Everything publishing needs besides time: every step signed this content, proofread, scanned clean, sources verified. */
  private readyToPublish(v: VariantWorkflow, hash: ContentHash): Deny | null {
    const progress = reviewProgress(v, hash);
    if (!progress.approved) {
      const pending = progress.steps.filter((s) => s.state !== 'approved').map((s) => s.step);
      return this.deny(
        'review_incomplete',
        { steps: pending.map((s) => s.id).join(',') },
        { steps: joinNames(pending.map((s) => s.name)) },
      );
    }
    const proof = proofreadingStatus(v, hash);
    if (!proof.complete)
      return this.deny('proofreading_incomplete', {
        required: proof.required,
        done: proof.roundsDone,
      });
    return this.scanGate(v, hash) ?? this.sourcesGate();
  }

  private embargoBlocks(at: string): Deny | null {
    const embargo = this.ctx.embargo;
    if (embargo && Date.parse(at) < Date.parse(embargo)) return this.deny('embargo', { embargo });
    return null;
  }

  // ---- the story ----

  private file(c: CommandOf<'file'>): Decision {
    if (this.s.stage !== 'draft') return this.invalidState(this.s.stage);
    const p = this.person();
    if (!p || rankOf(p) < EDITORIAL_RANK.reporter) return this.forbidden();
    if (this.s.owner !== null && this.s.owner !== p.userId) return this.deny('not_owner');
    const desk = findDesk(this.ctx.directory, c.desk);
    if (!desk) return this.deny('unknown_desk', { desk: c.desk });
    if (desk.kind !== 'topic') return this.deny('not_topic_desk', { desk: c.desk });
    return this.emit('story_filed', { desk: c.desk, owner: p.userId });
  }

  private sendBackStory(c: CommandOf<'send_back'>): Decision {
    if (this.s.stage !== 'filed') return this.invalidState(this.s.stage);
    if (Object.keys(this.s.variants).length > 0) return this.deny('variants_claimed');
    if (!this.isDeskHeadOrChief(this.s.desk)) return this.forbidden();
    return this.emit('story_sent_back', { reason: c.reason, anchors: c.anchors });
  }

  private claim(c: CommandOf<'claim'>): Decision {
    if (this.s.stage !== 'filed') return this.invalidState(this.s.stage);
    if (this.s.variants[c.channel])
      return this.deny(
        'already_claimed',
        { channel: c.channel },
        { channel: CHANNEL_NAMES[c.channel] },
      );
    const desk = findDesk(this.ctx.directory, c.desk);
    if (!desk) return this.deny('unknown_desk', { desk: c.desk });
    if (desk.kind !== 'channel' || desk.channel !== c.channel)
      return this.deny(
        'not_channel_desk',
        { desk: c.desk, channel: c.channel },
        { channel: CHANNEL_NAMES[c.channel] },
      );
    const p = this.person();
    if (!p || !inDesk(p, c.desk) || rankOf(p) < EDITORIAL_RANK.channel_editor)
      return this.forbidden();
    return this.emit('variant_claimed', {
      channel: c.channel,
      desk: c.desk,
      assignee: p.userId,
      plan: reviewPlanOf(desk),
    });
  }

  private assignStory(c: CommandOf<'assign'>): Decision {
    if (this.s.stage !== 'filed') return this.invalidState(this.s.stage);
    if (!this.isDeskHeadOrChief(this.s.desk) && !hasRole(this.actor, 'admin'))
      return this.forbidden();
    if (!this.eligibleAssignee(c.assignee, this.s.desk!))
      return this.deny('assignee_not_eligible', { user: c.assignee });
    if (this.s.assignee === c.assignee) return this.deny('already_assigned', { user: c.assignee });
    return this.emit('assigned', {
      channel: null,
      assignee: c.assignee,
      previous: this.s.assignee,
    });
  }

  private handoverStory(c: CommandOf<'handover'>): Decision {
    if (this.s.stage !== 'filed') return this.invalidState(this.s.stage);
    const p = this.person();
    if (!p) return this.forbidden();
    if (this.s.assignee !== p.userId) return this.deny('not_assignee');
    if (c.to === p.userId || !this.eligibleAssignee(c.to, this.s.desk!))
      return this.deny('assignee_not_eligible', { user: c.to });
    return this.emit('handed_over', { channel: null, from: p.userId, to: c.to, note: c.note });
  }

  private spikeStory(c: CommandOf<'spike'>): Decision {
    if (this.s.stage !== 'filed') return this.invalidState(this.s.stage);
    if (!this.isDeskHeadOrChief(this.s.desk)) return this.forbidden();
    return this.emit('spiked', { channel: null, reason: c.reason });
  }

  // ---- channel versions ----

  private assignVariant(c: CommandOf<'assign'>, channel: ChannelId): Decision {
    const v = this.variantIn(channel, VARIANT_COMMAND_STAGES.assign);
    if ('ok' in v) return v;
    if (!this.isDeskHeadOrChief(v.desk) && !hasRole(this.actor, 'admin')) return this.forbidden();
    if (!this.eligibleAssignee(c.assignee, v.desk))
      return this.deny('assignee_not_eligible', { user: c.assignee });
    if (v.assignee === c.assignee) return this.deny('already_assigned', { user: c.assignee });
    return this.emit('assigned', { channel, assignee: c.assignee, previous: v.assignee });
  }

  private handoverVariant(c: CommandOf<'handover'>, channel: ChannelId): Decision {
    const v = this.variantIn(channel, VARIANT_COMMAND_STAGES.handover);
    if ('ok' in v) return v;
    const p = this.person();
    if (!p) return this.forbidden();
    if (v.assignee !== p.userId) return this.deny('not_assignee');
    if (c.to === p.userId || !this.eligibleAssignee(c.to, v.desk))
      return this.deny('assignee_not_eligible', { user: c.to });
    return this.emit('handed_over', { channel, from: p.userId, to: c.to, note: c.note });
  }

  private submit(c: CommandOf<'submit_for_review'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.submit_for_review);
    if ('ok' in v) return v;
    const p = this.person();
    const allowed =
      !!p &&
      (v.assignee === p.userId ||
        (inDesk(p, v.desk) && rankOf(p) >= EDITORIAL_RANK.channel_editor));
    if (!allowed) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    const report = this.ctx.scans?.[c.channel];
    const scan = report && report.contentHash === c.contentHash ? report.counts : null;
    return this.emit('review_submitted', { channel: c.channel, contentHash: c.contentHash, scan });
  }

  private signOff(c: CommandOf<'sign_off'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.sign_off);
    if ('ok' in v) return v;
    const progress = reviewProgress(v, this.currentHash(c.channel));
    const next = progress.next;
    if (!next) return this.deny('no_pending_step');
    if (next.id !== c.step) {
      const named = v.plan.steps.find((s) => s.id === c.step);
      return this.deny(
        'wrong_step',
        { expected: next.id, step: c.step },
        { expected: next.name, step: named?.name ?? { 'zh-CN': c.step, en: c.step } },
      );
    }
    if (!this.canSignStep(next, v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    const p = this.person()!;
    if (v.plan.distinctReviewers) {
      const mine = stepSignedBy(v, p.userId, c.contentHash);
      if (mine && mine.step !== next.id) {
        const signed = v.plan.steps.find((s) => s.id === mine.step);
        return this.deny(
          'same_reviewer',
          { signed: mine.step },
          { signed: signed?.name ?? { 'zh-CN': mine.step, en: mine.step } },
        );
      }
    }
    if (next.requiresVerifiedSources) {
      const gate = this.sourcesGate();
      if (gate) return gate;
    }
    if (next.requiresScanClear) {
      const gate = this.scanGate(v, c.contentHash);
      if (gate) return gate;
    }
    const last = v.plan.steps[v.plan.steps.length - 1]!;
    return this.emit('signed_off', {
      channel: c.channel,
      step: next.id,
      contentHash: c.contentHash,
      comment: c.comment,
      completesReview: last.id === next.id,
    });
  }

  private sendBackVariant(c: CommandOf<'send_back'>, channel: ChannelId): Decision {
    const v = this.variantIn(channel, VARIANT_COMMAND_STAGES.send_back);
    if ('ok' in v) return v;
    if (!v.plan.steps.some((step) => this.canSignStep(step, v.desk))) return this.forbidden();
    const next = reviewProgress(v, this.currentHash(channel)).next;
    return this.emit('sent_back', {
      channel,
      step: next?.id ?? null,
      reason: c.reason,
      anchors: c.anchors,
    });
  }

  private veto(c: CommandOf<'veto'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.veto);
    if ('ok' in v) return v;
    const step = v.plan.steps.find((st) => st.canVeto && this.canSignStep(st, v.desk));
    if (!step) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    return this.emit('vetoed', {
      channel: c.channel,
      step: step.id,
      contentHash: c.contentHash,
      reason: c.reason,
    });
  }

  private proofread(c: CommandOf<'proofread'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.proofread);
    if ('ok' in v) return v;
    if (!this.isDeskEditor(v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    if (c.round > 1 && !v.proofreads.some((p) => p.round === c.round - 1))
      return this.deny('proofread_out_of_order', { expected: c.round - 1 });
    if (v.proofreads.some((p) => p.round === c.round && p.contentHash === c.contentHash))
      return this.deny('already_proofread', { round: c.round });
    return this.emit('proofread', {
      channel: c.channel,
      round: c.round,
      contentHash: c.contentHash,
      note: c.note,
      corrections: c.corrections,
    });
  }

  private override(c: CommandOf<'override_scan_finding'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.override_scan_finding);
    if ('ok' in v) return v;
    if (!this.isDeskHeadOrChief(v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    const report = this.ctx.scans?.[c.channel];
    if (!report || report.contentHash !== c.contentHash)
      return this.deny('scan_missing', { channel: c.channel });
    const findings = blockingKeys(report).get(c.key);
    if (!findings) return this.deny('unknown_finding', { key: c.key });
    if (findings.some((f) => !f.overridable)) return this.deny('not_overridable', { key: c.key });
    if (findings.length !== c.occurrences)
      return this.deny('finding_count_changed', { key: c.key, current: findings.length });
    if (v.overrides.some((o) => o.key === c.key && o.occurrences >= findings.length))
      return this.deny('already_overridden', { key: c.key });
    return this.emit('scan_finding_overridden', {
      channel: c.channel,
      key: c.key,
      occurrences: c.occurrences,
      contentHash: c.contentHash,
      reason: c.reason,
    });
  }

  private schedule(c: CommandOf<'schedule'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.schedule);
    if ('ok' in v) return v;
    if (!this.isDeskEditor(v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    const notReady = this.readyToPublish(v, c.contentHash);
    if (notReady) return notReady;
    if (Date.parse(c.publishAt) <= Date.parse(this.ctx.now)) return this.deny('schedule_in_past');
    const embargo = this.embargoBlocks(c.publishAt);
    if (embargo) return embargo;
    return this.emit('scheduled', {
      channel: c.channel,
      publishAt: c.publishAt,
      contentHash: c.contentHash,
    });
  }

  private unschedule(c: CommandOf<'unschedule'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.unschedule);
    if ('ok' in v) return v;
    if (!this.isDeskEditor(v.desk)) return this.forbidden();
    return this.emit('unscheduled', { channel: c.channel, reason: c.reason });
  }

  private publish(c: CommandOf<'publish'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.publish);
    if ('ok' in v) return v;
    const byScheduler = this.actor.kind === 'system' && this.actor.name === 'scheduler';
    if (byScheduler ? v.stage !== 'scheduled' : !this.isDeskEditor(v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    if (byScheduler) {
      const sched = v.schedule!;
      if (sched.contentHash !== c.contentHash)
        return this.deny('stale_content', { named: c.contentHash, current: sched.contentHash });
      if (Date.parse(this.ctx.now) < Date.parse(sched.publishAt))
        return this.deny('not_due', { publishAt: sched.publishAt });
    }
    const notReady = this.readyToPublish(v, c.contentHash);
    if (notReady) return notReady;
    const embargo = this.embargoBlocks(this.ctx.now);
    if (embargo) return embargo;
    return this.emit('published', {
      channel: c.channel,
      revision: 1,
      contentHash: c.contentHash,
      scheduled: byScheduler,
    });
  }

  private recordDelivery(c: CommandOf<'record_delivery'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.record_delivery);
    if ('ok' in v) return v;
    if (this.actor.kind !== 'system' || this.actor.name !== 'publisher') return this.forbidden();
    if (!v.publications.some((p) => p.revision === c.revision))
      return this.deny('unknown_revision', { revision: c.revision });
    if (
      c.outcome === 'delivered' &&
      v.deliveries.some((d) => d.revision === c.revision && d.outcome === 'delivered')
    )
      return this.deny('already_delivered', { revision: c.revision });
    return this.emit('delivery_recorded', {
      channel: c.channel,
      revision: c.revision,
      outcome: c.outcome,
      target: c.target,
      error: c.error,
    });
  }

  private correct(c: CommandOf<'correct'>): Decision {
    const v = this.variantIn(c.channel, VARIANT_COMMAND_STAGES.correct);
    if ('ok' in v) return v;
    if (!this.isDeskHeadOrChief(v.desk)) return this.forbidden();
    const stale = this.checkHash(c.channel, c.contentHash);
    if (stale) return stale;
    const last = v.publications[v.publications.length - 1]!;
    if (last.contentHash === c.contentHash) return this.deny('unchanged');
    const gate = this.scanGate(v, c.contentHash) ?? this.sourcesGate();
    if (gate) return gate;
    return this.emit('corrected', {
      channel: c.channel,
      revision: v.publications.length + 1,
      previousHash: last.contentHash,
      contentHash: c.contentHash,
      note: c.note,
      changes: this.ctx.content[c.channel]?.changesSincePublished ?? [],
    });
  }

  private spikeVariant(c: CommandOf<'spike'>, channel: ChannelId): Decision {
    const v = this.variantIn(channel, VARIANT_COMMAND_STAGES.spike);
    if ('ok' in v) return v;
    if (!this.isDeskHeadOrChief(v.desk)) return this.forbidden();
    return this.emit('spiked', { channel, reason: c.reason });
  }
}

function joinNames(names: Localized[]): Localized {
  return {
    'zh-CN': names.map((n) => n['zh-CN']).join('、'),
    en: names.map((n) => n.en).join(', '),
  };
}
