// What this person may do to this story right now, found by asking decide()
// with the natural payload for each command. The UI shows exactly these
// buttons; the probe command is a template to fill with the user's reason.
import type { WorkflowCommand } from './commands';
import { decideQuietly, type DecideContext } from './decide';
import { CHANNEL_IDS, findDesk, type ChannelId } from './desks';
import { proofreadingStatus, reviewProgress } from './progress';
import { blockingKeys } from '../scan/report';
import { EDITORIAL_RANK, type Actor } from './roles';
import type { StoryWorkflow } from './state';

type ProbeFields = WorkflowCommand extends infer C
  ? C extends WorkflowCommand
    ? Omit<C, 'commandId' | 'storyId'>
    : never
  : never;

/** A UUIDv7 no real command will carry; probes are never applied. */
const PROBE_ID = '00000000-0000-7000-8000-000000000000';

export interface AllowedAction {
  type: WorkflowCommand['type'];
  channel: ChannelId | null;
  /** The command that was allowed, with placeholder text in reason/note fields. */
  probe: WorkflowCommand;
}

function candidates(s: StoryWorkflow, actor: Actor, ctx: DecideContext): WorkflowCommand[] {
  // Object.assign rather than spread: V8 spreads into fresh literals slowly, and this runs per render.
  const base = { commandId: PROBE_ID, storyId: s.storyId };
  const mk = (fields: ProbeFields): WorkflowCommand =>
    Object.assign({}, base, fields) as WorkflowCommand;
  const reason = '…';
  const out: WorkflowCommand[] = [];
  const eligible = (desk: string | null) =>
    ctx.directory.people.filter(
      (p) =>
        p.active &&
        desk !== null &&
        p.desks.includes(desk) &&
        p.roles.some((r) => EDITORIAL_RANK[r] >= EDITORIAL_RANK.channel_editor),
    );
  const me = actor.kind === 'person' ? actor.userId : null;

  const topic =
    s.desk ??
    (actor.kind === 'person'
      ? actor.desks.find((d) => findDesk(ctx.directory, d)?.kind === 'topic')
      : undefined) ??
    ctx.directory.desks.find((d) => d.kind === 'topic')?.id;
  if (topic) out.push(mk({ type: 'file', desk: topic }));
  out.push(mk({ type: 'send_back', channel: null, reason, anchors: [] }));
  out.push(mk({ type: 'spike', channel: null, reason }));
  const storyAssignee = eligible(s.desk).find((p) => p.userId !== s.assignee && p.userId !== me);
  if (storyAssignee) {
    out.push(mk({ type: 'assign', channel: null, assignee: storyAssignee.userId }));
    out.push(mk({ type: 'handover', channel: null, to: storyAssignee.userId, note: '' }));
  }

  for (const channel of CHANNEL_IDS) {
    const v = s.variants[channel];
    if (!v) {
      for (const d of ctx.directory.desks)
        if (d.kind === 'channel' && d.channel === channel)
          out.push(mk({ type: 'claim', channel, desk: d.id }));
      continue;
    }
    const hash = ctx.content[channel]?.hash;
    const other = eligible(v.desk).find((p) => p.userId !== v.assignee && p.userId !== me);
    if (other) {
      out.push(mk({ type: 'assign', channel, assignee: other.userId }));
      out.push(mk({ type: 'handover', channel, to: other.userId, note: '' }));
    }
    out.push(mk({ type: 'send_back', channel, reason, anchors: [] }));
    out.push(mk({ type: 'unschedule', channel, reason: '' }));
    out.push(mk({ type: 'spike', channel, reason }));
    const last = v.publications[v.publications.length - 1];
    if (last)
      out.push(
        mk({
          type: 'record_delivery',
          channel,
          revision: last.revision,
          outcome: 'delivered',
          target: null,
          error: null,
        }),
      );
    if (!hash) continue;
    const contentHash = hash;
    out.push(mk({ type: 'submit_for_review', channel, contentHash }));
    const next = reviewProgress(v, hash).next;
    if (next) out.push(mk({ type: 'sign_off', channel, step: next.id, contentHash, comment: '' }));
    out.push(mk({ type: 'veto', channel, contentHash, reason }));
    const round = proofreadingStatus(v, hash).nextRound;
    if (round <= 5)
      out.push(mk({ type: 'proofread', channel, round, contentHash, note: '', corrections: 0 }));
    const report = ctx.scans?.[channel];
    if (report && report.contentHash === hash)
      for (const [key, list] of blockingKeys(report))
        out.push(
          mk({
            type: 'override_scan_finding',
            channel,
            key,
            occurrences: list.length,
            contentHash,
            reason,
          }),
        );
    const earliest = Math.max(Date.parse(ctx.now), ctx.embargo ? Date.parse(ctx.embargo) : 0);
    out.push(
      mk({
        type: 'schedule',
        channel,
        publishAt: new Date(earliest + 60 * 60_000).toISOString(),
        contentHash,
      }),
    );
    out.push(mk({ type: 'publish', channel, contentHash }));
    out.push(mk({ type: 'correct', channel, contentHash, note: reason }));
  }
  return out;
}

/** Every command this actor may give now, one per (type, channel) pair. */
export function allowedActions(
  s: StoryWorkflow,
  actor: Actor,
  ctx: DecideContext,
): AllowedAction[] {
  const seen = new Set<string>();
  const out: AllowedAction[] = [];
  for (const probe of candidates(s, actor, ctx)) {
    const channel = 'channel' in probe ? probe.channel : null;
    const id = `${probe.type}:${channel}`;
    if (seen.has(id)) continue;
    if (decideQuietly(s, probe, actor, ctx).ok) {
      seen.add(id);
      out.push({ type: probe.type, channel, probe });
    }
  }
  return out;
}
