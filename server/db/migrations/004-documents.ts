// Yjs documents: every acknowledged update appended to a log, folded now and
// then into one snapshot per document.
import type { Migration } from './types';

export const migration004: Migration = {
  version: 4,
  name: 'documents',
  async up(db, _engine, t) {
    await db.schema
      .createTable('doc_updates')
      .addColumn('id', t.serial, (c) =>
        t.serial === 'integer' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('doc_name', 'text', (c) => c.notNull())
      .addColumn('data', t.blob, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('doc_updates_doc')
      .on('doc_updates')
      .columns(['doc_name', 'id'])
      .execute();
    await db.schema
      .createTable('doc_snapshots')
      .addColumn('doc_name', 'text', (c) => c.primaryKey())
      .addColumn('state', t.blob, (c) => c.notNull())
      .addColumn('up_to', t.bigint, (c) => c.notNull())
      .addColumn('updated_at', t.bigint, (c) => c.notNull())
      .execute();
  },
};
