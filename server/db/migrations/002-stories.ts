// Stories as the server knows them, who they were shared with, and the one
// counter that orders the change feed.
import { sql } from 'kysely';
import type { Migration } from './types';

export const migration002: Migration = {
  version: 2,
  name: 'stories',
  async up(db, _engine, t) {
    await db.schema
      .createTable('stories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('desk_id', 'text', (c) => c.references('desks.id'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('revision', t.bigint, (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('section', 'text')
      .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('embargo', 'text')
      .addColumn('headline', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('word_count', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('filed_at', t.bigint)
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .execute();
    // The feed reads "changes after cursor" per desk and per author.
    await db.schema.createIndex('stories_seq').on('stories').column('seq').execute();
    await db.schema
      .createIndex('stories_desk_seq')
      .on('stories')
      .columns(['desk_id', 'seq'])
      .execute();
    await db.schema
      .createIndex('stories_author_seq')
      .on('stories')
      .columns(['author_id', 'seq'])
      .execute();
    await db.schema
      .createTable('story_shares')
      .addColumn('story_id', 'text', (c) =>
        c.notNull().references('stories.id').onDelete('cascade'),
      )
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('granted_by', 'text', (c) => c.notNull())
      .addColumn('granted_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('story_shares_pk', ['story_id', 'user_id'])
      .execute();
    await db.schema.createIndex('story_shares_user').on('story_shares').column('user_id').execute();
    // One row, taken with a row lock by every writer: the feed's order is the
    // commit order, so a reader at cursor N can never miss a change below N.
    await db.schema
      .createTable('feed_counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .execute();
    await sql`INSERT INTO feed_counter (id, seq) VALUES (1, 0)`.execute(db);
  },
};
