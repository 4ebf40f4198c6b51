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

const PART_TTL_MS = 7 * 24 * 3600_000;
/** Unfinished parts one person may hold on the server (1 GB at 512 KB a part). */
const MAX_PARTS_PER_USER = 2000;

export class TooManyParts extends Error {}

/** Bytes of a part-upload received so far without a gap, from 0. */
export async function receivedBytes(db: Db, id: string, userId: string): Promise<number> {
  const parts = await db
    .selectFrom('asset_upload_parts')
    .select(['offset', 'data'])
    .where('asset_id', '=', id)
    .where('user_id', '=', userId)
    .orderBy('offset')
    .execute();
  let end = 0;
  for (const p of parts) {
    const offset = Number(p.offset);
    if (offset > end) break;
    end = Math.max(end, offset + p.data.byteLength);
  }
  return end;
}

/** Keeps one part; answers the contiguous bytes received and, when complete, the whole. */
export async function putPart(
  db: Db,
  a: { id: string; userId: string; offset: number; total: number; data: Uint8Array; now: number },
): Promise<{ received: number; whole: Uint8Array | null }> {
  // Uploads abandoned for a week are dropped; one person's unfinished parts are capped.
  await db
    .deleteFrom('asset_upload_parts')
    .where('created_at', '<', a.now - PART_TTL_MS)
    .execute();
  const held = await db
    .selectFrom('asset_upload_parts')
    .select((eb) => eb.fn.count<number>('asset_id').as('n'))
    .where('user_id', '=', a.userId)
    .executeTakeFirst();
  if (Number(held?.n ?? 0) >= MAX_PARTS_PER_USER) throw new TooManyParts();
  await db
    .insertInto('asset_upload_parts')
    .values({
      asset_id: a.id,
      user_id: a.userId,
      offset: a.offset,
      total: a.total,
      data: a.data,
      created_at: a.now,
    })
    .onConflict((oc) => oc.columns(['asset_id', 'user_id', 'offset']).doNothing())
    .execute();
  const received = await receivedBytes(db, a.id, a.userId);
  if (received < a.total) return { received, whole: null };
  const parts = await db
    .selectFrom('asset_upload_parts')
    .select(['offset', 'data'])
    .where('asset_id', '=', a.id)
    .where('user_id', '=', a.userId)
    .orderBy('offset')
    .execute();
  const whole = new Uint8Array(a.total);
  for (const p of parts) {
    const offset = Number(p.offset);
    const bytes = new Uint8Array(p.data);
    whole.set(bytes.subarray(0, Math.max(0, Math.min(bytes.byteLength, a.total - offset))), offset);
  }
  return { received, whole };
}

export async function dropParts(db: Db, id: string, userId: string): Promise<void> {
  await db
    .deleteFrom('asset_upload_parts')
    .where('asset_id', '=', id)
    .where('user_id', '=', userId)
    .execute();
}
