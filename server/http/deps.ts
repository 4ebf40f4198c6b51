// What route handlers need from the running server, in one place.
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import type { ServerConfig } from '../config';
import type { FeedNotifier } from '../stories/feed-notifier';
import type { RateLimiter } from './rate-limit';
import type { ReleaseStore } from '../updates/release-store';
import type { WorkflowDeps } from '../workflow/execute-command';

export interface AppDeps {
  db: Db;
  engine: Engine;
  config: ServerConfig;
  notifier: FeedNotifier;
  /** The update feed's releases and channels. */
  releases: ReleaseStore;
  httpLimiter: RateLimiter;
  loginLimiter: RateLimiter;
  now: () => number;
  /** Documents and the scanner, for workflow commands. */
  workflow: WorkflowDeps;
  /** A workflow command was applied (the publisher may have work). */
  onWorkflowApplied?: () => void;
  isClosing: () => boolean;
  /** Empty when ready; otherwise what is wrong (database, redis, shutting down). */
  readiness: () => Promise<string[]>;
}
