// Tracked short links for QR codes and "read more" links: one URL per story,
// channel and target, so a redirect service can count scans per placement.
// Format: {baseUrl}/q/{storyKey}/{channel}/{target}, storyKey = the story's
// UUID in base62 (22 characters) so the code stays small (QR version 4–5 at M).
import { z } from 'zod';
import { recentResults } from './recent';

export const TrackedLinkSettingsSchema = z.object({
  /** Base of the newsroom's short-link service, e.g. https://s.example.cn (no trailing slash needed). */
  baseUrl: z.url(),
});
export type TrackedLinkSettings = z.infer<typeof TrackedLinkSettingsSchema>;

export interface TrackedLinkTarget {
  storyId: string;
  /** The channel where the link is placed: print, wechat, … */
  channel: string;
  /** What it leads to: `online` (the app article), `shop`, or a newsroom's own ref. */
  target: string;
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const SAFE_SEGMENT = /^[A-Za-z0-9_-]{1,40}$/;

/** A UUID as 22 base62 characters; other ids pass through if URL-safe. */
export function storyKey(storyId: string): string {
  return recentKeys(storyId);
}

/** Every keystroke re-derives the story's links (BigInt arithmetic each time otherwise). */
const recentKeys = recentResults(toStoryKey, 16);

function toStoryKey(storyId: string): string {
  if (!UUID_RE.test(storyId)) {
    if (SAFE_SEGMENT.test(storyId)) return storyId;
    throw new Error(`story id not usable in a link: ${storyId}`);
  }
  let n = BigInt('0x' + storyId.replace(/-/g, ''));
  let out = '';
  for (let i = 0; i < 22; i++) {
    out = B62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** Inverse of storyKey for UUIDs. */
export function storyIdFromKey(key: string): string | null {
  if (key.length !== 22 || ![...key].every((c) => B62.includes(c))) return null;
  let n = 0n;
  for (const c of key) n = n * 62n + BigInt(B62.indexOf(c));
  const hex = n.toString(16).padStart(32, '0');
  if (hex.length > 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function trackedLink(settings: TrackedLinkSettings, t: TrackedLinkTarget): string {
  for (const seg of [t.channel, t.target])
    if (!SAFE_SEGMENT.test(seg)) throw new Error(`bad link segment: ${seg}`);
  const base = settings.baseUrl.replace(/\/+$/, '');
  return `${base}/q/${storyKey(t.storyId)}/${t.channel}/${t.target}`;
}

/** What a redirect service needs to count a scan: story, channel and target, or null if not ours. */
export function parseTrackedLink(
  settings: TrackedLinkSettings,
  url: string,
): (TrackedLinkTarget & { storyKey: string }) | null {
  const base = settings.baseUrl.replace(/\/+$/, '');
  if (!url.startsWith(base + '/q/')) return null;
  const [key, channel, target, ...rest] = url.slice(base.length + 3).split(/[/?#]/);
  if (!key || !channel || !target || rest.some(Boolean)) return null;
  if (!SAFE_SEGMENT.test(channel) || !SAFE_SEGMENT.test(target)) return null;
  return { storyKey: key, storyId: storyIdFromKey(key) ?? key, channel, target };
}
