// What the desktop needs to sync with the newsroom server: the server's
// facts about each story (desk, author, assignee, revision), the outbox of
// workflow commands waiting to be sent, and which documents hold edits the
// server has not acknowledged yet.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE stories ADD COLUMN desk_id TEXT;
      ALTER TABLE stories ADD COLUMN author_id TEXT;
      ALTER TABLE stories ADD COLUMN assignee_id TEXT;
      -- The server's revision of the story's workflow facts; commands name it.
      ALTER TABLE stories ADD COLUMN server_revision INTEGER NOT NULL DEFAULT 0;
      -- Position of the story's latest change in the server's feed (NULL: never seen there).
      ALTER TABLE stories ADD COLUMN server_seq INTEGER;

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,              -- the command's idempotency key, kept across retries
        seq INTEGER NOT NULL UNIQUE,      -- send order
        story_id TEXT NOT NULL,
        command TEXT NOT NULL,            -- the command as JSON (shared/sync/commands.ts)
        undo TEXT NOT NULL,               -- the story's server facts before the command, for rollback
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_story ON outbox (story_id, seq);

      -- Documents with local edits the server has not acknowledged, and how many.
      CREATE TABLE sync_dirty (
        doc_id TEXT PRIMARY KEY,
        since TEXT NOT NULL,
        updates INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
  },
};
