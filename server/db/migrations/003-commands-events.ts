// Applied (and rejected) commands by idempotency key, and the append-only
// event log with a hash chain column for the audit of issue 6.
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'commands-events',
  async up(db, _engine, t) {
    await db.schema
      .createTable('commands')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('http_status', 'integer', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('events')
      .addColumn('id', t.serial, (c) =>
        t.serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('seq', t.bigint, (c) => c.notNull())
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('command_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema.createIndex('events_story').on('events').columns(['story_id', 'id']).execute();
  },
};
