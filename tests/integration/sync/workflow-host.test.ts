// The workflow through the desktop host's contract (workflow.* calls), signed
// in to a real newsroom server: commands applied optimistically and queued in
// the outbox, refused at once by the shared rules, rolled back with the
// server's translated reason when the server sees newer content, queues and
// in-app notifications, and a clear error when signed out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { EMPTY_FIELDS } from '@shared/domain/story';
import { getChannel } from '@shared/channels';
import { variantDocId } from '@shared/body/story-doc';
import { variantText, writeInitialVariant } from '@shared/variants/variant-doc';
import { NewsroomClient } from '@shared/sync/client';
import type { Desk, Person } from '@shared/domain/newsroom';
import type { Notice } from '@shared/api/contract';
import type { WorkflowNotification } from '@shared/workflow/api';
import type { RunningServer } from '../../../server/app';
import { createDesk, createUser } from '../../../server/accounts/accounts';
import { FAST_SCRYPT_N, PASSWORD, openDoc, start, testEnv, type TestEnv } from '../server/harness';
import { removeTempDirs } from '../helpers';
import { desktop, signIn, until, type Desktop } from './sync-harness';

let env: TestEnv;
let server: RunningServer;
let politics: Desk;
let wechat: Desk;
let reporterP: Person;
let editorP: Person;
let reporter: Desktop;
let editor: Desktop;
let signedOut: Desktop;
let editorToken: string;

beforeAll(async () => {
  env = testEnv('sqlite');
  server = await start(env.env, { publishLoop: false });
  const db = server.store.db;
  politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
  const cost = { N: Number(FAST_SCRYPT_N), r: 8, p: 1 };
  reporterP = await createUser(
    db,
    {
      login: 'wang.li',
      displayName: '王立',
      role: 'reporter',
      password: PASSWORD,
      deskIds: [politics.id],
    },
    cost,
  );
  editorP = await createUser(
    db,
    {
      login: 'zhao.min',
      displayName: '赵敏',
      role: 'channel_editor',
      password: PASSWORD,
      deskIds: [wechat.id],
    },
    cost,
  );
  editorToken = (
    await new NewsroomClient({ baseUrl: server.url }).login({
      login: 'zhao.min',
      password: PASSWORD,
    })
  ).token;
  reporter = desktop('wf-reporter', { sync: { feedWaitSeconds: 1 } });
  editor = desktop('wf-editor', { sync: { feedWaitSeconds: 1 } });
  signedOut = desktop('wf-nobody');
  await signIn(reporter, server.url, reporterP.login);
  await signIn(editor, server.url, editorP.login);
});

afterAll(async () => {
  reporter.close();
  editor.close();
  signedOut.close();
  await server.close();
  await env.cleanup();
  removeTempDirs();
});

const drained = (d: Desktop) =>
  until(
    async () => (await d.call('sync.status', {})).pendingCommands === 0,
    10_000,
    'outbox drained',
  );

describe('workflow through the host contract', () => {
  const storyId = newId();

  it('answers a clear error when not signed in', async () => {
    await expect(signedOut.call('workflow.state', { storyId })).rejects.toMatchObject({
      code: 'signed_out',
    });
    await expect(signedOut.call('workflow.queues', {})).rejects.toMatchObject({
      code: 'signed_out',
    });
    await expect(
      signedOut.call('workflow.command', {
        storyId,
        command: { type: 'file', commandId: newId(), storyId, desk: politics.id },
      }),
    ).rejects.toMatchObject({ code: 'signed_out' });
  });

  it('files through the outbox: applied here at once, confirmed by the server', async () => {
    await reporter.call('stories.create', {
      id: storyId,
      fields: { headline: '春耕备耕有序推进' },
    });
    const r = await reporter.call('workflow.command', {
      storyId,
      command: { type: 'file', commandId: newId(), storyId, desk: politics.id },
    });
    expect(r.status).toBe('queued');
    if (r.status === 'queued') expect(r.state.stage).toBe('filed');
    expect((await reporter.call('stories.get', { id: storyId })).status).toBe('filed');
    await drained(reporter);
    const s = await reporter.call('workflow.state', { storyId });
    expect(s.fresh).toBe(true);
    expect(s.pending).toEqual([]);
    expect(s.state.stage).toBe('filed');
    expect(s.timeline.map((t) => t.type)).toEqual(['story_filed']);
    expect(reporter.events.some((e) => e.name === 'workflow.changed')).toBe(true);
  });

  it('shows the desk its queue, refuses at once what the rules refuse, claims', async () => {
    await until(
      async () =>
        (await editor.call('workflow.queues', {})).mine
          .find((q) => q.name === 'incoming')!
          .items.some((i) => i.storyId === storyId),
      10_000,
      'incoming on the WeChat desk',
    );
    const q = await editor.call('workflow.queues', { deskId: wechat.id });
    expect(q.desk?.queues.find((x) => x.name === 'incoming')?.count).toBeGreaterThan(0);
    const notes = await editor.call('workflow.notifications', { unreadOnly: true });
    const mine = notes.items.find((n) => n.storyId === storyId && n.kind === 'incoming');
    expect(mine?.text['zh-CN']).toContain('发稿');
    expect((await editor.call('workflow.markNotificationsRead', { ids: [mine!.id] })).unread).toBe(
      notes.unread - 1,
    );

    // Not claimed yet: submitting is refused here, with the reason in both languages, and nothing queued.
    const refused = await editor.call('workflow.command', {
      storyId,
      command: {
        type: 'submit_for_review',
        commandId: newId(),
        storyId,
        channel: 'wechat',
        contentHash: 'c'.repeat(64),
      },
    });
    expect(refused.status).toBe('refused');
    if (refused.status === 'refused') {
      expect(refused.reason.code).toBe('invalid_state');
      expect(refused.reason.message['zh-CN']).not.toBe('');
    }
    expect((await editor.call('sync.status', {})).pendingCommands).toBe(0);

    const claim = await editor.call('workflow.command', {
      storyId,
      command: { type: 'claim', commandId: newId(), storyId, channel: 'wechat', desk: wechat.id },
    });
    expect(claim.status).toBe('queued');
    await drained(editor);
    expect((await editor.call('workflow.state', { storyId })).state.variants.wechat?.stage).toBe(
      'editing',
    );
  });

  it('rolls back with the server’s translated reason when the server holds newer content', async () => {
    const ch = getChannel('wechat')!;
    const d = await openDoc(server.syncUrl, variantDocId(storyId, 'wechat'), editorToken);
    writeInitialVariant(
      d.doc,
      ch.docLayout,
      ch.derive({
        id: storyId,
        fields: { ...EMPTY_FIELDS, headline: '春耕备耕有序推进' },
        body: [{ type: 'paragraph', runs: [{ text: '各地推进春耕。' }] }],
      }) as Record<string, unknown>,
    );
    await d.acked();
    const seen = await editor.call('workflow.state', { storyId });
    const hash = seen.content.find((c) => c.channel === 'wechat')!.hash;
    // Someone edits on the server after this view was taken.
    variantText(d.doc, 'title').insert(0, '快讯：');
    await d.acked();
    d.destroy();

    const before = editor.events.length;
    const r = await editor.call('workflow.command', {
      storyId,
      command: {
        type: 'submit_for_review',
        commandId: newId(),
        storyId,
        channel: 'wechat',
        contentHash: hash,
      },
    });
    expect(r.status).toBe('queued'); // the host's view still had that hash
    if (r.status === 'queued') expect(r.state.variants.wechat?.stage).toBe('in_review');
    await until(
      () =>
        editor.events
          .slice(before)
          .some((e) => e.name === 'notice' && (e.payload as Notice).kind === 'command_rejected'),
      10_000,
      'the refusal',
    );
    const notice = editor.events
      .slice(before)
      .find((e) => e.name === 'notice' && (e.payload as Notice).kind === 'command_rejected')!
      .payload as Notice;
    expect(notice.params).toMatchObject({ command: 'submit_for_review', code: 'stale_content' });
    expect(notice.params.reasonZh).toMatch(/内容/);
    const after = await editor.call('workflow.state', { storyId });
    expect(after.pending).toEqual([]);
    expect(after.state.variants.wechat?.stage).toBe('editing');
    expect(after.content.find((c) => c.channel === 'wechat')!.hash).not.toBe(hash);
    // This computer holds no copy of the WeChat version: nothing to compare.
    expect(after.local).toEqual([]);
  });

  it('announces what lands in my queue as an in-app notification', async () => {
    await editor.call('workflow.notifications', { unreadOnly: false });
    // Whatever was there is the baseline; a new filing must be announced.
    const second = newId();
    await reporter.call('stories.create', { id: second, fields: { headline: '第二篇' } });
    await reporter.call('workflow.command', {
      storyId: second,
      command: { type: 'file', commandId: newId(), storyId: second, desk: politics.id },
    });
    await drained(reporter);
    await until(
      () =>
        editor.events.some(
          (e) =>
            e.name === 'workflow.notification' &&
            (e.payload as WorkflowNotification).storyId === second,
        ),
      10_000,
      'a notification event',
    );
    const n = editor.events.find(
      (e) =>
        e.name === 'workflow.notification' &&
        (e.payload as WorkflowNotification).storyId === second,
    )!.payload as WorkflowNotification;
    expect(n.kind).toBe('incoming');
  });

  it('reads and applies authenticity, and the audit report', async () => {
    const rec = await reporter.call('authenticity.apply', {
      storyId,
      op: {
        op: 'add_source',
        source: {
          kind: 'organisation',
          id: 'moa',
          name: '农业农村部',
          contact: '',
          required: true,
          note: '',
        },
      },
    });
    expect(rec.sources.map((s) => s.id)).toEqual(['moa']);
    expect((await editor.call('authenticity.get', { storyId })).sources).toHaveLength(1);
    const report = await editor.call('audit.report', { storyId, locale: 'en' });
    expect(report.markdown).toContain(storyId);
    await expect(editor.call('audit.verify', {})).rejects.toMatchObject({ code: 'forbidden' });
    const lists = await editor.call('scan.lists.get', {});
    expect(lists.typos.length).toBeGreaterThan(0);
    await expect(editor.call('scan.lists.put', { typos: lists.typos })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
