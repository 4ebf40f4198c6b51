// Reads the change feed for one person: stories they may see whose latest
// change came after their cursor. The visibility test here is the SQL twin
// of canSee() in shared/workflow/story-rules.ts (a test keeps them equal).
import type { Db } from '../db/database';
import type { Principal } from '../auth/sessions';
import type { FeedPage } from '@shared/sync/feed';
import { currentSeq, storyFromRow } from './story-repo';

export async function readFeed(
  db: Db,
  who: Principal,
  cursor: number,
  limit: number,
): Promise<FeedPage> {
  const head = await currentSeq(db);
  if (head <= cursor) return { cursor: Math.max(cursor, head), changes: [], more: false };
  const me = who.person.id;
  const isAdmin = who.person.role === 'admin';
  const rows = await db
    .selectFrom('stories')
    .selectAll()
    .where('seq', '>', cursor)
    .where('seq', '<=', head)
    .where((eb) =>
      eb.or([
        eb('author_id', '=', me),
        eb('id', 'in', eb.selectFrom('story_shares').select('story_id').where('user_id', '=', me)),
        eb.and([
          eb('status', '<>', 'draft'),
          eb.or([
            ...(who.deskIds.length ? [eb('desk_id', 'in', who.deskIds)] : []),
            eb('assignee_id', '=', me),
            ...(isAdmin || who.person.role === 'editor_in_chief' || who.channelDesk
              ? [eb.lit(true)]
              : []),
          ]),
        ]),
      ]),
    )
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const page = rows.slice(0, limit).map(storyFromRow);
  return { cursor: more ? page.at(-1)!.seq : head, changes: page, more };
}
