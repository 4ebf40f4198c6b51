// Table types for kysely. Times are epoch milliseconds from the server's
// clock (BIGINT in PostgreSQL, read back as numbers; INTEGER in SQLite);
// JSON values are stored as text so both engines hold the same thing.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  login: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface DesksTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  created_at: number;
  /** A channel desk's own review chain (ReviewPlan JSON); null = the channel's default. */
  review_plan: string | null;
}

export interface DeskMembersTable {
  desk_id: string;
  user_id: string;
  added_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: a leaked database does not leak sessions. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  device: string | null;
}

export interface StoriesTable {
  id: string;
  desk_id: string | null;
  author_id: string;
  assignee_id: string | null;
  status: string;
  revision: number;
  priority: string;
  section: string | null;
  keywords: string;
  embargo: string | null;
  headline: string;
  word_count: number;
  excerpt: string;
  filed_at: number | null;
  created_at: number;
  updated_at: number;
  seq: number;
}

export interface StorySharesTable {
  story_id: string;
  user_id: string;
  granted_by: string;
  granted_at: number;
}

export interface FeedCounterTable {
  id: number;
  seq: number;
}

export interface CommandsTable {
  id: string;
  user_id: string;
  type: string;
  story_id: string;
  request_hash: string;
  http_status: number;
  outcome: string;
  created_at: number;
}

export interface EventsTable {
  id: Generated<number>;
  seq: number;
  story_id: string;
  actor_id: string;
  type: string;
  command_id: string | null;
  payload: string;
  at: number;
  prev_hash: string;
  hash: string;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: number;
}

export interface DocSnapshotsTable {
  doc_name: string;
  state: Uint8Array;
  /** Highest doc_updates.id folded into `state`. */
  up_to: number;
  updated_at: number;
}

export interface WorkflowStatesTable {
  story_id: string;
  /** StoryWorkflow as JSON: the fold of the story's workflow events. */
  state: string;
  version: number;
  updated_at: number;
}

/** shared/audit's AuditEntry, one row each; `actor` and `data` are JSON. */
export interface AuditLogTable {
  seq: number;
  at: string;
  story_id: string | null;
  actor: string;
  type: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export interface ScanListsTable {
  kind: string;
  text: string;
  updated_at: number;
  updated_by: string | null;
}

export interface ScanReportsTable {
  story_id: string;
  channel: string;
  content_hash: string;
  rules_hash: string;
  report: string;
  created_at: number;
}

export interface AuthenticityTable {
  story_id: string;
  record: string;
  updated_at: number;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  story_id: string;
  channel: string | null;
  kind: string;
  text: string;
  at: number;
  read_at: number | null;
}

export interface DeliveriesTable {
  story_id: string;
  channel: string;
  revision: number;
  content_hash: string;
  status: string;
  attempts: number;
  progress: string;
  url: string | null;
  external_id: string | null;
  error: string | null;
  lease_until: number | null;
  next_attempt_at: number | null;
  delivered_at: number | null;
  created_at: number;
}

export interface AssetsTable {
  /** Lowercase hex SHA-256 of data (checked on upload). */
  id: string;
  /** Sniffed from the bytes. */
  mime: string;
  bytes: number;
  data: Uint8Array;
  uploaded_by: string;
  created_at: number;
}

export interface StoryAssetsTable {
  story_id: string;
  asset_id: string;
  linked_by: string;
  created_at: number;
}

export interface AssetUploadPartsTable {
  asset_id: string;
  user_id: string;
  offset: number;
  total: number;
  data: Uint8Array;
  created_at: number;
}

export interface Schema {
  users: UsersTable;
  desks: DesksTable;
  desk_members: DeskMembersTable;
  sessions: SessionsTable;
  stories: StoriesTable;
  story_shares: StorySharesTable;
  feed_counter: FeedCounterTable;
  commands: CommandsTable;
  events: EventsTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  workflow_states: WorkflowStatesTable;
  audit_log: AuditLogTable;
  scan_lists: ScanListsTable;
  scan_reports: ScanReportsTable;
  authenticity: AuthenticityTable;
  notifications: NotificationsTable;
  deliveries: DeliveriesTable;
  assets: AssetsTable;
  story_assets: StoryAssetsTable;
  asset_upload_parts: AssetUploadPartsTable;
}
