// Stories, their Yjs documents (snapshot + update log) and settings.
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL DEFAULT 'draft',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        trashed_at TEXT,
        -- Projection of the story document, rebuilt whenever the document changes.
        headline TEXT NOT NULL DEFAULT '',
        kicker TEXT NOT NULL DEFAULT '',
        subheadline TEXT NOT NULL DEFAULT '',
        byline TEXT NOT NULL DEFAULT '',
        dateline TEXT NOT NULL DEFAULT '',
        section TEXT,
        keywords TEXT NOT NULL DEFAULT '[]',
        priority TEXT NOT NULL DEFAULT 'normal',
        embargo TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        paragraph_count INTEGER NOT NULL DEFAULT 0,
        excerpt TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX stories_live_updated ON stories (updated_at DESC) WHERE trashed_at IS NULL;
      CREATE INDEX stories_live_created ON stories (created_at DESC) WHERE trashed_at IS NULL;
      CREATE INDEX stories_trashed ON stories (trashed_at DESC) WHERE trashed_at IS NOT NULL;
      CREATE INDEX stories_section ON stories (section, updated_at DESC);
      CREATE INDEX stories_status ON stories (status, updated_at DESC);

      -- Text for search: one row per story, indexed by an FTS5 trigram table
      -- (trigrams work for Chinese, which has no spaces between words).
      CREATE TABLE story_text (
        rowid INTEGER PRIMARY KEY,
        story_id TEXT NOT NULL UNIQUE REFERENCES stories(id) ON DELETE CASCADE,
        titles TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE VIRTUAL TABLE story_fts USING fts5(
        titles, body, content='story_text', content_rowid='rowid', tokenize='trigram'
      );
      CREATE TRIGGER story_text_ai AFTER INSERT ON story_text BEGIN
        INSERT INTO story_fts(rowid, titles, body) VALUES (new.rowid, new.titles, new.body);
      END;
      CREATE TRIGGER story_text_ad AFTER DELETE ON story_text BEGIN
        INSERT INTO story_fts(story_fts, rowid, titles, body) VALUES ('delete', old.rowid, old.titles, old.body);
      END;
      CREATE TRIGGER story_text_au AFTER UPDATE ON story_text BEGIN
        INSERT INTO story_fts(story_fts, rowid, titles, body) VALUES ('delete', old.rowid, old.titles, old.body);
        INSERT INTO story_fts(rowid, titles, body) VALUES (new.rowid, new.titles, new.body);
      END;

      -- Yjs documents: the latest compacted snapshot plus every update since.
      CREATE TABLE doc_snapshots (
        doc_id TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE doc_updates (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX doc_updates_doc ON doc_updates (doc_id, id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
