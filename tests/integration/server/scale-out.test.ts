// Two server instances sharing one PostgreSQL schema and fanning document
// updates out through Redis: a client on each edits the same story and both
// converge; a story filed through one instance reaches a feed reader on the
// other within 2 s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import {
  applyTextEdit,
  fieldText,
  readFields,
  storyDocId,
  writeInitialFields,
} from '@shared/body/story-doc';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { NewsroomClient } from '@shared/sync/client';
import type { RunningServer } from '../../../server/app';
import { hasPostgres, hasRedis } from './services';
import {
  openDoc,
  waitInFeed,
  seedNewsroom,
  start,
  testEnv,
  until,
  withRedis,
  type Newsroom,
  type TestEnv,
} from './harness';

describe.skipIf(!hasPostgres || !hasRedis)('two instances on PostgreSQL + Redis', () => {
  let env: TestEnv;
  let a: RunningServer;
  let b: RunningServer;
  let n: Newsroom;
  let onB: Record<'reporter' | 'deskHead', NewsroomClient>;

  beforeAll(async () => {
    env = testEnv('postgres');
    const prefix = `rongmei-test-${newId()}`;
    a = await start(withRedis({ ...env.env, INSTANCE_ID: 'a' }, prefix));
    b = await start(withRedis({ ...env.env, INSTANCE_ID: 'b' }, prefix));
    n = await seedNewsroom(a);
    onB = {
      reporter: new NewsroomClient({ baseUrl: b.url, token: n.tokens.reporter }),
      deskHead: new NewsroomClient({ baseUrl: b.url, token: n.tokens.deskHead }),
    };
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await env?.cleanup();
  });

  it('a client on each instance edits one story and both converge', async () => {
    const storyId = newId();
    const name = storyDocId(storyId);
    await n.as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId: n.desks.politics.id,
    });
    const onA = await openDoc(a.syncUrl, name, n.tokens.reporter);
    const onBdoc = await openDoc(b.syncUrl, name, n.tokens.deskHead);
    // A story document starts with its fields made once, where the story was made.
    writeInitialFields(onA.doc, { ...EMPTY_FIELDS, headline: '长江禁渔五年' });
    await onA.acked();
    await until(() => readFields(onBdoc.doc).headline === '长江禁渔五年', 5000, 'A → B');
    // Concurrent edits on both sides.
    const notesA = fieldText(onA.doc, 'notes');
    const notesB = fieldText(onBdoc.doc, 'notes');
    for (let i = 0; i < 20; i++) {
      notesA.insert(notesA.length, `甲${i}`);
      notesB.insert(0, `乙${i}`);
    }
    applyTextEdit(fieldText(onBdoc.doc, 'headline'), '长江禁渔五年：江豚回来了');
    await Promise.all([onA.acked(), onBdoc.acked()]);
    await until(
      () =>
        readFields(onA.doc).notes === readFields(onBdoc.doc).notes &&
        readFields(onA.doc).headline === readFields(onBdoc.doc).headline,
      5000,
      'convergence',
    );
    const notes = readFields(onA.doc).notes;
    for (let i = 0; i < 20; i++) {
      expect(notes).toContain(`甲${i}`);
      expect(notes).toContain(`乙${i}`);
    }
    expect(readFields(onA.doc).headline).toBe('长江禁渔五年：江豚回来了');
    onA.destroy();
    onBdoc.destroy();
  });

  it('a story filed through A reaches a long-poll on B within 2 s, and commands are exactly-once across instances', async () => {
    const start = (await onB.deskHead.feed({ cursor: 0, limit: 500 })).cursor;
    const storyId = newId();
    const poll = waitInFeed(onB.deskHead, start, storyId, 5000);
    const t0 = performance.now();
    const cmd = {
      id: `cmd-${newId()}`,
      type: 'story.file' as const,
      storyId,
      expectedRevision: 0,
      deskId: n.desks.politics.id,
    };
    const answers = await Promise.all([
      n.as.reporter.command(cmd),
      onB.reporter.command(cmd),
      n.as.reporter.command(cmd),
    ]);
    const seen = await poll;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(seen?.status).toBe('filed');
    expect(answers.filter((x) => !x.replay)).toHaveLength(1);
    expect(new Set(answers.map((x) => JSON.stringify(x.outcome))).size).toBe(1);
    expect((await onB.reporter.story(storyId)).revision).toBe(1);
  });
});
