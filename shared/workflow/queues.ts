// The work lists a person or a desk sees (incoming, assigned to me, waiting
// for my review, sent back, scheduled, published today) with their counts,
// as pure selectors over workflow states.
import { EDITORIAL_RANK, hasRole, inDesk, rankOf, type DeskId, type PersonActor } from './roles';
import { CHANNEL_IDS, findDesk, type ChannelId, type Directory } from './desks';
import { reviewProgress, stepSignedBy } from './progress';
import type { ReviewStep } from './review-plan';
import type { StoryWorkflow, VariantWorkflow } from './state';

export interface QueueStory {
  state: StoryWorkflow;
  /** Current content hash per version; without it the last submitted hash is assumed. */
  hashes?: Partial<Record<ChannelId, string>>;
}

export interface QueueItem {
  storyId: string;
  /** null = the story itself (filed to a topic desk, or back with its reporter). */
  channel: ChannelId | null;
  /** When it entered this queue. */
  since: string;
  /** For review queues: the step waiting. */
  step?: ReviewStep;
  /** A sign-off or schedule that no longer matches the content. */
  stale?: boolean;
}

export const QUEUE_NAMES = [
  'incoming',
  'assignedToMe',
  'waitingForMyReview',
  'sentBack',
  'scheduled',
  'publishedToday',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export type Queues = Record<QueueName, QueueItem[]> & { counts: Record<QueueName, number> };

export interface QueueOptions {
  now: string;
  directory: Directory;
  /** The newsroom's time zone as minutes east of UTC, for "today" (default Beijing, +480). */
  utcOffsetMinutes?: number;
}

function hashOf(q: QueueStory, v: VariantWorkflow): string | null {
  return q.hashes?.[v.channel] ?? v.submissions[v.submissions.length - 1]?.contentHash ?? null;
}

function localDay(iso: string, offsetMinutes: number): string {
  return new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

function publishedOn(v: VariantWorkflow, day: string, offset: number): string | null {
  const last = v.publications[v.publications.length - 1];
  return last && v.stage === 'published' && localDay(last.at, offset) === day ? last.at : null;
}

function variants(s: StoryWorkflow): VariantWorkflow[] {
  return CHANNEL_IDS.flatMap((c) => (s.variants[c] ? [s.variants[c]] : []));
}

const bySince = (a: QueueItem, b: QueueItem) => a.since.localeCompare(b.since);

function finish(q: Record<QueueName, QueueItem[]>): Queues {
  const counts = {} as Record<QueueName, number>;
  for (const name of QUEUE_NAMES) {
    q[name].sort(bySince);
    counts[name] = q[name].length;
  }
  return { ...q, counts };
}

function empty(): Record<QueueName, QueueItem[]> {
  return {
    incoming: [],
    assignedToMe: [],
    waitingForMyReview: [],
    sentBack: [],
    scheduled: [],
    publishedToday: [],
  };
}

function canSign(me: PersonActor, step: ReviewStep, desk: DeskId): boolean {
  return rankOf(me) >= EDITORIAL_RANK[step.role] && (!step.deskBound || inDesk(me, desk));
}

/** One person's queues. */
export function myQueues(
  stories: readonly QueueStory[],
  me: PersonActor,
  opts: QueueOptions,
): Queues {
  const q = empty();
  const offset = opts.utcOffsetMinutes ?? 480;
  const today = localDay(opts.now, offset);
  const chief = hasRole(me, 'editor_in_chief');
  const editor = rankOf(me) >= EDITORIAL_RANK.channel_editor;
  const myChannels = new Set<ChannelId>();
  for (const id of me.desks) {
    const d = findDesk(opts.directory, id);
    if (d?.kind === 'channel' && editor) myChannels.add(d.channel);
  }
  for (const story of stories) {
    const s = story.state;
    if (s.stage === 'draft' && s.returned && s.owner === me.userId)
      q.sentBack.push({ storyId: s.storyId, channel: null, since: s.returned.at });
    if (s.stage !== 'filed') continue;
    for (const ch of myChannels)
      if (!s.variants[ch]) q.incoming.push({ storyId: s.storyId, channel: ch, since: s.filedAt! });
    if (s.desk && s.assignee === null && inDesk(me, s.desk) && hasRole(me, 'desk_head'))
      q.incoming.push({ storyId: s.storyId, channel: null, since: s.filedAt! });
    if (s.assignee === me.userId)
      q.assignedToMe.push({ storyId: s.storyId, channel: null, since: s.filedAt! });
    for (const v of variants(s)) {
      const item = { storyId: s.storyId, channel: v.channel, since: v.stageSince };
      const hash = hashOf(story, v);
      const mine = chief || inDesk(me, v.desk);
      if (
        v.assignee === me.userId &&
        ['editing', 'sent_back', 'in_review', 'scheduled'].includes(v.stage)
      )
        q.assignedToMe.push(item);
      if (v.stage === 'sent_back' && v.assignee === me.userId) q.sentBack.push(item);
      if (v.stage === 'in_review') {
        const next = reviewProgress(v, hash).next;
        const signedOther =
          hash !== null && v.plan.distinctReviewers && stepSignedBy(v, me.userId, hash) !== null;
        if (next && canSign(me, next, v.desk) && !signedOther)
          q.waitingForMyReview.push({ ...item, step: next });
      }
      if (v.stage === 'scheduled' && mine)
        q.scheduled.push({ ...item, stale: hash !== null && v.schedule?.contentHash !== hash });
      const at = publishedOn(v, today, offset);
      if (at && (mine || s.owner === me.userId)) q.publishedToday.push({ ...item, since: at });
    }
  }
  return finish(q);
}

export const DESK_QUEUE_NAMES = [
  'incoming',
  'inProgress',
  'inReview',
  'sentBack',
  'scheduled',
  'publishedToday',
] as const;
export type DeskQueueName = (typeof DESK_QUEUE_NAMES)[number];
export type DeskQueues = Record<DeskQueueName, QueueItem[]> & {
  counts: Record<DeskQueueName, number>;
};

/** A desk's queues: what waits to be claimed or assigned, and every version the desk holds, by stage. */
export function deskQueues(
  stories: readonly QueueStory[],
  deskId: DeskId,
  opts: QueueOptions,
): DeskQueues {
  const desk = findDesk(opts.directory, deskId);
  const offset = opts.utcOffsetMinutes ?? 480;
  const today = localDay(opts.now, offset);
  const q: Record<DeskQueueName, QueueItem[]> = {
    incoming: [],
    inProgress: [],
    inReview: [],
    sentBack: [],
    scheduled: [],
    publishedToday: [],
  };
  for (const story of stories) {
    const s = story.state;
    if (s.stage !== 'filed') continue;
    if (desk?.kind === 'channel' && !s.variants[desk.channel])
      q.incoming.push({ storyId: s.storyId, channel: desk.channel, since: s.filedAt! });
    if (desk?.kind === 'topic' && s.desk === deskId && s.assignee === null)
      q.incoming.push({ storyId: s.storyId, channel: null, since: s.filedAt! });
    for (const v of variants(s)) {
      if (v.desk !== deskId) continue;
      const item: QueueItem = { storyId: s.storyId, channel: v.channel, since: v.stageSince };
      const hash = hashOf(story, v);
      if (v.stage === 'editing') q.inProgress.push(item);
      if (v.stage === 'in_review')
        q.inReview.push({ ...item, step: reviewProgress(v, hash).next ?? undefined });
      if (v.stage === 'sent_back') q.sentBack.push(item);
      if (v.stage === 'scheduled')
        q.scheduled.push({ ...item, stale: hash !== null && v.schedule?.contentHash !== hash });
      const at = publishedOn(v, today, offset);
      if (at) q.publishedToday.push({ ...item, since: at });
    }
  }
  const counts = {} as Record<DeskQueueName, number>;
  for (const name of DESK_QUEUE_NAMES) {
    q[name].sort(bySince);
    counts[name] = q[name].length;
  }
  return { ...q, counts };
}
