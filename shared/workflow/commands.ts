// Every workflow action a person (or the server's scheduler) can ask for, as
// one discriminated union with zod schemas. The desktop app queues these in
// its outbox; the server validates them with the same schemas and decides.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { ContentHashSchema } from './content-hash';
import { ChannelIdSchema } from './desks';
import { StepIdSchema } from './review-plan';
import { DeskIdSchema, UserIdSchema } from './roles';

/**
 * Where in the text a remark points: the quoted words, plus Yjs relative
 * positions (base64) when the client has them, so the anchor survives
 * concurrent edits. `segment` names the field or paragraph, as scan findings do.
 */
export const TextAnchorSchema = z.object({
  segment: z.string().min(1).max(200),
  quote: z.string().min(1).max(500),
  start: z.base64().max(200).optional(),
  end: z.base64().max(200).optional(),
});
export type TextAnchor = z.infer<typeof TextAnchorSchema>;

const Reason = z.string().trim().min(1).max(2000);
const Note = z.string().trim().max(2000);

const base = { commandId: IdSchema, storyId: IdSchema };

export const FileCommandSchema = z.object({
  ...base,
  type: z.literal('file'),
  /** The topic desk the story is filed to (时政, 农业农村…). */
  desk: DeskIdSchema,
});
export const ClaimCommandSchema = z.object({
  ...base,
  type: z.literal('claim'),
  channel: ChannelIdSchema,
  desk: DeskIdSchema,
});
export const AssignCommandSchema = z.object({
  ...base,
  type: z.literal('assign'),
  /** null = the story itself (its responsible editor on the topic desk). */
  channel: ChannelIdSchema.nullable(),
  assignee: UserIdSchema,
});
export const HandoverCommandSchema = z.object({
  ...base,
  type: z.literal('handover'),
  channel: ChannelIdSchema.nullable(),
  to: UserIdSchema,
  note: Note,
});
export const SubmitForReviewCommandSchema = z.object({
  ...base,
  type: z.literal('submit_for_review'),
  channel: ChannelIdSchema,
  contentHash: ContentHashSchema,
});
export const SignOffCommandSchema = z.object({
  ...base,
  type: z.literal('sign_off'),
  channel: ChannelIdSchema,
  step: StepIdSchema,
  contentHash: ContentHashSchema,
  comment: Note,
});
export const SendBackCommandSchema = z.object({
  ...base,
  type: z.literal('send_back'),
  /** null = back to the reporter (退稿), before any desk has claimed a version. */
  channel: ChannelIdSchema.nullable(),
  reason: Reason,
  anchors: z.array(TextAnchorSchema).max(50),
});
export const VetoCommandSchema = z.object({
  ...base,
  type: z.literal('veto'),
  channel: ChannelIdSchema,
  contentHash: ContentHashSchema,
  reason: Reason,
});
export const ProofreadCommandSchema = z.object({
  ...base,
  type: z.literal('proofread'),
  channel: ChannelIdSchema,
  /** 一校, 二校, 三校… */
  round: z.number().int().min(1).max(5),
  contentHash: ContentHashSchema,
  note: Note,
  /** How many errors the proofreader marked in this round. */
  corrections: z.number().int().min(0).max(100_000),
});
export const OverrideScanFindingCommandSchema = z.object({
  ...base,
  type: z.literal('override_scan_finding'),
  channel: ChannelIdSchema,
  key: z.string().min(1).max(300),
  /** How many occurrences the overrider saw; must match the current report. */
  occurrences: z.number().int().min(1).max(10_000),
  contentHash: ContentHashSchema,
  reason: Reason,
});
export const ScheduleCommandSchema = z.object({
  ...base,
  type: z.literal('schedule'),
  channel: ChannelIdSchema,
  publishAt: z.iso.datetime({ offset: true }),
  contentHash: ContentHashSchema,
});
export const UnscheduleCommandSchema = z.object({
  ...base,
  type: z.literal('unschedule'),
  channel: ChannelIdSchema,
  reason: Note,
});
export const PublishCommandSchema = z.object({
  ...base,
  type: z.literal('publish'),
  channel: ChannelIdSchema,
  contentHash: ContentHashSchema,
});
export const DeliveryTargetSchema = z.object({
  url: z.string().max(2000).optional(),
  externalId: z.string().max(200).optional(),
});
export type DeliveryTarget = z.infer<typeof DeliveryTargetSchema>;
export const RecordDeliveryCommandSchema = z.object({
  ...base,
  type: z.literal('record_delivery'),
  channel: ChannelIdSchema,
  revision: z.number().int().min(1),
  outcome: z.enum(['delivered', 'failed']),
  target: DeliveryTargetSchema.nullable(),
  error: z.string().max(2000).nullable(),
});
export const CorrectCommandSchema = z.object({
  ...base,
  type: z.literal('correct'),
  channel: ChannelIdSchema,
  contentHash: ContentHashSchema,
  /** The correction notice readers see (更正说明). */
  note: Reason,
});
export const SpikeCommandSchema = z.object({
  ...base,
  type: z.literal('spike'),
  /** null = the whole story and every version of it (撤稿). */
  channel: ChannelIdSchema.nullable(),
  reason: Reason,
});

export const WorkflowCommandSchema = z.discriminatedUnion('type', [
  FileCommandSchema,
  ClaimCommandSchema,
  AssignCommandSchema,
  HandoverCommandSchema,
  SubmitForReviewCommandSchema,
  SignOffCommandSchema,
  SendBackCommandSchema,
  VetoCommandSchema,
  ProofreadCommandSchema,
  OverrideScanFindingCommandSchema,
  ScheduleCommandSchema,
  UnscheduleCommandSchema,
  PublishCommandSchema,
  RecordDeliveryCommandSchema,
  CorrectCommandSchema,
  SpikeCommandSchema,
]);
export type WorkflowCommand = z.infer<typeof WorkflowCommandSchema>;
export type CommandType = WorkflowCommand['type'];
export type CommandOf<T extends CommandType> = Extract<WorkflowCommand, { type: T }>;

export const COMMAND_TYPES = [
  'file',
  'claim',
  'assign',
  'handover',
  'submit_for_review',
  'sign_off',
  'send_back',
  'veto',
  'proofread',
  'override_scan_finding',
  'schedule',
  'unschedule',
  'publish',
  'record_delivery',
  'correct',
  'spike',
] as const satisfies readonly CommandType[];

/** What a command does to the story, as the UI names the button. */
export const COMMAND_NAMES: Record<CommandType, { 'zh-CN': string; en: string }> = {
  file: { 'zh-CN': '发稿', en: 'file' },
  claim: { 'zh-CN': '认领', en: 'claim' },
  assign: { 'zh-CN': '指派', en: 'assign' },
  handover: { 'zh-CN': '移交', en: 'hand over' },
  submit_for_review: { 'zh-CN': '送审', en: 'submit for review' },
  sign_off: { 'zh-CN': '签发', en: 'sign off' },
  send_back: { 'zh-CN': '退回', en: 'send back' },
  veto: { 'zh-CN': '否决', en: 'veto' },
  proofread: { 'zh-CN': '校对', en: 'proofread' },
  override_scan_finding: { 'zh-CN': '机审放行', en: 'override a scan finding' },
  schedule: { 'zh-CN': '定时发布', en: 'schedule' },
  unschedule: { 'zh-CN': '取消定时', en: 'unschedule' },
  publish: { 'zh-CN': '发布', en: 'publish' },
  record_delivery: { 'zh-CN': '记录投递结果', en: 'record delivery' },
  correct: { 'zh-CN': '更正', en: 'correct' },
  spike: { 'zh-CN': '撤稿', en: 'spike' },
};
