// The print variant: what the print desk edits, and the print channel's settings.
import { z } from 'zod';
import { BodySchema } from '../../body/blocks';
import { ImageRefSchema } from '../../domain/master-story';
import { PrintTemplateSchema } from './templates';
import { settingsReader } from '../common/settings';

export const PrintPhotoSchema = z.object({
  image: ImageRefSchema,
  /** The print caption (图片说明); starts as the master's, edited for the page. */
  caption: z.string(),
});

export const PrintLayoutSchema = z.object({
  templateId: z.string().min(1),
  /** Template columns the story spans. */
  span: z.number().int().min(1).max(20),
  /** Columns the body is set in, when a wide block is re-split. */
  bodyColumns: z.number().int().min(1).max(20).optional(),
  /** Depth in body lines, when the story does not run the full column. */
  depthLines: z.number().int().min(1).max(400).optional(),
  /** Body lines given to photos and boxes, summed over the columns. */
  reservedLines: z.number().int().min(0).max(4000),
});

export const PrintQrSchema = z.object({
  /** Print a QR code to the story's online (app) version. */
  online: z.boolean(),
  /** "Scan and shop": a product page; empty for none. */
  shopUrl: z.string(),
  shopLabel: z.string(),
});

export const PrintVariantSchema = z.object({
  kicker: z.string(),
  headline: z.string(),
  subheadline: z.string(),
  byline: z.string(),
  dateline: z.string(),
  body: BodySchema,
  photos: z.array(PrintPhotoSchema),
  layout: PrintLayoutSchema,
  qr: PrintQrSchema,
});
export type PrintVariant = z.infer<typeof PrintVariantSchema>;

export const PrintSettingsSchema = z.object({
  /** The newsroom's own templates, in addition to the built-in ones. */
  templates: z.array(PrintTemplateSchema).default([]),
  defaultTemplateId: z.string().default('broadsheet'),
  defaultSpan: z.number().int().min(1).default(3),
  kinsoku: z.enum(['basic', 'gb', 'strict']).default('gb'),
  hangPunctuation: z.boolean().default(false),
  /** Body lines a QR code block (20 mm code plus its line of text) takes. */
  qrLines: z.number().int().min(0).default(6),
});
export type PrintSettings = z.infer<typeof PrintSettingsSchema>;

/** The channel's settings with defaults filled in (parsed once per settings object; do not change the result). */
export const printSettings: (raw: unknown) => PrintSettings = settingsReader(PrintSettingsSchema);
