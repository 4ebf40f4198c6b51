// The change feed: every change to a story the reader may see gets a place in
// one server-wide sequence; a client keeps the last `cursor` it applied and
// asks for what came after it. Long-poll: with `wait` > 0 the server holds
// the request until something arrives or `wait` seconds pass.
import { z } from 'zod';
import { ServerStorySchema } from './stories';

export const FEED_MAX_WAIT_S = 25;
export const FEED_MAX_LIMIT = 500;

export const FeedQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative().default(0),
  wait: z.coerce.number().min(0).max(FEED_MAX_WAIT_S).default(0),
  limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(200),
});
export type FeedQuery = z.input<typeof FeedQuerySchema>;

export const FeedPageSchema = z.object({
  /** Pass this back as `cursor`; it only ever grows. */
  cursor: z.number().int().nonnegative(),
  /** Latest state of each changed story, oldest change first. */
  changes: z.array(ServerStorySchema),
  /** True when the page was cut at `limit`: ask again at once. */
  more: z.boolean(),
});
export type FeedPage = z.infer<typeof FeedPageSchema>;
