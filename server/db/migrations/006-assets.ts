// Photos on the newsroom server: bytes stored once under their SHA-256, and
// which story each belongs to (access follows the story: whoever may see a
// story that uses a photo may download it).
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'assets',
  async up(db, _engine, t) {
    await db.schema
      .createTable('assets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('bytes', t.bigint, (c) => c.notNull())
      .addColumn('data', t.blob, (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('story_assets')
      .addColumn('story_id', 'text', (c) => c.notNull())
      .addColumn('asset_id', 'text', (c) => c.notNull().references('assets.id'))
      .addColumn('linked_by', 'text', (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('story_assets_pk', ['story_id', 'asset_id'])
      .execute();
    // A large photo sent in parts over a weak link: each part is kept until the whole
    // has arrived (then it is checked against its SHA-256 and becomes an asset).
    await db.schema
      .createTable('asset_upload_parts')
      .addColumn('asset_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('offset', t.bigint, (c) => c.notNull())
      .addColumn('total', t.bigint, (c) => c.notNull())
      .addColumn('data', t.blob, (c) => c.notNull())
      .addColumn('created_at', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('asset_upload_parts_pk', ['asset_id', 'user_id', 'offset'])
      .execute();
    await db.schema
      .createIndex('story_assets_asset')
      .on('story_assets')
      .columns(['asset_id'])
      .execute();
  },
};
