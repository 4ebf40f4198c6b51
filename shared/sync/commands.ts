// Workflow commands: what a client asks the server to do to a story. Each
// carries an idempotency key (`id`, made once by the client's outbox and
// reused on every retry) and the story revision it was made against, so a
// command from a stale view is rejected instead of silently applied.
// Adding a command (issue 6: sign-off, send back, publish…) = one schema in
// COMMAND_SCHEMAS, one rule in shared/workflow/story-rules.ts, one applier
// on the server.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { ServerErrorSchema } from './errors';
import { ServerStorySchema, StoryMetaPatchSchema } from './stories';
import { WorkflowCommandSchema } from '../workflow/commands';
import { ReasonSchema } from '../workflow/reasons';
import { StoryWorkflowSchema } from '../workflow/state';

/** A client-made key: a UUID is the usual choice. */
export const CommandIdSchema = z
  .string()
  .min(16)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/);

const base = {
  id: CommandIdSchema,
  storyId: IdSchema,
  /** The story revision the client saw; 0 for a story the server has never seen. */
  expectedRevision: z.number().int().nonnegative(),
  /** The client's clock when the person acted: kept for the record, never used to order anything. */
  issuedAt: z.iso.datetime({ offset: true }).optional(),
};

/** 发稿: puts the story into the shared database for a desk. */
export const FileStoryCommandSchema = z.object({
  ...base,
  type: z.literal('story.file'),
  deskId: IdSchema,
});

/** Gives the story to a person of its desk (null takes it back). */
export const AssignStoryCommandSchema = z.object({
  ...base,
  type: z.literal('story.assign'),
  assigneeId: IdSchema.nullable(),
});

export const UpdateStoryMetaCommandSchema = z.object({
  ...base,
  type: z.literal('story.update-meta'),
  patch: StoryMetaPatchSchema,
});

/** Lets one person outside the desk see (and edit) the story. */
export const ShareStoryCommandSchema = z.object({
  ...base,
  type: z.literal('story.share'),
  userId: IdSchema,
  grant: z.boolean(),
});

/**
 * One command of the editorial workflow (shared/workflow: claim, submit,
 * sign off, publish…), carried under the same idempotency key (`id` must
 * equal `command.commandId`). `expectedRevision` is not checked for these:
 * the workflow rules check state and content hashes themselves.
 */
export const WorkflowStoryCommandSchema = z.object({
  ...base,
  type: z.literal('story.workflow'),
  command: WorkflowCommandSchema,
});

export const COMMAND_SCHEMAS = [
  FileStoryCommandSchema,
  AssignStoryCommandSchema,
  UpdateStoryMetaCommandSchema,
  ShareStoryCommandSchema,
  WorkflowStoryCommandSchema,
] as const;

export const CommandSchema = z.discriminatedUnion('type', COMMAND_SCHEMAS);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const COMMAND_TYPES = COMMAND_SCHEMAS.map((s) => s.shape.type.value) as CommandType[];

export const AppliedCommandSchema = z.object({
  commandId: CommandIdSchema,
  status: z.literal('applied'),
  story: ServerStorySchema,
  /** The story's workflow after a `story.workflow` command. */
  workflow: StoryWorkflowSchema.optional(),
});

export const RejectedCommandSchema = z.object({
  commandId: CommandIdSchema,
  status: z.literal('rejected'),
  error: ServerErrorSchema,
  /** The story as it is now, when the sender may see it: what to roll back to. */
  story: ServerStorySchema.nullable(),
  /** Why the workflow rules refused a `story.workflow` command, in both languages. */
  reason: ReasonSchema.optional(),
});

export const CommandOutcomeSchema = z.discriminatedUnion('status', [
  AppliedCommandSchema,
  RejectedCommandSchema,
]);
export type CommandOutcome = z.infer<typeof CommandOutcomeSchema>;
