// The desktop's photos: bytes in the drafts database (encrypted at rest like
// the drafts), keyed by SHA-256, and which story uses which.
import crypto from 'node:crypto';
import type { Db } from '../store/database';
import { HostError } from '@shared/api/errors';
import { cropKey, ExifSchema, safeFileName, type Exif } from '@shared/assets/model';
import type { Crop } from '@shared/domain/master-story';
import type { ImageRef } from '@shared/domain/master-story';
import { inspectImage } from './inspect';

export interface StoredAsset {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  exif: Exif;
}

interface AssetRow {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  exif: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export class AssetStore {
  constructor(private readonly db: Db) {}

  /** Checks and stores a photo for a story; the same bytes are stored once. */
  async add(
    storyId: string,
    fileName: string,
    data: Uint8Array,
    now = new Date().toISOString(),
  ): Promise<{ image: ImageRef; exif: Exif }> {
    const info = await inspectImage(data);
    const id = sha256Hex(data);
    const name = safeFileName(fileName, id, info.mime);
    this.db.transaction(() => {
      this.insert(id, info, data, now);
      this.link(storyId, id, name, now);
    })();
    return {
      image: {
        id,
        caption: '',
        credit: '',
        width: info.width,
        height: info.height,
        mime: info.mime,
        bytes: info.bytes,
        aiGenerated: false,
        fileName: name,
      },
      exif: info.exif,
    };
  }

  /** Stores bytes that arrived from the server (verified against their id) for a story. */
  async addDownloaded(storyId: string, id: string, data: Uint8Array): Promise<StoredAsset> {
    if (sha256Hex(data) !== id)
      throw new HostError('asset_corrupt', 'downloaded bytes do not match');
    const info = await inspectImage(data);
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.insert(id, info, data, now);
      this.link(storyId, id, safeFileName('', id, info.mime), now);
      this.markUploaded(storyId, id, now);
    })();
    return { id, ...info };
  }

  /**
   * Stores a cropped rendition of `sourceId` (made by the window), remembers it
   * for that crop, and links it to every story using the photo (so it syncs).
   */
  async addRendition(
    sourceId: string,
    crop: Crop,
    data: Uint8Array,
    now = new Date().toISOString(),
  ): Promise<{ id: string }> {
    if (!this.has(sourceId)) throw new HostError('not_found', 'no such photo on this machine');
    const info = await inspectImage(data);
    const id = sha256Hex(data);
    this.db.transaction(() => {
      this.insert(id, info, data, now);
      const name = safeFileName(`crop-${sourceId.slice(0, 8)}`, id, info.mime);
      for (const storyId of this.storiesUsing(sourceId)) this.link(storyId, id, name, now);
      this.db
        .prepare(
          `INSERT INTO asset_renditions (source_id, crop, rendition_id, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (source_id, crop) DO UPDATE SET rendition_id = excluded.rendition_id, created_at = excluded.created_at`,
        )
        .run(sourceId, cropKey(crop), id, now);
    })();
    return { id };
  }

  /** The photo's bytes, or those of its rendition for `crop` when one was made (else the original). */
  readForExport(id: string, crop?: Crop): Uint8Array | null {
    if (crop) {
      const r = this.db
        .prepare<[string, string], { rendition_id: string }>(
          'SELECT rendition_id FROM asset_renditions WHERE source_id = ? AND crop = ?',
        )
        .get(id, cropKey(crop));
      const rendition = r ? this.read(r.rendition_id) : null;
      if (rendition) return rendition.data;
    }
    return this.read(id)?.data ?? null;
  }

  /** The bytes under their hash, with what was read from them; stored once whoever adds them. */
  private insert(
    id: string,
    info: Awaited<ReturnType<typeof inspectImage>>,
    data: Uint8Array,
    now: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO assets (id, mime, width, height, bytes, exif, data, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(
        id,
        info.mime,
        info.width,
        info.height,
        info.bytes,
        JSON.stringify(info.exif),
        data,
        now,
      );
  }

  link(storyId: string, assetId: string, fileName: string, now: string): void {
    this.db
      .prepare(
        `INSERT INTO story_assets (story_id, asset_id, file_name, added_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (story_id, asset_id) DO NOTHING`,
      )
      .run(storyId, assetId, fileName, now);
  }

  /**
   * Deletes photos no story uses any more (after a story is purged from the
   * trash): drafts can hold unpublished photos, which must not outlive them.
   */
  collectGarbage(): number {
    return this.db.transaction(() => {
      this.db.exec(`
        DELETE FROM asset_renditions
        WHERE source_id NOT IN (SELECT asset_id FROM story_assets)
           OR rendition_id NOT IN (SELECT asset_id FROM story_assets)`);
      return this.db
        .prepare(
          `DELETE FROM assets WHERE id NOT IN (SELECT asset_id FROM story_assets)
             AND id NOT IN (SELECT rendition_id FROM asset_renditions)`,
        )
        .run().changes;
    })();
  }

  storiesUsing(id: string): string[] {
    return this.db
      .prepare<[string], { story_id: string }>(
        'SELECT story_id FROM story_assets WHERE asset_id = ?',
      )
      .all(id)
      .map((r) => r.story_id);
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM assets WHERE id = ?').get(id) !== undefined;
  }

  info(id: string): StoredAsset | null {
    const row = this.db
      .prepare<[string], AssetRow>(
        'SELECT id, mime, width, height, bytes, exif FROM assets WHERE id = ?',
      )
      .get(id);
    if (!row) return null;
    const exif = ExifSchema.safeParse(JSON.parse(row.exif));
    return {
      id: row.id,
      mime: row.mime,
      width: row.width,
      height: row.height,
      bytes: row.bytes,
      exif: exif.success
        ? exif.data
        : { capturedAt: null, latitude: null, longitude: null, camera: null },
    };
  }

  read(id: string): { mime: string; data: Uint8Array } | null {
    const row = this.db
      .prepare<[string], { mime: string; data: Buffer }>(
        'SELECT mime, data FROM assets WHERE id = ?',
      )
      .get(id);
    return row ? { mime: row.mime, data: new Uint8Array(row.data) } : null;
  }

  /** Assets linked to a story that the server does not have yet. */
  pendingUploads(storyId: string): string[] {
    return this.db
      .prepare<[string], { asset_id: string }>(
        `SELECT sa.asset_id FROM story_assets sa JOIN assets a ON a.id = sa.asset_id
         WHERE sa.story_id = ? AND sa.uploaded_at IS NULL ORDER BY sa.added_at`,
      )
      .all(storyId)
      .map((r) => r.asset_id);
  }

  /** Stories with photos the server does not have yet. */
  storiesWithPendingUploads(): string[] {
    return this.db
      .prepare<[], { story_id: string }>(
        'SELECT DISTINCT story_id FROM story_assets WHERE uploaded_at IS NULL',
      )
      .all()
      .map((r) => r.story_id);
  }

  markUploaded(storyId: string, assetId: string, now = new Date().toISOString()): void {
    this.db
      .prepare('UPDATE story_assets SET uploaded_at = ? WHERE story_id = ? AND asset_id = ?')
      .run(now, storyId, assetId);
  }
}
