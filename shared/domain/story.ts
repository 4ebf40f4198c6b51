// The master story as the desk sees it. Editable content (titles, byline,
// body…) lives in the story's Yjs document so several people can edit it;
// the host projects it into a summary row for lists, search and counts.
import { z } from 'zod';
import { IdSchema } from './ids';

export const STORY_STATUSES = [
  'draft',
  'filed',
  'editing',
  'in_review',
  'approved',
  'published',
  'spiked',
] as const;
export const StoryStatusSchema = z.enum(STORY_STATUSES);
export type StoryStatus = z.infer<typeof StoryStatusSchema>;

/** 特急 / 急 / 普通 / 缓: the priority codes wire services use. */
export const PRIORITIES = ['flash', 'urgent', 'normal', 'low'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

/** Fields kept as Y.Text in the story document's `fields` map, edited character by character. */
export const TEXT_FIELDS = [
  'headline',
  'kicker',
  'subheadline',
  'byline',
  'dateline',
  'notes',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** Limits on what a field may hold; the editor shows them, the host enforces them. */
export const FIELD_MAX_LENGTH: Record<TextField, number> = {
  headline: 200,
  kicker: 200,
  subheadline: 300,
  byline: 200,
  dateline: 100,
  notes: 10_000,
};

const SectionSchema = z.string().trim().min(1).max(40);
export const KeywordsSchema = z.array(z.string().trim().min(1).max(40)).max(30);

/** The story's fields as plain values: the shape a new story or an import starts from. */
export const StoryFieldsSchema = z.object({
  headline: z.string().max(FIELD_MAX_LENGTH.headline),
  kicker: z.string().max(FIELD_MAX_LENGTH.kicker),
  subheadline: z.string().max(FIELD_MAX_LENGTH.subheadline),
  byline: z.string().max(FIELD_MAX_LENGTH.byline),
  dateline: z.string().max(FIELD_MAX_LENGTH.dateline),
  notes: z.string().max(FIELD_MAX_LENGTH.notes),
  section: SectionSchema.nullable(),
  keywords: KeywordsSchema,
  priority: PrioritySchema,
  /** ISO 8601 instant before which the story must not be published. */
  embargo: z.iso.datetime({ offset: true }).nullable(),
});
export type StoryFields = z.infer<typeof StoryFieldsSchema>;

export const EMPTY_FIELDS: StoryFields = {
  headline: '',
  kicker: '',
  subheadline: '',
  byline: '',
  dateline: '',
  notes: '',
  section: null,
  keywords: [],
  priority: 'normal',
  embargo: null,
};

export const StorySummarySchema = z.object({
  id: IdSchema,
  status: StoryStatusSchema,
  headline: z.string(),
  kicker: z.string(),
  subheadline: z.string(),
  byline: z.string(),
  dateline: z.string(),
  section: z.string().nullable(),
  keywords: z.array(z.string()),
  priority: PrioritySchema,
  embargo: z.string().nullable(),
  /** 字数 of the body, counted by shared/text/word-count. */
  wordCount: z.number().int().nonnegative(),
  paragraphCount: z.number().int().nonnegative(),
  /** The first words of the body, for the library list. */
  excerpt: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  trashedAt: z.iso.datetime().nullable(),
  /** The desk it was filed to (发稿); null while it is a private draft. */
  deskId: z.string().nullable(),
  /** A workflow command for this story waits in the outbox (shown as pending). */
  pendingCommand: z.boolean(),
});
export type StorySummary = z.infer<typeof StorySummarySchema>;

export const STORY_SORTS = ['updated', 'created', 'headline', 'priority'] as const;
export const StorySortSchema = z.enum(STORY_SORTS);
