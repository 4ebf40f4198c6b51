// What the desktop updater tells the renderer: one status object, sent in
// full whenever it changes, so the Settings page and the sidebar indicator
// can never disagree. Errors are codes; the UI has words for each.
import { z } from 'zod';
import { UpdateChannelSchema, VersionSchema } from './feed';

export const UPDATE_ERROR_CODES = [
  /** No answer from the server (offline, refused, DNS, timeout). */
  'unreachable',
  /** The server answered but has no feed for this channel/platform. */
  'feed_missing',
  /** The server answered with an error. */
  'server_error',
  /** The downloaded file did not match the manifest's sha512; it was thrown away. */
  'checksum',
  /** The installer is not signed by the publisher the app expects. */
  'signature',
  /** Not enough space or no permission in the download folder. */
  'disk',
  'unknown',
] as const;
export const UpdateErrorCodeSchema = z.enum(UPDATE_ERROR_CODES);
export type UpdateErrorCode = z.infer<typeof UpdateErrorCodeSchema>;

export const UpdateStateSchema = z.enum([
  /** This host cannot update itself (web host, development build). */
  'unavailable',
  /** Turned off by the IT policy (or no feed address is configured). */
  'disabled',
  'idle',
  'checking',
  'downloading',
  /** Downloaded and verified; installs on restart. */
  'ready',
]);
export type UpdateState = z.infer<typeof UpdateStateSchema>;

export const UpdateStatusSchema = z.object({
  state: UpdateStateSchema,
  /** Why the updater is unavailable or disabled. */
  reason: z.enum(['web_host', 'development', 'policy', 'policy_invalid', 'no_feed']).nullable(),
  currentVersion: z.string(),
  channel: UpdateChannelSchema,
  feedUrl: z.string().nullable(),
  pinVersion: VersionSchema.nullable(),
  policySource: z.enum(['none', 'file', 'invalid']),
  policyPath: z.string().nullable(),
  lastCheckAt: z.iso.datetime().nullable(),
  nextCheckAt: z.iso.datetime().nullable(),
  /** The newer version found (downloading or ready). */
  available: z.object({ version: VersionSchema, releaseDate: z.string().nullable() }).nullable(),
  /** A newer version the pin keeps back. */
  heldBack: VersionSchema.nullable(),
  progress: z
    .object({
      percent: z.number().min(0).max(100),
      transferred: z.number().nonnegative(),
      total: z.number().nonnegative(),
      bytesPerSecond: z.number().nonnegative(),
    })
    .nullable(),
  lastError: z.object({ code: UpdateErrorCodeSchema, at: z.iso.datetime() }).nullable(),
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** The status of a host that has no updater (the web host). */
export function unavailableStatus(currentVersion: string): UpdateStatus {
  return {
    state: 'unavailable',
    reason: 'web_host',
    currentVersion,
    channel: 'latest',
    feedUrl: null,
    pinVersion: null,
    policySource: 'none',
    policyPath: null,
    lastCheckAt: null,
    nextCheckAt: null,
    available: null,
    heldBack: null,
    progress: null,
    lastError: null,
  };
}
