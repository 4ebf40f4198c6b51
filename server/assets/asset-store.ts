// The server's photos: content-addressed bytes and their stories.
import crypto from 'node:crypto';
import type { Db } from '../db/database';
import type { AssetSource } from '../publishing/adapter';
import { EXTENSIONS } from '@shared/assets/model';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Stores the bytes (once) and links them to the story; idempotent. */
export async function putAsset(
  db: Db,
  a: { id: string; mime: string; data: Uint8Array; storyId: string; userId: string; now: number },
): Promise<{ created: boolean }> {
  return db.transaction().execute(async (tx) => {
    const had = await tx
      .selectFrom('assets')
      .select('id')
      .where('id', '=', a.id)
      .executeTakeFirst();
    if (!had)
      await tx
        .insertInto('assets')
        .values({
          id: a.id,
          mime: a.mime,
          bytes: a.data.byteLength,
          data: a.data,
          uploaded_by: a.userId,
          created_at: a.now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    await tx
      .insertInto('story_assets')
      .values({ story_id: a.storyId, asset_id: a.id, linked_by: a.userId, created_at: a.now })
      .onConflict((oc) => oc.columns(['story_id', 'asset_id']).doNothing())
      .execute();
    return { created: !had };
  });
}

export async function readAsset(
  db: Db,
  id: string,
): Promise<{ mime: string; data: Uint8Array } | null> {
  const row = await db
    .selectFrom('assets')
    .select(['mime', 'data'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { mime: row.mime, data: new Uint8Array(row.data) } : null;
}

export async function storiesUsing(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('story_assets')
    .select('story_id')
    .where('asset_id', '=', id)
    .execute();
  return rows.map((r) => r.story_id);
}

/** The photos linked to a story, for the publishers. */
export async function storyAssetIds(db: Db, storyId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('story_assets')
    .select('asset_id')
    .where('story_id', '=', storyId)
    .execute();
  return rows.map((r) => r.asset_id);
}

/** The publishers' byte source: the photo as the newsroom holds it, named for its type. */
export function serverAssetSource(db: Db): AssetSource {
  return async (assetId) => {
    if (!/^[0-9a-f]{64}$/.test(assetId)) return null;
    const found = await readAsset(db, assetId);
    if (!found) return null;
    const ext = EXTENSIONS[found.mime] ?? 'jpg';
    return { bytes: found.data, mime: found.mime, fileName: `${assetId.slice(0, 16)}.${ext}` };
  };
}
