// A story's workflow state and how each event changes it (apply). The state
// is a pure fold of the event log: rebuild(storyId, events) gives the same
// state on the server, on every client, and in an auditor's script.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { SeverityCountsSchema } from '../scan/report';
import { ContentChangeSchema, ContentHashSchema } from './content-hash';
import { DeliveryTargetSchema, TextAnchorSchema } from './commands';
import { CHANNEL_IDS, ChannelIdSchema, type ChannelId } from './desks';
import type { WorkflowEvent } from './events';
import { ReviewPlanSchema, StepIdSchema } from './review-plan';
import { ActorRefSchema, DeskIdSchema, UserIdSchema } from './roles';

export const STORY_STAGES = ['draft', 'filed', 'spiked'] as const;
export const StoryStageSchema = z.enum(STORY_STAGES);
export type StoryStage = z.infer<typeof StoryStageSchema>;

/**
 * A channel version's place in the workflow. "Approved" is not a stage: it
 * depends on the content hash of the moment (an edit after 终审 un-approves),
 * so it is derived by reviewProgress() from the sign-offs and the current hash.
 */
export const VARIANT_STAGES = [
  'editing',
  'in_review',
  'sent_back',
  'scheduled',
  'published',
  'vetoed',
  'spiked',
] as const;
export const VariantStageSchema = z.enum(VARIANT_STAGES);
export type VariantStage = z.infer<typeof VariantStageSchema>;

const At = z.iso.datetime({ offset: true });

export const SignOffSchema = z.object({
  step: StepIdSchema,
  by: UserIdSchema,
  at: At,
  contentHash: ContentHashSchema,
  comment: z.string(),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const ProofreadRecordSchema = z.object({
  round: z.number().int().min(1),
  by: UserIdSchema,
  at: At,
  contentHash: ContentHashSchema,
  note: z.string(),
  corrections: z.number().int().min(0),
});
export type ProofreadRecord = z.infer<typeof ProofreadRecordSchema>;

export const SendBackRecordSchema = z.object({
  by: UserIdSchema,
  at: At,
  step: StepIdSchema.nullable(),
  reason: z.string(),
  anchors: z.array(TextAnchorSchema),
});
export type SendBackRecord = z.infer<typeof SendBackRecordSchema>;

export const PublicationSchema = z.object({
  /** 1 = first publication; each correction adds one. Earlier revisions are kept. */
  revision: z.number().int().min(1),
  at: At,
  by: ActorRefSchema,
  contentHash: ContentHashSchema,
  kind: z.enum(['publish', 'correction']),
  scheduled: z.boolean(),
  note: z.string().nullable(),
  changes: z.array(ContentChangeSchema),
});
export type Publication = z.infer<typeof PublicationSchema>;

export const DeliverySchema = z.object({
  revision: z.number().int().min(1),
  at: At,
  outcome: z.enum(['delivered', 'failed']),
  target: DeliveryTargetSchema.nullable(),
  error: z.string().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const OverrideRecordSchema = z.object({
  key: z.string(),
  occurrences: z.number().int().min(1),
  by: UserIdSchema,
  at: At,
  contentHash: ContentHashSchema,
  reason: z.string(),
});
export type OverrideRecord = z.infer<typeof OverrideRecordSchema>;

export const VariantWorkflowSchema = z.object({
  channel: ChannelIdSchema,
  desk: DeskIdSchema,
  stage: VariantStageSchema,
  /** When the version entered its current stage (queues sort by it). */
  stageSince: At,
  assignee: UserIdSchema.nullable(),
  plan: ReviewPlanSchema,
  claimedBy: UserIdSchema,
  claimedAt: At,
  submissions: z.array(
    z.object({
      by: UserIdSchema,
      at: At,
      contentHash: ContentHashSchema,
      scan: SeverityCountsSchema.nullable(),
    }),
  ),
  signOffs: z.array(SignOffSchema),
  proofreads: z.array(ProofreadRecordSchema),
  sendBacks: z.array(SendBackRecordSchema),
  veto: z
    .object({
      by: UserIdSchema,
      at: At,
      step: StepIdSchema,
      reason: z.string(),
      contentHash: ContentHashSchema,
    })
    .nullable(),
  overrides: z.array(OverrideRecordSchema),
  schedule: z
    .object({ publishAt: At, by: UserIdSchema, at: At, contentHash: ContentHashSchema })
    .nullable(),
  publications: z.array(PublicationSchema),
  deliveries: z.array(DeliverySchema),
  spike: z
    .object({ by: ActorRefSchema, at: At, reason: z.string(), wasPublished: z.boolean() })
    .nullable(),
});
export type VariantWorkflow = z.infer<typeof VariantWorkflowSchema>;

export const StoryWorkflowSchema = z.object({
  storyId: IdSchema,
  stage: StoryStageSchema,
  /** Who filed it (the reporter); null until first filed. */
  owner: UserIdSchema.nullable(),
  /** The topic desk it was filed to. */
  desk: DeskIdSchema.nullable(),
  /** Responsible editor for the story on its topic desk. */
  assignee: UserIdSchema.nullable(),
  filedAt: At.nullable(),
  /** Set while the story is back with the reporter (退稿); cleared when filed again. */
  returned: SendBackRecordSchema.nullable(),
  spike: z.object({ by: ActorRefSchema, at: At, reason: z.string() }).nullable(),
  variants: z.partialRecord(ChannelIdSchema, VariantWorkflowSchema),
  /** Events applied so far. */
  version: z.number().int().min(0),
  /** Commands already applied, so a replay is refused (the server also keeps its own idempotency table). */
  commandIds: z.array(IdSchema),
  updatedAt: At.nullable(),
});
export type StoryWorkflow = z.infer<typeof StoryWorkflowSchema>;

export function emptyStory(storyId: string): StoryWorkflow {
  return {
    storyId,
    stage: 'draft',
    owner: null,
    desk: null,
    assignee: null,
    filedAt: null,
    returned: null,
    spike: null,
    variants: {},
    version: 0,
    commandIds: [],
    updatedAt: null,
  };
}

/** The log does not fit the state it is applied to: a corrupt or reordered log, never a user error. */
export class WorkflowApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkflowApplyError';
  }
}

function personId(e: WorkflowEvent): string {
  if (e.actor.kind !== 'person') throw new WorkflowApplyError(`${e.type} needs a person as actor`);
  return e.actor.userId;
}

function variantOf(s: StoryWorkflow, channel: ChannelId): VariantWorkflow {
  const v = s.variants[channel];
  if (!v) throw new WorkflowApplyError(`no ${channel} version to apply to`);
  return v;
}

function withVariant(s: StoryWorkflow, v: VariantWorkflow): StoryWorkflow {
  return { ...s, variants: { ...s.variants, [v.channel]: v } };
}

/** The state after one event. Pure: `state` is not modified. */
export function apply(state: StoryWorkflow, event: WorkflowEvent): StoryWorkflow {
  if (event.storyId !== state.storyId)
    throw new WorkflowApplyError(`event for ${event.storyId} applied to ${state.storyId}`);
  const s = applyInner(state, event);
  return {
    ...s,
    version: state.version + 1,
    commandIds: state.commandIds.includes(event.commandId)
      ? state.commandIds
      : [...state.commandIds, event.commandId],
    updatedAt: event.at,
  };
}

function applyInner(s: StoryWorkflow, e: WorkflowEvent): StoryWorkflow {
  const at = e.at;
  switch (e.type) {
    case 'story_filed':
      return { ...s, stage: 'filed', owner: e.owner, desk: e.desk, filedAt: at, returned: null };
    case 'story_sent_back':
      return {
        ...s,
        stage: 'draft',
        assignee: null,
        returned: { by: personId(e), at, step: null, reason: e.reason, anchors: e.anchors },
      };
    case 'variant_claimed': {
      if (s.variants[e.channel]) throw new WorkflowApplyError(`${e.channel} already claimed`);
      const v: VariantWorkflow = {
        channel: e.channel,
        desk: e.desk,
        stage: 'editing',
        stageSince: at,
        assignee: e.assignee,
        plan: e.plan,
        claimedBy: personId(e),
        claimedAt: at,
        submissions: [],
        signOffs: [],
        proofreads: [],
        sendBacks: [],
        veto: null,
        overrides: [],
        schedule: null,
        publications: [],
        deliveries: [],
        spike: null,
      };
      return withVariant(s, v);
    }
    case 'assigned':
      if (e.channel === null) return { ...s, assignee: e.assignee };
      return withVariant(s, { ...variantOf(s, e.channel), assignee: e.assignee });
    case 'handed_over':
      if (e.channel === null) return { ...s, assignee: e.to };
      return withVariant(s, { ...variantOf(s, e.channel), assignee: e.to });
    case 'review_submitted': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        stage: 'in_review',
        stageSince: at,
        submissions: [
          ...v.submissions,
          { by: personId(e), at, contentHash: e.contentHash, scan: e.scan },
        ],
      });
    }
    case 'signed_off': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        signOffs: [
          ...v.signOffs,
          { step: e.step, by: personId(e), at, contentHash: e.contentHash, comment: e.comment },
        ],
      });
    }
    case 'sent_back': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        stage: 'sent_back',
        stageSince: at,
        schedule: null,
        sendBacks: [
          ...v.sendBacks,
          { by: personId(e), at, step: e.step, reason: e.reason, anchors: e.anchors },
        ],
      });
    }
    case 'vetoed': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        stage: 'vetoed',
        stageSince: at,
        schedule: null,
        veto: { by: personId(e), at, step: e.step, reason: e.reason, contentHash: e.contentHash },
      });
    }
    case 'proofread': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        proofreads: [
          ...v.proofreads,
          {
            round: e.round,
            by: personId(e),
            at,
            contentHash: e.contentHash,
            note: e.note,
            corrections: e.corrections,
          },
        ],
      });
    }
    case 'scan_finding_overridden': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        overrides: [
          ...v.overrides,
          {
            key: e.key,
            occurrences: e.occurrences,
            by: personId(e),
            at,
            contentHash: e.contentHash,
            reason: e.reason,
          },
        ],
      });
    }
    case 'scheduled': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        stage: 'scheduled',
        stageSince: at,
        schedule: { publishAt: e.publishAt, by: personId(e), at, contentHash: e.contentHash },
      });
    }
    case 'unscheduled': {
      const v = variantOf(s, e.channel);
      return withVariant(s, { ...v, stage: 'in_review', stageSince: at, schedule: null });
    }
    case 'published': {
      const v = variantOf(s, e.channel);
      if (v.publications.length > 0) throw new WorkflowApplyError(`${e.channel} published twice`);
      return withVariant(s, {
        ...v,
        stage: 'published',
        stageSince: at,
        schedule: null,
        publications: [
          {
            revision: 1,
            at,
            by: e.actor,
            contentHash: e.contentHash,
            kind: 'publish',
            scheduled: e.scheduled,
            note: null,
            changes: [],
          },
        ],
      });
    }
    case 'delivery_recorded': {
      const v = variantOf(s, e.channel);
      return withVariant(s, {
        ...v,
        deliveries: [
          ...v.deliveries,
          { revision: e.revision, at, outcome: e.outcome, target: e.target, error: e.error },
        ],
      });
    }
    case 'corrected': {
      const v = variantOf(s, e.channel);
      if (e.revision !== v.publications.length + 1)
        throw new WorkflowApplyError(`correction revision ${e.revision} out of order`);
      return withVariant(s, {
        ...v,
        publications: [
          ...v.publications,
          {
            revision: e.revision,
            at,
            by: e.actor,
            contentHash: e.contentHash,
            kind: 'correction',
            scheduled: false,
            note: e.note,
            changes: e.changes,
          },
        ],
      });
    }
    case 'spiked': {
      const spikeVariant = (v: VariantWorkflow): VariantWorkflow =>
        v.stage === 'spiked' || v.stage === 'vetoed'
          ? v
          : {
              ...v,
              stage: 'spiked',
              stageSince: at,
              schedule: null,
              spike: { by: e.actor, at, reason: e.reason, wasPublished: v.publications.length > 0 },
            };
      if (e.channel !== null) return withVariant(s, spikeVariant(variantOf(s, e.channel)));
      const variants: StoryWorkflow['variants'] = {};
      for (const ch of CHANNEL_IDS) {
        const v = s.variants[ch];
        if (v) variants[ch] = spikeVariant(v);
      }
      return { ...s, stage: 'spiked', variants, spike: { by: e.actor, at, reason: e.reason } };
    }
  }
}

/** The state after the whole log. */
export function rebuild(storyId: string, events: readonly WorkflowEvent[]): StoryWorkflow {
  let s = emptyStory(storyId);
  for (const e of events) s = apply(s, e);
  return s;
}
