// electron-builder's update manifest (latest.yml and friends): the fields
// electron-updater reads, checked before the server accepts or serves one.
import { z } from 'zod';
import { ReleaseFileNameSchema, Sha512Schema, VersionSchema } from './feed';

export const ManifestFileSchema = z
  .object({
    url: ReleaseFileNameSchema,
    sha512: Sha512Schema,
    size: z.number().int().nonnegative().optional(),
    blockMapSize: z.number().int().nonnegative().optional(),
    isAdminRightsRequired: z.boolean().optional(),
  })
  .loose();

export const UpdateManifestSchema = z
  .object({
    version: VersionSchema,
    files: z.array(ManifestFileSchema).min(1).max(50),
    /** Legacy single-file fields electron-builder still writes. */
    path: ReleaseFileNameSchema.optional(),
    sha512: Sha512Schema.optional(),
    releaseDate: z.string().max(64).optional(),
    releaseName: z.string().max(200).nullish(),
    releaseNotes: z.union([z.string().max(20_000), z.array(z.unknown()).max(100)]).nullish(),
    minimumSystemVersion: z.string().max(64).optional(),
    /** Set by the server from the channel's rollout; an uploaded value is ignored. */
    stagingPercentage: z.number().optional(),
  })
  .loose();
export type UpdateManifest = z.infer<typeof UpdateManifestSchema>;

/** Every file a manifest names, with the sha512 it promises. */
export function namedFiles(
  m: UpdateManifest,
): Array<{ name: string; sha512: string; size?: number }> {
  const out = m.files.map((f) => ({ name: f.url, sha512: f.sha512, size: f.size }));
  if (m.path && !out.some((f) => f.name === m.path)) {
    out.push({ name: m.path, sha512: m.sha512 ?? '', size: undefined });
  }
  return out;
}
