// Photos. An asset is its bytes, stored once under their SHA-256 with what the
// host read from them (type sniffed from the bytes, pixel size, EXIF). Which
// story uses which asset is a separate table, so the same photo in two stories
// is stored once, and the sync client knows which assets it still has to
// upload (uploaded_at) for each story. Cropped renditions map a photo and a crop
// to the asset holding those pixels.
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'assets',
  up(db) {
    db.exec(`
      CREATE TABLE assets (
        -- Lowercase hex SHA-256 of data.
        id TEXT PRIMARY KEY CHECK (length(id) = 64 AND id NOT GLOB '*[^0-9a-f]*'),
        -- Sniffed from the bytes (shared/assets/model.ts), never from the file name.
        mime TEXT NOT NULL CHECK (mime GLOB 'image/*'),
        width INTEGER NOT NULL CHECK (width > 0),
        height INTEGER NOT NULL CHECK (height > 0),
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        -- ExifSchema (shared/authenticity/model.ts) as JSON.
        exif TEXT NOT NULL,
        data BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE story_assets (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        asset_id TEXT NOT NULL REFERENCES assets(id),
        file_name TEXT NOT NULL,
        added_at TEXT NOT NULL,
        -- Set once the newsroom server has the bytes (the sync client uploads the rest).
        uploaded_at TEXT,
        PRIMARY KEY (story_id, asset_id)
      ) STRICT;
      CREATE INDEX story_assets_asset ON story_assets(asset_id);

      -- A crop of a photo rendered by the window (canvas) when a desk set it, stored as
      -- an asset of its own: exports hand it out where a channel needs cropped pixels
      -- (the Douyin cover) and the host never decodes an image itself.
      CREATE TABLE asset_renditions (
        source_id TEXT NOT NULL REFERENCES assets(id),
        -- cropKey() in shared/assets/model.ts: x1_y1_x2_y2 with four decimals.
        crop TEXT NOT NULL,
        rendition_id TEXT NOT NULL REFERENCES assets(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (source_id, crop)
      ) STRICT;
    `);
  },
};
