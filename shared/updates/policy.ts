// The IT policy file (policy.json, machine-wide): whether the app updates
// itself, from where, on which channel, and the newest version it may reach.
// A file that exists but cannot be read or understood turns updates off — the
// one choice that cannot install something IT did not want — and says why.
import { z } from 'zod';
import { UpdateChannelSchema, VersionSchema, type UpdateChannel } from './feed';

const FeedUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(
    (u) => {
      const url = new URL(u);
      return !url.username && !url.password && !url.search && !url.hash;
    },
    { message: 'the feed address may not carry a user name, password, query or fragment' },
  );

export const UpdatePolicySchema = z
  .object({
    updates: z
      .object({
        /** false: never check, download or install. */
        enabled: z.boolean().optional(),
        channel: UpdateChannelSchema.optional(),
        /** The newsroom server's feed, e.g. https://rongmei.newsroom.cn/updates/ */
        feedUrl: FeedUrlSchema.optional(),
        /** Never install a version newer than this one. */
        pinVersion: VersionSchema.optional(),
        checkIntervalHours: z.number().min(1).max(168).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type UpdatePolicy = z.infer<typeof UpdatePolicySchema>;

export interface EffectiveUpdatePolicy {
  enabled: boolean;
  channel: UpdateChannel;
  feedUrl: string | null;
  pinVersion: string | null;
  checkIntervalMs: number;
  /** Where the policy came from: no file, a good file, or a file that was refused. */
  source: 'none' | 'file' | 'invalid';
  path: string | null;
  /** Why the file was refused (English, for IT; the UI shows its own text for `source`). */
  problem: string | null;
}

export const DEFAULT_CHECK_INTERVAL_HOURS = 4;

export interface PolicyDefaults {
  feedUrl: string | null;
  channel: UpdateChannel;
}

/**
 * Turns the policy file's text into the settings the updater follows.
 * `text` null means there is no file.
 */
export function resolvePolicy(
  text: string | null,
  path: string | null,
  defaults: PolicyDefaults,
): EffectiveUpdatePolicy {
  const base = {
    enabled: true,
    channel: defaults.channel,
    feedUrl: defaults.feedUrl,
    pinVersion: null,
    checkIntervalMs: DEFAULT_CHECK_INTERVAL_HOURS * 3600_000,
    path,
    problem: null,
  };
  if (text === null) return { ...base, source: 'none' };
  const refuse = (problem: string): EffectiveUpdatePolicy => ({
    ...base,
    enabled: false,
    source: 'invalid',
    problem: problem.slice(0, 500),
  });
  let json: unknown;
  try {
    // A BOM is what Notepad writes; JSON.parse does not accept it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return refuse(`not valid JSON: ${(err as Error).message}`);
  }
  const parsed = UpdatePolicySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return refuse(`${first?.path.join('.') || '(file)'}: ${first?.message ?? 'invalid'}`);
  }
  const u = parsed.data.updates ?? {};
  return {
    ...base,
    source: 'file',
    enabled: u.enabled ?? true,
    channel: u.channel ?? defaults.channel,
    feedUrl: u.feedUrl ?? defaults.feedUrl,
    pinVersion: u.pinVersion ?? null,
    checkIntervalMs: (u.checkIntervalHours ?? DEFAULT_CHECK_INTERVAL_HOURS) * 3600_000,
  };
}
