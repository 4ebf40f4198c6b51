// What crosses the contract about variants: each channel's state for a story,
// the master diff ("原稿已更新"), a pull's report, an export's result, and the
// channel context the renderer needs to derive previews exactly as the host does.
import { z } from 'zod';
import { ChannelIdSchema } from '../domain/channel-ids';

export const VariantStateSchema = z.object({
  channel: ChannelIdSchema,
  /** The story goes to this channel (a desk can switch a channel off for a story). */
  enabled: z.boolean(),
  /** The variant document exists: it was derived at least once. */
  derived: z.boolean(),
  /**
   * A desk changed the variant since it was derived. Until then the variant
   * follows the master; from then on master edits never overwrite it.
   */
  edited: z.boolean(),
  /** The master changed since the revision this variant was made from (or last pulled/dismissed). */
  masterChanged: z.boolean(),
  baseRevision: z.string().nullable(),
  derivedAt: z.string().nullable(),
  /** When a desk last dismissed a master change. */
  dismissedAt: z.string().nullable(),
});
export type VariantState = z.infer<typeof VariantStateSchema>;

const TextPartSchema = z.object({
  op: z.enum(['equal', 'insert', 'delete']),
  text: z.string(),
});

export const MasterChangeSchema = z.object({
  changed: z.boolean(),
  fields: z.array(
    z.object({
      field: z.string(),
      before: z.string(),
      after: z.string(),
      parts: z.array(TextPartSchema),
    }),
  ),
  paragraphs: z.array(
    z.object({
      kind: z.enum(['added', 'removed', 'changed']),
      beforeIndex: z.number().int().nullable(),
      afterIndex: z.number().int().nullable(),
      before: z.string(),
      after: z.string(),
      parts: z.array(TextPartSchema),
    }),
  ),
  images: z.object({
    added: z.array(z.string()),
    removed: z.array(z.string()),
    changed: z.array(z.string()),
  }),
});
export type MasterChangeData = z.infer<typeof MasterChangeSchema>;

/** One place where the master's change and the desk's edit collide, as readable text. */
export const PullConflictSchema = z.object({
  base: z.string(),
  ours: z.string(),
  theirs: z.string(),
});

export const FieldPullSchema = z.object({
  field: z.string(),
  status: z.enum(['unchanged', 'replaced', 'merged', 'conflict']),
  applied: z.number().int().nonnegative().optional(),
  conflicts: z.array(PullConflictSchema).optional(),
});
export type FieldPullReport = z.infer<typeof FieldPullSchema>;

export const PullReportSchema = z.object({
  fields: z.array(FieldPullSchema),
  hasConflicts: z.boolean(),
  state: VariantStateSchema,
});
export type PullReport = z.infer<typeof PullReportSchema>;

/** The channel context derivation needs from outside the story (tracked links, channel settings). */
export const ChannelContextSchema = z.object({
  storyId: z.string(),
  links: z.object({ baseUrl: z.string(), onlineUrl: z.string().optional() }).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type ChannelContextData = z.infer<typeof ChannelContextSchema>;

export const ExportedFileSchema = z.object({
  channel: ChannelIdSchema,
  /** Path inside the export: `<channel>/<file>`. */
  path: z.string(),
  mediaType: z.string(),
  bytes: z.number().int().nonnegative(),
});

export const ExportResultSchema = z.object({
  files: z.array(ExportedFileSchema),
  /** Photos whose bytes were not found; the export went on without them. */
  missing: z.array(z.object({ channel: ChannelIdSchema, path: z.string() })),
  /** Checks the host ran on the exported files (ninjs schema), failed ones first. */
  checks: z.array(
    z.object({
      channel: ChannelIdSchema,
      check: z.string(),
      ok: z.boolean(),
      errors: z.array(z.string()),
    }),
  ),
  /** For a zip: the file name to offer and its bytes (base64). */
  zip: z.object({ fileName: z.string(), data: z.base64() }).optional(),
  /** For a folder: where the files were written. */
  folder: z.string().optional(),
  /** The user closed the folder chooser. */
  cancelled: z.boolean().optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;
