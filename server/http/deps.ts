// What route handlers need from the running server, in one place.
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { ServerConfig } from '../config';
import type { FeedNotifier } from '../stories/feed-notifier';
import type { RateLimiter } from './rate-limit';

export interface AppDeps {
  db: Db;
  engine: Engine;
  config: ServerConfig;
  notifier: FeedNotifier;
  httpLimiter: RateLimiter;
  loginLimiter: RateLimiter;
  now: () => number;
  isClosing: () => boolean;
  /** Empty when ready; otherwise what is wrong (database, redis, shutting down). */
  readiness: () => Promise<string[]>;
}
