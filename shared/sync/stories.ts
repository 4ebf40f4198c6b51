// A story as the server knows it: the workflow facts it is authoritative for
// (desk, state, assignee, revision) and a projection of the story document
// (headline, 字数) for lists. The text itself travels as Yjs updates.
import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { KeywordsSchema, PrioritySchema, StoryStatusSchema } from '../domain/story';

export const ServerStorySchema = z.object({
  id: IdSchema,
  /** The desk the story was filed to; null while it is a private draft. */
  deskId: IdSchema.nullable(),
  authorId: IdSchema,
  assigneeId: IdSchema.nullable(),
  status: StoryStatusSchema,
  /** Bumped by every applied command; a command names the revision it was made against. */
  revision: z.number().int().nonnegative(),
  priority: PrioritySchema,
  section: z.string().nullable(),
  keywords: z.array(z.string()),
  embargo: z.string().nullable(),
  headline: z.string(),
  wordCount: z.number().int().nonnegative(),
  excerpt: z.string(),
  /** Server clock, so a client whose clock is off cannot reorder anything. */
  filedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Position in the change feed of the story's latest change. */
  seq: z.number().int().nonnegative(),
});
export type ServerStory = z.infer<typeof ServerStorySchema>;

/** Metadata a command may change; the text fields change through the document. */
export const StoryMetaPatchSchema = z
  .object({
    priority: PrioritySchema,
    section: z.string().trim().min(1).max(40).nullable(),
    keywords: KeywordsSchema,
    embargo: z.iso.datetime({ offset: true }).nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'empty patch' });
export type StoryMetaPatch = z.infer<typeof StoryMetaPatchSchema>;
