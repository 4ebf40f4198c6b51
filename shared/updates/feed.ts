// The update feed's wire types, shared by the newsroom server (which serves
// electron-updater's generic-provider feed and takes releases from admins),
// its release CLI and the desktop app.
import { z } from 'zod';
import { isSemver, MAX_VERSION_LENGTH } from './semver';

/** Update channels. `latest` is electron-updater's name for the stable channel. */
export const UPDATE_CHANNELS = ['latest', 'beta'] as const;
export const UpdateChannelSchema = z.enum(UPDATE_CHANNELS);
export type UpdateChannel = z.infer<typeof UpdateChannelSchema>;

export const VersionSchema = z
  .string()
  .max(MAX_VERSION_LENGTH)
  .refine(isSemver, { message: 'not a semantic version (e.g. 1.4.2 or 1.5.0-beta.1)' });

/**
 * A file name inside a release: what electron-builder produces
 * (Rongmei-Setup-1.4.2.exe, Rongmei-1.4.2-arm64.dmg, rongmei_1.4.2_amd64.deb,
 * *.blockmap, latest-mac.yml). No separators, no leading dot, so a name can
 * never leave its release folder.
 */
export const RELEASE_FILE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,199}$/;
export const ReleaseFileNameSchema = z
  .string()
  .regex(RELEASE_FILE_NAME_RE, 'not a release file name')
  .refine((n) => !n.includes('..'), { message: 'not a release file name' });

/** 0–100: the share of installations offered a release (electron-updater's stagingPercentage). */
export const StagingPercentageSchema = z.number().int().min(0).max(100);

/** sha512 of a file, base64, as electron-builder writes it in latest.yml. */
export const Sha512Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'not a base64 sha512');

export const UploadedFileSchema = z.object({
  name: ReleaseFileNameSchema,
  size: z.number().int().nonnegative(),
  sha512: Sha512Schema,
});
export type UploadedFile = z.infer<typeof UploadedFileSchema>;

export const PublishReleaseSchema = z.object({
  channel: UpdateChannelSchema,
  stagingPercentage: StagingPercentageSchema.default(100),
});
export type PublishRelease = z.input<typeof PublishReleaseSchema>;

/** Points a channel at a published release and/or changes its rollout. */
export const SetChannelSchema = z
  .object({
    version: VersionSchema.optional(),
    stagingPercentage: StagingPercentageSchema.optional(),
  })
  .refine((v) => v.version !== undefined || v.stagingPercentage !== undefined, {
    message: 'give a version, a stagingPercentage or both',
  });
export type SetChannel = z.infer<typeof SetChannelSchema>;

export const ChannelStateSchema = z.object({
  version: VersionSchema,
  stagingPercentage: StagingPercentageSchema,
  updatedAt: z.iso.datetime(),
  /** Every version this channel has pointed at, oldest first (for IT pins). */
  history: z.array(z.object({ version: VersionSchema, at: z.iso.datetime() })),
});
export type ChannelState = z.infer<typeof ChannelStateSchema>;

export const ChannelsSchema = z.partialRecord(UpdateChannelSchema, ChannelStateSchema);
export type Channels = z.infer<typeof ChannelsSchema>;

/** Platform suffix of a channel file: '' (Windows), '-mac', '-linux', '-linux-arm64'… */
export const PlatformSuffixSchema = z.string().regex(/^(|-mac|-linux(?:-[a-z0-9_]{1,16})?)$/);

export const ReleaseSummarySchema = z.object({
  version: VersionSchema,
  publishedAt: z.iso.datetime(),
  files: z.array(UploadedFileSchema),
  /** Platform suffixes this release has a manifest for. */
  platforms: z.array(PlatformSuffixSchema),
});
export type ReleaseSummary = z.infer<typeof ReleaseSummarySchema>;

export const ReleaseListSchema = z.object({
  releases: z.array(ReleaseSummarySchema),
  channels: ChannelsSchema,
});
export type ReleaseList = z.infer<typeof ReleaseListSchema>;

export const PublishResultSchema = z.object({
  release: ReleaseSummarySchema,
  channel: UpdateChannelSchema,
  state: ChannelStateSchema,
});
export type PublishResult = z.infer<typeof PublishResultSchema>;

/**
 * A channel file name as electron-updater asks for it: `<channel><platform>.yml`,
 * e.g. latest.yml, beta-mac.yml, latest-linux-arm64.yml. Null when it is not one.
 */
export function parseChannelFile(name: string): { channel: string; platform: string } | null {
  const m = /^([a-z]{1,16})(-mac|-linux(?:-[a-z0-9_]{1,16})?)?\.yml$/.exec(name);
  return m ? { channel: m[1]!, platform: m[2] ?? '' } : null;
}
