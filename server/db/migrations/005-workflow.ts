// The editorial workflow (issue 6): each story's workflow state projected
// from its events, the hash-chained audit log in shared/audit's format, the
// newsroom's word lists, scan reports, authenticity records, per-person
// notifications and publishing deliveries.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'workflow',
  async up(db, _engine, t) {
    // A desk's own review chain (ReviewPlan JSON); null = the newsroom default for its channel.
    await db.schema.alterTable('desks').addColumn('review_plan', 'text').execute();
    await db.schema
      .createTable('workflow_states')
      .addColumn('story_id', 'text', (c) => c.primaryKey())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', t.bigint, (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('story_id', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema
      .createIndex('audit_log_story')
      .on('audit_log')
      .columns(['story_id', 'seq'])
      .execute();
    await db.schema
      .createTable('scan_lists')
      .addColumn('kind', 'text', (c) => c.primaryKey())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .execute();
    await db.schema
      .createTable('scan_reports')
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('rules_hash', 'text', (c) => c.notNull())
      .addColumn('report', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('scan_reports_pk', ['story_id', 'channel'])
      .execute();
    await db.schema
      .createTable('authenticity')
      .addColumn('story_id', 'text', (c) => c.primaryKey())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('notifications')
      .addColumn('id', t.serial, (c) =>
        t.serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('at', t.bigint, (c) => c.notNull())
      .addColumn('read_at', t.bigint)
      .execute();
    await db.schema
      .createIndex('notifications_user')
      .on('notifications')
      .columns(['user_id', 'id'])
      .execute();
    await db.schema
      .createTable('deliveries')
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      /** pending | sending | delivered | failed | exported */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      /** Adapter progress kept between attempts (WeChat media/draft/publish ids), so a retry resumes instead of posting again. */
      .addColumn('progress', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('external_id', 'text')
      .addColumn('error', 'text')
      .addColumn('lease_until', t.bigint)
      .addColumn('next_attempt_at', t.bigint)
      .addColumn('delivered_at', t.bigint)
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('deliveries_pk', ['story_id', 'channel', 'revision'])
      .execute();
  },
};
