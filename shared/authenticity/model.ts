// Authenticity supervision (真实性把关): who the story's information comes
// from, which factual claims rest on which sources and who verified them, and
// where each image comes from. Plain data with zod schemas; the server stores
// it beside the story and the workflow reads it before 终审.
import { z } from 'zod';
import { ChannelIdSchema } from '../workflow/desks';
import { UserIdSchema } from '../workflow/roles';
import { TextAnchorSchema } from '../workflow/commands';

const At = z.iso.datetime({ offset: true });
export const LocalIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id');

export const VERIFICATION_METHODS = [
  'in_person',
  'phone',
  'video_call',
  'document',
  'official_release',
  'public_record',
  'other',
] as const;

/** Who checked, when and how. A verification is a person's word, so it always names the person. */
export const VerificationSchema = z.object({
  by: UserIdSchema,
  at: At,
  method: z.enum(VERIFICATION_METHODS),
  note: z.string().max(2000),
});
export type Verification = z.infer<typeof VerificationSchema>;

/** What the newsroom writes about a source; the record adds who entered it and its verification. */
const sourceInput = {
  id: LocalIdSchema,
  /** The story relies on this source: it must be verified before 终审. */
  required: z.boolean(),
  note: z.string().max(2000),
};
const sourceRecord = {
  verification: VerificationSchema.nullable(),
  addedBy: UserIdSchema,
  addedAt: At,
};

const personSource = {
  kind: z.literal('person'),
  name: z.string().trim().min(1).max(100),
  /** 单位 and 职务 as the story names them. */
  affiliation: z.string().max(200),
  title: z.string().max(100),
  /** How to reach them again; internal, never published. */
  contact: z.string().max(200),
};
const organisationSource = {
  kind: z.literal('organisation'),
  name: z.string().trim().min(1).max(200),
  contact: z.string().max(200),
};
const documentSource = {
  kind: z.literal('document'),
  title: z.string().trim().min(1).max(300),
  issuer: z.string().max(200),
  /** 文号, report number, or URL. */
  reference: z.string().max(500),
  date: z.string().max(40),
};
const anonymousSource = {
  kind: z.literal('anonymous'),
  /** How the story describes them, e.g. 一位不愿具名的村干部. */
  description: z.string().trim().min(1).max(200),
  /** Why they are not named (安全、处分风险…): required by newsroom practice. */
  reason: z.string().trim().min(2).max(1000),
};

export const SourceInputSchema = z.discriminatedUnion('kind', [
  z.object({ ...sourceInput, ...personSource }),
  z.object({ ...sourceInput, ...organisationSource }),
  z.object({ ...sourceInput, ...documentSource }),
  z.object({ ...sourceInput, ...anonymousSource }),
]);
export type SourceInput = z.infer<typeof SourceInputSchema>;

export const SourceSchema = z.discriminatedUnion('kind', [
  z.object({ ...sourceInput, ...sourceRecord, ...personSource }),
  z.object({ ...sourceInput, ...sourceRecord, ...organisationSource }),
  z.object({ ...sourceInput, ...sourceRecord, ...documentSource }),
  z.object({ ...sourceInput, ...sourceRecord, ...anonymousSource }),
]);
export type Source = z.infer<typeof SourceSchema>;
export type SourceKind = Source['kind'];

export const ClaimSchema = z.object({
  id: LocalIdSchema,
  /** The factual statement, as the story makes it. */
  text: z.string().trim().min(1).max(2000),
  anchor: TextAnchorSchema.nullable(),
  sourceIds: z.array(LocalIdSchema).max(20),
  /** A claim the story stands on: needs a source and a verification before 终审. */
  required: z.boolean(),
  verification: VerificationSchema.nullable(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const IMAGE_ORIGINS = [
  'staff',
  'agency',
  'contributor',
  'handout',
  'social_media',
  'archive',
] as const;
export const SYNTHETIC_KINDS = ['ai_generated', 'illustration'] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

export const ExifSchema = z.object({
  /** DateTimeOriginal with its offset when the camera wrote one (ISO 8601). */
  capturedAt: z.string().max(40).nullable(),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  camera: z.string().max(100).nullable(),
});
export type Exif = z.infer<typeof ExifSchema>;

export const ImageProvenanceSchema = z.object({
  assetId: z.string().min(1).max(128),
  /** Who supplied it. */
  origin: z.enum(IMAGE_ORIGINS),
  photographer: z.string().max(100),
  agency: z.string().max(100),
  /** Where it was taken, as the photographer says (EXIF carries coordinates only). */
  placeName: z.string().max(200),
  exif: ExifSchema.nullable(),
  /** AI-generated or an illustration: every channel's caption must say so. */
  synthetic: z.enum(SYNTHETIC_KINDS).nullable(),
  /** Label text per channel when it differs from the default (e.g. a shorter one for Weibo). */
  captionLabels: z.partialRecord(ChannelIdSchema, z.string().min(1).max(40)),
});
export type ImageProvenance = z.infer<typeof ImageProvenanceSchema>;

export const AuthenticityRecordSchema = z.object({
  storyId: z.string().min(1).max(64),
  sources: z.array(SourceSchema).max(500),
  claims: z.array(ClaimSchema).max(1000),
  images: z.array(ImageProvenanceSchema).max(500),
});
export type AuthenticityRecord = z.infer<typeof AuthenticityRecordSchema>;

export function emptyAuthenticity(storyId: string): AuthenticityRecord {
  return { storyId, sources: [], claims: [], images: [] };
}
