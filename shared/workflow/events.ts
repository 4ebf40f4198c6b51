// What happened to a story, as the append-only event log records it. The
// workflow state is a fold of these (apply), so the server can rebuild any
// story from its log and the client can replay what the change feed sends.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { SeverityCountsSchema } from '../scan/report';
import { ContentChangeSchema, ContentHashSchema } from './content-hash';
import { DeliveryTargetSchema, TextAnchorSchema } from './commands';
import { ChannelIdSchema } from './desks';
import { ReviewPlanSchema, StepIdSchema } from './review-plan';
import { ActorRefSchema, DeskIdSchema, UserIdSchema } from './roles';

const base = {
  storyId: IdSchema,
  /** The command that caused it: the idempotency key, so a replay is recognised. */
  commandId: IdSchema,
  at: z.iso.datetime({ offset: true }),
  actor: ActorRefSchema,
};

export const WorkflowEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('story_filed'), desk: DeskIdSchema, owner: UserIdSchema }),
  z.object({
    ...base,
    type: z.literal('story_sent_back'),
    reason: z.string(),
    anchors: z.array(TextAnchorSchema),
  }),
  z.object({
    ...base,
    type: z.literal('variant_claimed'),
    channel: ChannelIdSchema,
    desk: DeskIdSchema,
    assignee: UserIdSchema.nullable(),
    /** Copied from the desk when claimed, so changing a desk's chain does not change work in flight. */
    plan: ReviewPlanSchema,
  }),
  z.object({
    ...base,
    type: z.literal('assigned'),
    channel: ChannelIdSchema.nullable(),
    assignee: UserIdSchema,
    previous: UserIdSchema.nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('handed_over'),
    channel: ChannelIdSchema.nullable(),
    from: UserIdSchema,
    to: UserIdSchema,
    note: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('review_submitted'),
    channel: ChannelIdSchema,
    contentHash: ContentHashSchema,
    /** The machine pre-scan attached to this review, as counts (the full report is stored beside it). */
    scan: SeverityCountsSchema.nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('signed_off'),
    channel: ChannelIdSchema,
    step: StepIdSchema,
    contentHash: ContentHashSchema,
    comment: z.string(),
    /** This sign-off completed the chain for this content. */
    completesReview: z.boolean(),
  }),
  z.object({
    ...base,
    type: z.literal('sent_back'),
    channel: ChannelIdSchema,
    /** The step the reviewer was acting at (null when no step was pending). */
    step: StepIdSchema.nullable(),
    reason: z.string(),
    anchors: z.array(TextAnchorSchema),
  }),
  z.object({
    ...base,
    type: z.literal('vetoed'),
    channel: ChannelIdSchema,
    step: StepIdSchema,
    contentHash: ContentHashSchema,
    reason: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('proofread'),
    channel: ChannelIdSchema,
    round: z.number().int().min(1),
    contentHash: ContentHashSchema,
    note: z.string(),
    corrections: z.number().int().min(0),
  }),
  z.object({
    ...base,
    type: z.literal('scan_finding_overridden'),
    channel: ChannelIdSchema,
    key: z.string(),
    occurrences: z.number().int().min(1),
    contentHash: ContentHashSchema,
    reason: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('scheduled'),
    channel: ChannelIdSchema,
    publishAt: z.iso.datetime({ offset: true }),
    contentHash: ContentHashSchema,
  }),
  z.object({
    ...base,
    type: z.literal('unscheduled'),
    channel: ChannelIdSchema,
    reason: z.string(),
  }),
  z.object({
    ...base,
    type: z.literal('published'),
    channel: ChannelIdSchema,
    revision: z.literal(1),
    contentHash: ContentHashSchema,
    /** Published by the scheduler at the scheduled time (rather than by a person now). */
    scheduled: z.boolean(),
  }),
  z.object({
    ...base,
    type: z.literal('delivery_recorded'),
    channel: ChannelIdSchema,
    revision: z.number().int().min(1),
    outcome: z.enum(['delivered', 'failed']),
    target: DeliveryTargetSchema.nullable(),
    error: z.string().nullable(),
  }),
  z.object({
    ...base,
    type: z.literal('corrected'),
    channel: ChannelIdSchema,
    revision: z.number().int().min(2),
    previousHash: ContentHashSchema,
    contentHash: ContentHashSchema,
    note: z.string(),
    changes: z.array(ContentChangeSchema),
  }),
  z.object({
    ...base,
    type: z.literal('spiked'),
    channel: ChannelIdSchema.nullable(),
    reason: z.string(),
  }),
]);
export type WorkflowEvent = z.infer<typeof WorkflowEventSchema>;
export type EventType = WorkflowEvent['type'];
export type EventOf<T extends EventType> = Extract<WorkflowEvent, { type: T }>;
