// The workflow as it travels: what the newsroom server answers on its HTTP
// API and what the desktop host hands the renderer through the contract. One
// set of zod schemas, so the server, the host and the UI agree on each field.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { LocalizedSchema } from '../domain/localized';
import { AuthenticityOpSchema } from '../authenticity/ops';
import { AuthenticityRecordSchema } from '../authenticity/model';
import { ScanReportSchema, SeverityCountsSchema } from '../scan/report';
import { WorkflowCommandSchema } from './commands';
import { ContentHashSchema } from './content-hash';
import { ChannelIdSchema, DirectorySchema } from './desks';
import { WorkflowEventSchema } from './events';
import { ReasonSchema } from './reasons';
import { ReviewPlanSchema, ReviewStepSchema } from './review-plan';
import { ActorRefSchema } from './roles';
import { SignOffSchema, StoryWorkflowSchema } from './state';

const At = z.iso.datetime({ offset: true });

export const StepStatusSchema = z.object({
  step: ReviewStepSchema,
  state: z.enum(['approved', 'stale', 'pending']),
  signOff: SignOffSchema.nullable(),
});

export const ReviewProgressSchema = z.object({
  steps: z.array(StepStatusSchema),
  next: ReviewStepSchema.nullable(),
  approved: z.boolean(),
});
export type ReviewProgressWire = z.infer<typeof ReviewProgressSchema>;

export const AllowedActionSchema = z.object({
  type: z.string(),
  channel: ChannelIdSchema.nullable(),
  /** The command that would be accepted, with placeholder text ("…") in reason/note fields. */
  probe: WorkflowCommandSchema,
});
export type AllowedActionWire = z.infer<typeof AllowedActionSchema>;

export const TimelineEntrySchema = z.object({
  at: z.string(),
  actor: ActorRefSchema,
  type: z.string(),
  channel: ChannelIdSchema.nullable(),
  text: LocalizedSchema,
});

/** What the server sees in one channel version right now (computed from its own documents). */
export const VersionContentSchema = z.object({
  channel: ChannelIdSchema,
  hash: ContentHashSchema,
  scan: SeverityCountsSchema.nullable(),
});

/**
 * A story's workflow as one person sees it: the state, what the server holds
 * now (hashes, scans), the review progress per version, the buttons that will
 * work for this person and the timeline. `context` carries the facts the
 * client needs to run decide() itself for optimistic updates.
 */
export const WorkflowViewSchema = z.object({
  storyId: IdSchema,
  state: StoryWorkflowSchema,
  content: z.array(VersionContentSchema),
  progress: z.partialRecord(ChannelIdSchema, ReviewProgressSchema),
  allowedActions: z.array(AllowedActionSchema),
  timeline: z.array(TimelineEntrySchema),
  events: z.array(WorkflowEventSchema),
  scans: z.partialRecord(ChannelIdSchema, ScanReportSchema),
  authenticity: AuthenticityRecordSchema,
  embargo: z.string().nullable(),
  directory: DirectorySchema,
  /** Server clock when this view was made. */
  at: At,
});
export type WorkflowView = z.infer<typeof WorkflowViewSchema>;

export const QueueItemSchema = z.object({
  storyId: z.string(),
  channel: ChannelIdSchema.nullable(),
  since: z.string(),
  step: ReviewStepSchema.optional(),
  stale: z.boolean().optional(),
  headline: z.string(),
});
export type QueueItemWire = z.infer<typeof QueueItemSchema>;

export const MY_QUEUE_NAMES = [
  'incoming',
  'assignedToMe',
  'waitingForMyReview',
  'sentBack',
  'scheduled',
  'publishedToday',
] as const;

export const QueueListSchema = z.object({
  name: z.string(),
  items: z.array(QueueItemSchema),
  count: z.number().int().nonnegative(),
});

export const QueuesAnswerSchema = z.object({
  /** The person's own queues (incoming, assignedToMe, waitingForMyReview, sentBack, scheduled, publishedToday). */
  mine: z.array(QueueListSchema),
  /** One desk's queues when a desk was asked for. */
  desk: z.object({ deskId: z.string(), queues: z.array(QueueListSchema) }).nullable(),
});
export type QueuesAnswer = z.infer<typeof QueuesAnswerSchema>;

export const NotificationSchema = z.object({
  id: z.number().int().positive(),
  storyId: z.string(),
  channel: ChannelIdSchema.nullable(),
  /**
   * Which queue it landed in (incoming, assignedToMe, waitingForMyReview,
   * sentBack, scheduled, publishedToday), or deliveryFailed (an outlet refused
   * or is down; retrying).
   */
  kind: z.string(),
  text: LocalizedSchema,
  at: At,
  read: z.boolean(),
});
export type WorkflowNotification = z.infer<typeof NotificationSchema>;

/** Marks notifications read (only the caller's own are touched). */
export const NotificationsReadSchema = z.object({
  ids: z.array(z.number().int().positive()).max(1000),
});

/** Queries of the workflow routes. */
export const QueuesQuerySchema = z.object({ deskId: IdSchema.optional() });
export const NotificationsQuerySchema = z.object({ unread: z.string().optional() });
export const AuditReportQuerySchema = z.object({
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  format: z.enum(['json', 'markdown']).default('json'),
});

export const NotificationsAnswerSchema = z.object({
  items: z.array(NotificationSchema),
  unread: z.number().int().nonnegative(),
});
export type NotificationsAnswer = z.infer<typeof NotificationsAnswerSchema>;

export const ScanListsSchema = z.object({
  /** The sensitive-word list as text (parseSensitiveList / formatSensitiveList). */
  sensitive: z.string().max(5_000_000),
  /** The 易错词 list as text. */
  typos: z.string().max(5_000_000),
  updatedAt: At.nullable(),
  updatedBy: z.string().nullable(),
});
export type ScanLists = z.infer<typeof ScanListsSchema>;

export const ScanListsPutSchema = z
  .object({ sensitive: z.string().max(5_000_000), typos: z.string().max(5_000_000) })
  .partial()
  .refine((p) => p.sensitive !== undefined || p.typos !== undefined, {
    message: 'nothing to save',
  });

export const ListProblemWireSchema = z.object({
  line: z.number().int(),
  message: LocalizedSchema,
});

export const ScanListsPutAnswerSchema = ScanListsSchema.extend({
  problems: z.array(ListProblemWireSchema),
});

export const AuthenticityApplySchema = z.object({ op: AuthenticityOpSchema });

export const AuditReportAnswerSchema = z.object({
  storyId: z.string(),
  /** storyAuditReport() as JSON. */
  report: z.record(z.string(), z.unknown()),
  markdown: z.string(),
});

export const ChainVerificationSchema = z.union([
  z.object({ ok: z.literal(true), count: z.number().int(), head: z.string() }),
  z.object({
    ok: z.literal(false),
    index: z.number().int(),
    seq: z.number().int().nullable(),
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    message: LocalizedSchema,
  }),
]);
export type ChainVerificationWire = z.infer<typeof ChainVerificationSchema>;

export const DeliveryRecordSchema = z.object({
  storyId: z.string(),
  channel: ChannelIdSchema,
  revision: z.number().int(),
  status: z.enum(['pending', 'delivered', 'failed', 'exported']),
  attempts: z.number().int(),
  url: z.string().nullable(),
  externalId: z.string().nullable(),
  error: z.string().nullable(),
  nextAttemptAt: At.nullable(),
  deliveredAt: At.nullable(),
});
export type DeliveryRecord = z.infer<typeof DeliveryRecordSchema>;

/** A refused workflow command as the server words it (also in the rejected command's details). */
export const WorkflowRefusalSchema = z.object({ reason: ReasonSchema });

/** A channel desk's own review chain; null goes back to the newsroom default for its channel. */
export const ReviewPlanPutSchema = z.object({ plan: ReviewPlanSchema.nullable() });
export const ReviewPlanAnswerSchema = z.object({
  deskId: z.string(),
  plan: ReviewPlanSchema.nullable(),
});
