// SQL for variant state (story_variants) and the master revisions variants
// stand on (master_revisions). Migration 003 has the schema and its reasons.
import type { Db } from '../store/database';
import { MasterStorySchema, type MasterStory } from '@shared/domain/master-story';
import type { ChannelId } from '@shared/domain/channel-ids';

export interface VariantRow {
  story_id: string;
  channel: string;
  enabled: number;
  derived_at: string | null;
  base_revision: string | null;
  derived_hash: string | null;
  edited: number;
  dismissed_revision: string | null;
  dismissed_at: string | null;
  updated_at: string;
}

export type VariantPatch = Partial<
  Pick<
    VariantRow,
    | 'enabled'
    | 'derived_at'
    | 'base_revision'
    | 'derived_hash'
    | 'edited'
    | 'dismissed_revision'
    | 'dismissed_at'
  >
>;

const COLUMNS = [
  'enabled',
  'derived_at',
  'base_revision',
  'derived_hash',
  'edited',
  'dismissed_revision',
  'dismissed_at',
] as const;

export class VariantStore {
  constructor(private readonly db: Db) {}

  rows(storyId: string): Map<string, VariantRow> {
    const rows = this.db
      .prepare<[string], VariantRow>('SELECT * FROM story_variants WHERE story_id = ?')
      .all(storyId);
    return new Map(rows.map((r) => [r.channel, r]));
  }

  row(storyId: string, channel: ChannelId): VariantRow | undefined {
    return this.db
      .prepare<[string, string], VariantRow>(
        'SELECT * FROM story_variants WHERE story_id = ? AND channel = ?',
      )
      .get(storyId, channel);
  }

  /** Inserts the row (enabled, not derived) if missing, then sets the given columns. */
  upsert(storyId: string, channel: ChannelId, patch: VariantPatch, now: string): VariantRow {
    this.db
      .prepare(
        `INSERT INTO story_variants (story_id, channel, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (story_id, channel) DO NOTHING`,
      )
      .run(storyId, channel, now);
    const set = COLUMNS.filter((c) => patch[c] !== undefined);
    if (set.length)
      this.db
        .prepare(
          `UPDATE story_variants SET ${set.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @now
           WHERE story_id = @storyId AND channel = @channel`,
        )
        .run({ ...Object.fromEntries(set.map((c) => [c, patch[c]])), now, storyId, channel });
    return this.row(storyId, channel)!;
  }

  /** Keeps a master revision (once; the same revision is the same content). */
  saveRevision(
    storyId: string,
    revision: string,
    master: MasterStory,
    yjsSnapshot: Uint8Array,
    now: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO master_revisions (story_id, revision, content, yjs_snapshot, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id, revision) DO NOTHING`,
      )
      .run(storyId, revision, JSON.stringify(master), yjsSnapshot, now);
  }

  revision(storyId: string, revision: string): MasterStory | null {
    const row = this.db
      .prepare<[string, string], { content: string }>(
        'SELECT content FROM master_revisions WHERE story_id = ? AND revision = ?',
      )
      .get(storyId, revision);
    if (!row) return null;
    const parsed = MasterStorySchema.safeParse(JSON.parse(row.content));
    return parsed.success ? parsed.data : null;
  }

  /** Deletes revisions no variant stands on any more. */
  pruneRevisions(storyId: string): void {
    this.db
      .prepare(
        `DELETE FROM master_revisions WHERE story_id = ? AND revision NOT IN (
           SELECT base_revision FROM story_variants WHERE story_id = ? AND base_revision IS NOT NULL)`,
      )
      .run(storyId, storyId);
  }
}
