// Per-channel versions of a story. The variant's content is a Yjs document
// (`variant:<story>:<channel>` in doc_snapshots/doc_updates, like the master);
// these tables hold what is not content: whether the story goes to the
// channel, whether a desk has edited the variant, and the master revision it
// was made from — kept whole, so "原稿已更新" can show what changed since.
// A story without a row for a channel goes to it and has no variant yet.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'variants',
  up(db) {
    db.exec(`
      -- The master as derivation read it, once per revision a variant was made from
      -- or pulled to. Rows nobody refers to are deleted by the variant service.
      CREATE TABLE master_revisions (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        -- SHA-256 of the master's canonical JSON (shared/variants/master.ts).
        revision TEXT NOT NULL CHECK (length(revision) = 64),
        -- That JSON: fields, body and photos.
        content TEXT NOT NULL,
        -- The master document's Yjs snapshot then (state vector and delete set), so a
        -- later version can tell exactly which updates it had seen.
        yjs_snapshot BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (story_id, revision)
      ) STRICT;

      CREATE TABLE story_variants (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        -- A channel id (shared/domain/channel-ids.ts); checked in code so a new channel needs no migration.
        channel TEXT NOT NULL CHECK (channel GLOB '[a-z]*' AND length(channel) <= 20),
        enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        -- Set once the variant document exists.
        derived_at TEXT,
        base_revision TEXT,
        -- Hash of the variant's content as last derived: a document that no longer
        -- hashes to it has been edited by a desk.
        derived_hash TEXT,
        -- A desk changed the variant: from then on the master never overwrites it.
        edited INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
        -- The master revision whose change the desk last dismissed.
        dismissed_revision TEXT,
        dismissed_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (story_id, channel),
        FOREIGN KEY (story_id, base_revision) REFERENCES master_revisions (story_id, revision),
        CHECK ((derived_at IS NULL) = (base_revision IS NULL)),
        CHECK ((derived_at IS NULL) = (derived_hash IS NULL))
      ) STRICT;
    `);
  },
};
