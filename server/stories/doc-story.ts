// Where documents meet story rows: the first connection to an unknown story
// makes it a private draft of whoever connected (stories are created offline,
// on laptops, with ids made there), and a document's text is projected into
// its row (headline, 字数, excerpt) for lists and the feed.
import type * as Y from 'yjs';
import type { Db } from '../db/database';
import type { Engine } from '../db/migrations/types';
import { readStoryDoc } from '@shared/body/story-doc';
import { bodyParagraphs, bodyToPlainText } from '@shared/body/blocks';
import { countWords } from '@shared/text/word-count';
import { newStory } from '@shared/workflow/story-rules';
import type { ServerStory } from '@shared/sync/stories';
import { appendEvent, getStory, nextSeq, upsertStory } from './story-repo';
import { appendAudit } from '../workflow/workflow-store';

const EXCERPT_CHARS = 120;

export async function ensureStory(
  db: Db,
  engine: Engine,
  storyId: string,
  authorId: string,
  now: number,
): Promise<{ story: ServerStory; created: boolean }> {
  const existing = await getStory(db, storyId, engine);
  if (existing) return { story: existing, created: false };
  return db.transaction().execute(async (tx) => {
    const seq = await nextSeq(tx);
    const again = await getStory(tx, storyId, engine, true);
    if (again) return { story: again, created: false };
    const story = newStory(storyId, authorId, new Date(now).toISOString());
    await upsertStory(tx, story, seq);
    await appendEvent(tx, {
      seq,
      storyId,
      actorId: authorId,
      type: 'story.created',
      commandId: null,
      payload: {},
      at: now,
    });
    await appendAudit(tx, {
      at: new Date(now).toISOString(),
      storyId,
      actor: { kind: 'person', userId: authorId },
      type: 'story.created',
      data: {},
    });
    return { story: { ...story, seq }, created: true };
  });
}

export interface TextProjection {
  headline: string;
  wordCount: number;
  excerpt: string;
}

export function projectDoc(doc: Y.Doc): TextProjection {
  const { fields, body } = readStoryDoc(doc);
  return {
    headline: fields.headline.slice(0, 200),
    wordCount: countWords(bodyToPlainText(body)).total,
    excerpt: bodyParagraphs(body).join(' ').slice(0, EXCERPT_CHARS),
  };
}

/** Writes the projection when it changed; returns the feed position it took, or null. */
export async function saveProjection(
  db: Db,
  engine: Engine,
  storyId: string,
  p: TextProjection,
  now: number,
): Promise<number | null> {
  const current = await getStory(db, storyId, engine);
  if (!current) return null;
  if (
    current.headline === p.headline &&
    current.wordCount === p.wordCount &&
    current.excerpt === p.excerpt
  )
    return null;
  return db.transaction().execute(async (tx) => {
    const seq = await nextSeq(tx);
    const story = await getStory(tx, storyId, engine, true);
    if (!story) return null;
    const { seq: _old, ...rest } = story;
    await upsertStory(tx, { ...rest, ...p, updatedAt: new Date(now).toISOString() }, seq);
    return seq;
  });
}
