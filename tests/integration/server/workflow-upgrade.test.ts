// A newsroom upgrading to the workflow: stories filed with the older 发稿
// before it existed appear in the channel desks' queues after a restart,
// their workflow folded from the event log, and the history before the audit
// log is copied into the chain.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { newId } from '@shared/domain/ids';
import { NewsroomClient } from '@shared/sync/client';
import type { RunningServer } from '../../../server/app';
import { PASSWORD, seedNewsroom, start, testEnv } from './harness';

const env = testEnv('sqlite');
let server: RunningServer | null = null;

afterAll(async () => {
  await server?.close();
  await env.cleanup();
});

describe('upgrading to the workflow', () => {
  it('folds stories filed before it existed into the queues at start-up', async () => {
    server = await start(env.env);
    const n = await seedNewsroom(server);
    const storyId = newId();
    const filed = await n.as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId,
      expectedRevision: 0,
      deskId: n.desks.politics.id,
    });
    expect(filed.outcome.status).toBe('applied');
    // As a database from before the workflow: no projections.
    await sql`DELETE FROM workflow_states`.execute(server.store.db);
    await sql`DELETE FROM audit_log`.execute(server.store.db);
    await server.close();

    server = await start(env.env);
    const editor = new NewsroomClient({ baseUrl: server.url });
    await editor.login({ login: n.people.wechatEditor.login, password: PASSWORD });
    const q = await editor.queues();
    expect(
      q.mine.find((l) => l.name === 'incoming')!.items.map((i) => [i.storyId, i.channel]),
    ).toContainEqual([storyId, 'wechat']);
    // The history before the audit log is in the chain now, and the chain is intact.
    const events = await server.store.db.selectFrom('events').select('id').execute();
    const admin = new NewsroomClient({ baseUrl: server.url });
    await admin.login({ login: n.people.admin.login, password: PASSWORD });
    const check = await admin.auditVerify();
    expect(check).toMatchObject({ ok: true, count: events.length });
  });
});
