// The editorial workflow on the real server, SQLite and PostgreSQL: a reporter
// files, channel desks claim their versions, 初审/复审/终审 sign exactly the
// content the server holds, a send-back with a reason, an edit after 终审
// un-approves, refusals leave nothing changed, publishing goes to a local
// WeChat API and app webhook (one down, retried, never twice), and the audit
// chain verifies and catches tampering in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { newId } from '@shared/domain/ids';
import { EMPTY_FIELDS } from '@shared/domain/story';
import type { MasterStory } from '@shared/domain/master-story';
import { getChannel } from '@shared/channels';
import { blockingKeys } from '@shared/scan/report';
import { fieldText, storyDocId, variantDocId } from '@shared/body/story-doc';
import { variantText, writeInitialVariant } from '@shared/variants/variant-doc';
import { NewsroomClient, type CommandAnswer } from '@shared/sync/client';
import type { WorkflowCommand } from '@shared/workflow/commands';
import { rebuild } from '@shared/workflow/state';
import { DEFAULT_REVIEW_PLAN } from '@shared/workflow/review-plan';
import type { ChannelId } from '@shared/workflow/desks';
import type { Desk, Person, Role } from '@shared/domain/newsroom';
import type { RunningServer } from '../../../server/app';
import { createDesk, createUser } from '../../../server/accounts/accounts';
import { WechatAdapter } from '../../../server/publishing/wechat';
import { SQLITE_FILE } from '../../../server/db/database';
import { mainDb } from '../../../scripts/audit-verify';
import { startMockWechat, type MockWechat } from '../../support/mock-wechat';
import { ENGINES } from './services';
import { FAST_SCRYPT_N, PASSWORD, openDoc, start, testEnv, type TestEnv } from './harness';

const PEOPLE = {
  admin: ['admin', '管理员', 'admin', []],
  reporter: ['wang.li', '王立', 'reporter', ['politics']],
  wxEditor: ['zhao.min', '赵敏', 'channel_editor', ['wechat']],
  wxHead: ['chen.hua', '陈华', 'desk_head', ['wechat']],
  appEditor: ['sun.yu', '孙宇', 'channel_editor', ['app']],
  appHead: ['zhou.jie', '周洁', 'desk_head', ['app']],
  chief: ['liu.zong', '刘总', 'editor_in_chief', []],
} as const satisfies Record<string, readonly [string, string, Role, readonly string[]]>;
type Who = keyof typeof PEOPLE;

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 0xff, 0xd9]);

describe.each(ENGINES)('editorial workflow on %s', (engine) => {
  let env: TestEnv;
  let server: RunningServer;
  let mock: MockWechat;
  const desks = {} as Record<'politics' | 'wechat' | 'app', Desk>;
  const people = {} as Record<Who, Person>;
  const as = {} as Record<Who, NewsroomClient>;
  const tokens = {} as Record<Who, string>;
  const storyId = newId();
  /** The server's clock runs this far ahead of the test's (for the scheduler). */
  let skew = 0;

  beforeAll(async () => {
    mock = await startMockWechat();
    env = testEnv(engine, {
      APP_WEBHOOK_URL: `${mock.url}/app/ingest`,
      WECHAT_API_BASE: mock.url,
      WECHAT_APP_ID: mock.appId,
      WECHAT_APP_SECRET: mock.appSecret,
      PUBLISH_RETRY_BASE_MS: '1',
      RATE_LIMIT_PER_SECOND: '1000',
      RATE_LIMIT_BURST: '10000',
    });
    server = await start(env.env, {
      publishLoop: false,
      now: () => Date.now() + skew,
      adapters: {
        // The real adapter against the mock, with image bytes the test holds (the server has no asset store).
        wechat: new WechatAdapter({
          apiBase: mock.url,
          appId: mock.appId,
          appSecret: mock.appSecret,
          pollMs: 1,
          maxPolls: 5,
          assets: async (id) => ({ bytes: JPEG, mime: 'image/jpeg', fileName: `${id}.jpg` }),
        }),
      },
    });
    const db = server.store.db;
    desks.politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
    desks.wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
    desks.app = await createDesk(db, { code: 'app', name: '客户端编辑部', kind: 'channel' });
    const cost = { N: Number(FAST_SCRYPT_N), r: 8, p: 1 };
    for (const [k, [login, name, role, ds]] of Object.entries(PEOPLE) as [
      Who,
      (typeof PEOPLE)[Who],
    ][]) {
      people[k] = await createUser(
        db,
        {
          login,
          displayName: name,
          role,
          password: PASSWORD,
          deskIds: ds.map((d) => desks[d as 'politics' | 'wechat' | 'app'].id),
        },
        cost,
      );
      as[k] = new NewsroomClient({ baseUrl: server.url });
      tokens[k] = (await as[k].login({ login, password: PASSWORD })).token;
    }
  });
  afterAll(async () => {
    await server?.close();
    await mock?.close();
    await env?.cleanup();
  });

  const send = (who: Who, command: WorkflowCommand): Promise<CommandAnswer> =>
    as[who].command({
      id: command.commandId,
      type: 'story.workflow',
      storyId: command.storyId,
      expectedRevision: 0,
      command,
    });
  const wf = (who: Who, fields: Record<string, unknown>) =>
    send(who, { commandId: newId(), storyId, ...fields } as WorkflowCommand);
  const hashOf = async (ch: ChannelId) => {
    const v = await as.chief.workflow(storyId);
    return v.content.find((c) => c.channel === ch)!.hash;
  };
  const version = async () => (await as.chief.workflow(storyId)).state.version;
  const expectApplied = (a: CommandAnswer) => {
    if (a.outcome.status !== 'applied')
      throw new Error(
        `refused: ${JSON.stringify(a.outcome.status === 'rejected' && a.outcome.reason)}`,
      );
  };
  const refusal = (a: CommandAnswer) => {
    expect(a.outcome.status).toBe('rejected');
    return a.outcome.status === 'rejected' ? a.outcome : null;
  };

  const master: MasterStory = {
    id: storyId,
    fields: {
      ...EMPTY_FIELDS,
      headline: '春耕备耕有序推进',
      byline: '本报记者 王立',
      dateline: '北京',
    },
    body: [
      { type: 'paragraph', runs: [{ text: '各地抓住有利时机，推进春耕备耕工作。' }] },
      { type: 'paragraph', runs: [{ text: '农业农村部门派出工作组深入一线指导。' }] },
    ],
    images: [
      {
        id: 'asset-field-1',
        caption: '农民在田间劳作',
        credit: '王立 摄',
        width: 1200,
        height: 800,
        mime: 'image/jpeg',
        bytes: JPEG.length,
        aiGenerated: false,
      },
    ],
  };

  /** Writes a channel version into its server document, as a desk's editor would. */
  const writeVariant = async (who: Who, ch: ChannelId) => {
    const channel = getChannel(ch)!;
    const d = await openDoc(server.syncUrl, variantDocId(storyId, ch), tokens[who]);
    writeInitialVariant(
      d.doc,
      channel.docLayout,
      channel.derive(master) as Record<string, unknown>,
    );
    await d.acked();
    return d;
  };

  it('reporter files; each channel desk sees it incoming, claims and writes its version', async () => {
    const story = await openDoc(server.syncUrl, storyDocId(storyId), tokens.reporter);
    fieldText(story.doc, 'headline').insert(0, master.fields.headline);
    await story.acked();
    story.destroy();
    // A private draft: the desks cannot see it yet.
    await expect(as.wxEditor.workflow(storyId)).rejects.toMatchObject({ code: 'forbidden' });

    expectApplied(await wf('reporter', { type: 'file', desk: desks.politics.id }));
    const view = await as.wxEditor.workflow(storyId);
    expect(view.state.stage).toBe('filed');
    expect((await as.reporter.story(storyId)).status).toBe('filed');

    const q = await as.wxEditor.queues();
    const incoming = q.mine.find((l) => l.name === 'incoming')!;
    expect(incoming.items.map((i) => [i.storyId, i.channel])).toContainEqual([storyId, 'wechat']);
    const notes = await as.wxEditor.notifications();
    expect(notes.items.some((x) => x.storyId === storyId && x.kind === 'incoming')).toBe(true);
    expect(notes.unread).toBeGreaterThan(0);

    expectApplied(
      await wf('wxEditor', { type: 'claim', channel: 'wechat', desk: desks.wechat.id }),
    );
    expectApplied(await wf('appEditor', { type: 'claim', channel: 'app', desk: desks.app.id }));
    (await writeVariant('wxEditor', 'wechat')).destroy();
    (await writeVariant('appEditor', 'app')).destroy();

    const after = await as.wxEditor.workflow(storyId);
    expect(after.content.map((c) => c.channel).sort()).toEqual(['app', 'wechat']);
    expect(after.scans.wechat?.contentHash).toBe(
      after.content.find((c) => c.channel === 'wechat')!.hash,
    );
    expect(
      after.allowedActions.some((a) => a.type === 'submit_for_review' && a.channel === 'wechat'),
    ).toBe(true);
  });

  it('refuses wrong role, wrong state, stale hash and replays with a reason, changing nothing', async () => {
    const hash = await hashOf('wechat');
    const submit = {
      commandId: newId(),
      storyId,
      type: 'submit_for_review',
      channel: 'wechat',
      contentHash: hash,
    } as const;
    expectApplied(await send('wxEditor', submit));
    const v0 = await version();

    // Wrong role: a reporter cannot sign 初审.
    const r1 = refusal(
      await wf('reporter', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'first',
        contentHash: hash,
        comment: '',
      }),
    );
    expect(r1?.error.code).toBe('forbidden');
    expect(r1?.reason?.code).toBe('forbidden');
    expect(r1?.reason?.message['zh-CN']).toMatch(/签发|权限/);
    // Wrong state: nothing is scheduled.
    const r2 = refusal(
      await wf('wxEditor', { type: 'unschedule', channel: 'wechat', reason: 'x' }),
    );
    expect(r2?.reason?.code).toBe('invalid_state');
    // A hash the server does not hold: the client's claim is not believed.
    const r3 = refusal(
      await wf('wxEditor', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'first',
        contentHash: 'a'.repeat(64),
        comment: '',
      }),
    );
    expect(r3?.error.code).toBe('stale');
    expect(r3?.reason?.code).toBe('stale_content');
    // Publishing before review.
    const r4 = refusal(
      await wf('wxEditor', { type: 'publish', channel: 'wechat', contentHash: hash }),
    );
    expect(r4?.reason?.code).toBe('review_incomplete');
    // Replay: the same command again gets the stored answer, applied once.
    const again = await send('wxEditor', submit);
    expect(again.replay).toBe(true);
    expect(again.outcome.status).toBe('applied');
    // The same id for a different command is refused.
    await expect(
      send('wxEditor', { ...submit, contentHash: 'b'.repeat(64) }),
    ).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
    expect(await version()).toBe(v0);
  });

  it('复审 sends back with a reason; the editor fixes and resubmits; 初审/复审/终审 sign the current content', async () => {
    let hash = await hashOf('wechat');
    expectApplied(
      await wf('wxEditor', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'first',
        contentHash: hash,
        comment: '初审通过',
      }),
    );
    const anchors = [{ segment: 'field:title', quote: '春耕' }];
    expectApplied(
      await wf('wxHead', { type: 'send_back', channel: 'wechat', reason: '标题要更具体', anchors }),
    );
    const back = await as.wxEditor.workflow(storyId);
    expect(back.state.variants.wechat?.stage).toBe('sent_back');
    expect(back.state.variants.wechat?.sendBacks.at(-1)?.reason).toBe('标题要更具体');
    const q = await as.wxEditor.queues();
    expect(q.mine.find((l) => l.name === 'sentBack')!.items.map((i) => i.storyId)).toContain(
      storyId,
    );
    expect((await as.wxEditor.notifications(true)).items.some((x) => x.kind === 'sentBack')).toBe(
      true,
    );

    const d = await openDoc(server.syncUrl, variantDocId(storyId, 'wechat'), tokens.wxEditor);
    variantText(d.doc, 'title').insert(0, '各地');
    await d.acked();
    d.destroy();
    const fixed = await hashOf('wechat');
    expect(fixed).not.toBe(hash);
    hash = fixed;
    expectApplied(
      await wf('wxEditor', { type: 'submit_for_review', channel: 'wechat', contentHash: hash }),
    );
    expectApplied(
      await wf('wxEditor', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'first',
        contentHash: hash,
        comment: '',
      }),
    );
    // One person, one step: the 初审 editor cannot also sign 复审 (and has not the rank).
    expect(
      refusal(
        await wf('wxEditor', {
          type: 'sign_off',
          channel: 'wechat',
          step: 'second',
          contentHash: hash,
          comment: '',
        }),
      )?.reason?.code,
    ).toBe('forbidden');
    expectApplied(
      await wf('wxHead', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'second',
        contentHash: hash,
        comment: '复审通过',
      }),
    );
    expectApplied(
      await wf('wxEditor', {
        type: 'proofread',
        channel: 'wechat',
        round: 1,
        contentHash: hash,
        note: '',
        corrections: 2,
      }),
    );
    expect(
      (await as.chief.queues()).mine.find((l) => l.name === 'waitingForMyReview')!.count,
    ).toBeGreaterThan(0);

    // 终审 waits for a required source to be verified.
    await as.reporter.applyAuthenticity(storyId, {
      op: 'add_source',
      source: {
        kind: 'organisation',
        id: 'moa',
        name: '农业农村部',
        contact: '010-0000',
        required: true,
        note: '',
      },
    });
    const blocked = refusal(
      await wf('chief', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'final',
        contentHash: hash,
        comment: '',
      }),
    );
    expect(blocked?.reason?.code).toBe('sources_unverified');
    await expect(
      as.reporter.applyAuthenticity(storyId, {
        op: 'verify_source',
        id: 'moa',
        method: 'phone',
        note: '',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await as.wxHead.applyAuthenticity(storyId, {
      op: 'verify_source',
      id: 'moa',
      method: 'phone',
      note: '电话核实',
    });
    expectApplied(
      await wf('chief', {
        type: 'sign_off',
        channel: 'wechat',
        step: 'final',
        contentHash: hash,
        comment: '终审通过',
      }),
    );
    const view = await as.wxEditor.workflow(storyId);
    expect(view.progress.wechat?.approved).toBe(true);
    expect(view.allowedActions.some((a) => a.type === 'publish' && a.channel === 'wechat')).toBe(
      true,
    );
    expect(
      view.timeline.some((t) => t.type === 'sent_back' && t.text['zh-CN'].includes('标题要更具体')),
    ).toBe(true);
  });

  it('an edit after 终审 makes the sign-offs stale and the server refuses to publish', async () => {
    const approved = await hashOf('wechat');
    const d = await openDoc(server.syncUrl, variantDocId(storyId, 'wechat'), tokens.wxEditor);
    variantText(d.doc, 'title').insert(0, '快讯：');
    await d.acked();
    const edited = await hashOf('wechat');
    expect(edited).not.toBe(approved);
    const view = await as.wxEditor.workflow(storyId);
    expect(view.progress.wechat?.approved).toBe(false);
    expect(view.progress.wechat?.steps.map((s) => s.state)).toEqual(['stale', 'stale', 'stale']);
    expect(view.allowedActions.some((a) => a.type === 'publish')).toBe(false);
    expect(
      refusal(await wf('wxEditor', { type: 'publish', channel: 'wechat', contentHash: approved }))
        ?.reason?.code,
    ).toBe('stale_content');
    expect(
      refusal(await wf('wxEditor', { type: 'publish', channel: 'wechat', contentHash: edited }))
        ?.reason?.code,
    ).toBe('review_incomplete');
    // Taking the edit back restores exactly the approved content, and with it the approval.
    variantText(d.doc, 'title').delete(0, 3);
    await d.acked();
    d.destroy();
    expect(await hashOf('wechat')).toBe(approved);
    expect((await as.wxEditor.workflow(storyId)).progress.wechat?.approved).toBe(true);
  });

  it('publishes WeChat and the app; the app webhook is down once: WeChat stands, the app retries, nothing twice', async () => {
    const app = await hashOf('app');
    expectApplied(
      await wf('appEditor', { type: 'submit_for_review', channel: 'app', contentHash: app }),
    );
    expectApplied(
      await wf('appEditor', {
        type: 'sign_off',
        channel: 'app',
        step: 'first',
        contentHash: app,
        comment: '',
      }),
    );
    expectApplied(
      await wf('appHead', {
        type: 'sign_off',
        channel: 'app',
        step: 'second',
        contentHash: app,
        comment: '',
      }),
    );
    expectApplied(
      await wf('appEditor', {
        type: 'proofread',
        channel: 'app',
        round: 1,
        contentHash: app,
        note: '',
        corrections: 0,
      }),
    );
    expectApplied(
      await wf('chief', {
        type: 'sign_off',
        channel: 'app',
        step: 'final',
        contentHash: app,
        comment: '',
      }),
    );

    mock.failApp(1);
    const wechat = await hashOf('wechat');
    expectApplied(
      await wf('wxEditor', { type: 'publish', channel: 'wechat', contentHash: wechat }),
    );
    expectApplied(await wf('appEditor', { type: 'publish', channel: 'app', contentHash: app }));
    // Publishing twice is refused by the rules (the version is published).
    expect(
      refusal(await wf('wxEditor', { type: 'publish', channel: 'wechat', contentHash: wechat }))
        ?.reason?.code,
    ).toBe('invalid_state');

    for (let i = 0; i < 50; i++) {
      await server.publisher.tick();
      const ds = await as.chief.deliveries(storyId);
      if (ds.length === 2 && ds.every((x) => x.status === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const ds = await as.chief.deliveries(storyId);
    const byChannel = Object.fromEntries(ds.map((x) => [x.channel, x]));
    expect(byChannel.wechat).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(byChannel.wechat!.url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\/mock-/);
    expect(byChannel.app).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(byChannel.app!.url).toMatch(/^https:\/\/app\.example\.cn\/a\//);
    await server.publisher.tick();
    await server.publisher.tick();

    expect(mock.violations).toEqual([]);
    expect(mock.calls('/cgi-bin/freepublish/submit')).toHaveLength(1);
    expect(mock.calls('/cgi-bin/draft/add')).toHaveLength(1);
    expect(mock.calls('/cgi-bin/material/add_material').length).toBeGreaterThanOrEqual(1);
    expect(mock.calls('/app/ingest')).toHaveLength(2); // one 503, one accepted
    expect(mock.appDocuments).toHaveLength(1);
    expect(mock.appDocuments[0]!.uri).toBe(`urn:rongmei:story:${storyId}`);
    const draft = mock.calls('/cgi-bin/draft/add')[0]!.json as {
      articles: { title: string; thumb_media_id: string }[];
    };
    expect(draft.articles[0]!.title).toBe('各地春耕备耕有序推进');

    const view = await as.wxEditor.workflow(storyId);
    expect(view.state.variants.wechat?.stage).toBe('published');
    expect(view.state.variants.app?.deliveries.map((x) => x.outcome)).toEqual([
      'failed',
      'delivered',
    ]);
    expect(view.state.variants.wechat?.deliveries).toHaveLength(1);
    // The app editor and the app desk head heard of the failed attempt, once.
    for (const who of ['appEditor', 'appHead'] as const) {
      const failed = (await as[who].notifications()).items.filter(
        (n) => n.storyId === storyId && n.kind === 'deliveryFailed',
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.channel).toBe('app');
    }
    expect(view.state.variants.wechat?.deliveries[0]?.target?.url).toBe(byChannel.wechat!.url);
    expect((await as.reporter.story(storyId)).status).toBe('published');
    // The projected state is exactly the fold of the story's event log.
    expect(rebuild(storyId, view.events)).toEqual(view.state);
  });

  it('a correction (更正) keeps the published version and records what changed', async () => {
    const d = await openDoc(server.syncUrl, variantDocId(storyId, 'wechat'), tokens.wxEditor);
    const title = variantText(d.doc, 'title');
    title.insert(title.length, '（更新）');
    await d.acked();
    d.destroy();
    const h = await hashOf('wechat');
    expect(
      refusal(
        await wf('wxEditor', {
          type: 'correct',
          channel: 'wechat',
          contentHash: h,
          note: '标题更正',
        }),
      )?.reason?.code,
    ).toBe('forbidden');
    expectApplied(
      await wf('wxHead', { type: 'correct', channel: 'wechat', contentHash: h, note: '标题更正' }),
    );
    const v = await as.chief.workflow(storyId);
    const pubs = v.state.variants.wechat!.publications;
    expect(pubs.map((p) => p.kind)).toEqual(['publish', 'correction']);
    expect(pubs[1]!.note).toBe('标题更正');
    expect(pubs[1]!.changes).toContainEqual(
      expect.objectContaining({
        kind: 'field',
        field: 'title',
        after: '各地春耕备耕有序推进（更新）',
      }),
    );
    await server.publisher.tick();
    const ds = await as.chief.deliveries(storyId);
    expect(ds.filter((x) => x.channel === 'wechat').map((x) => [x.revision, x.status])).toEqual([
      [1, 'delivered'],
      [2, 'delivered'],
    ]);
  });

  it('the older story.file still files a draft to the desk, and the workflow follows', async () => {
    // A refused 发稿 of a story the server never saw leaves no trace of it.
    const ghost = newId();
    const no = refusal(
      await send('reporter', {
        type: 'file',
        commandId: newId(),
        storyId: ghost,
        desk: desks.wechat.id,
      }),
    );
    expect(no?.reason?.code).toBe('not_topic_desk');
    await expect(as.reporter.story(ghost)).rejects.toMatchObject({ code: 'not_found' });

    const other = newId();
    const d = await openDoc(server.syncUrl, storyDocId(other), tokens.reporter);
    d.destroy();
    const a = await as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.file',
      storyId: other,
      expectedRevision: 0,
      deskId: desks.politics.id,
    });
    expect(a.outcome.status).toBe('applied');
    // As after an upgrade: no projected state yet; it is folded from the story's log.
    await sql`DELETE FROM workflow_states WHERE story_id = ${other}`.execute(server.store.db);
    const v = await as.wxEditor.workflow(other);
    expect(v.state.stage).toBe('filed');
    expect(v.state.desk).toBe(desks.politics.id);
    expect(v.state.owner).toBe(people.reporter.id);

    // 退稿: back to the reporter with a reason, private again; filed anew by the reporter.
    expectApplied(
      await send('chief', {
        type: 'send_back',
        commandId: newId(),
        storyId: other,
        channel: null,
        reason: '信源不足，请补充采访',
        anchors: [],
      }),
    );
    expect((await as.reporter.story(other)).status).toBe('draft');
    await expect(as.wxEditor.workflow(other)).rejects.toMatchObject({ code: 'forbidden' });
    const mine = await as.reporter.queues();
    expect(mine.mine.find((q) => q.name === 'sentBack')!.items.map((i) => i.storyId)).toContain(
      other,
    );
    expect((await as.reporter.notifications(true)).items.some((n) => n.storyId === other)).toBe(
      true,
    );
    expectApplied(
      await send('reporter', {
        type: 'file',
        commandId: newId(),
        storyId: other,
        desk: desks.politics.id,
      }),
    );
    expect((await as.wxEditor.workflow(other)).state.returned).toBeNull();
  });

  it('keeps the word lists editable by desk heads only, as text', async () => {
    const lists = await as.wxEditor.scanLists();
    expect(lists.sensitive).toContain('[词条]');
    await expect(as.wxEditor.putScanLists({ sensitive: lists.sensitive })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const saved = await as.wxHead.putScanLists({
      sensitive: lists.sensitive.replace('[词条]\n', '[词条]\n备耕 | 测试 | 禁用\n'),
    });
    expect(saved.problems).toEqual([]);
    expect(saved.updatedBy).toBe(people.wxHead.id);
    const view = await as.wxEditor.workflow(storyId);
    expect(view.scans.wechat?.counts.block).toBeGreaterThan(0);
  });

  it('verifies the audit chain from the database and detects tampering', async () => {
    await expect(as.wxHead.auditVerify()).rejects.toMatchObject({ code: 'forbidden' });
    const ok = await as.admin.auditVerify();
    expect(ok.ok).toBe(true);
    const [args, vars] =
      engine === 'sqlite'
        ? [['--db', path.join(env.env.RONGMEI_DATA_DIR!, SQLITE_FILE), '--lang', 'en'], {}]
        : [
            ['--db-url', '--lang', 'en'],
            { DATABASE_URL: env.env.DATABASE_URL!, DATABASE_SCHEMA: env.env.DATABASE_SCHEMA! },
          ];
    const intact = await mainDb(args, vars);
    expect(intact).toMatchObject({ exitCode: 0 });
    expect(intact?.output).toContain(ok.ok ? ok.head : '');
    if (engine === 'sqlite') {
      // The npm script itself, as IT runs it on the server's database.
      const cli = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', ...args], {
        encoding: 'utf8',
      });
      expect(cli.status).toBe(0);
      expect(cli.stdout).toMatch(/OK: \d+ entries, chain intact/);
    }
    const report = await as.chief.auditReport(storyId, 'zh-CN');
    expect(report.markdown).toContain('终审');
    const res = await fetch(`${server.url}/v1/stories/${storyId}/audit?format=markdown&locale=en`, {
      headers: { authorization: `Bearer ${tokens.chief}` },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/markdown/);

    await sql`UPDATE audit_log SET data = ${JSON.stringify({ tampered: true })} WHERE seq = 5`.execute(
      server.store.db,
    );
    const bad = await as.admin.auditVerify();
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.index).toBe(4);
      expect(bad.code).toBe('bad_hash');
    }
    const broken = await mainDb(args, vars);
    expect(broken).toMatchObject({ exitCode: 1 });
    expect(broken?.output).toContain('entry 5');
  });

  it('the scheduler publishes a scheduled version when due, never before the embargo', async () => {
    const id = newId();
    const on = (who: Who, fields: Record<string, unknown>) =>
      send(who, { commandId: newId(), storyId: id, ...fields } as WorkflowCommand);
    expectApplied(await on('reporter', { type: 'file', desk: desks.politics.id }));
    const row = await as.reporter.story(id);
    const t0 = Date.now();
    const embargo = new Date(t0 + 2 * 3600_000).toISOString();
    const meta = await as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.update-meta',
      storyId: id,
      expectedRevision: row.revision,
      patch: { embargo },
    });
    expect(meta.outcome.status).toBe('applied');
    expectApplied(await on('appEditor', { type: 'claim', channel: 'app', desk: desks.app.id }));
    const channel = getChannel('app')!;
    const d = await openDoc(server.syncUrl, variantDocId(id, 'app'), tokens.appEditor);
    writeInitialVariant(
      d.doc,
      channel.docLayout,
      channel.derive({ ...master, id, images: [] }) as Record<string, unknown>,
    );
    await d.acked();
    d.destroy();
    const h = (await as.chief.workflow(id)).content.find((c) => c.channel === 'app')!.hash;
    const sign = (who: Who, step: string) =>
      on(who, { type: 'sign_off', channel: 'app', step, contentHash: h, comment: '' });
    expectApplied(
      await on('appEditor', { type: 'submit_for_review', channel: 'app', contentHash: h }),
    );
    expectApplied(await sign('appEditor', 'first'));
    expectApplied(await sign('appHead', 'second'));
    expectApplied(
      await on('appEditor', {
        type: 'proofread',
        channel: 'app',
        round: 1,
        contentHash: h,
        note: '',
        corrections: 0,
      }),
    );
    // The word list now blocks 备耕 (added above): 终审 waits until a desk head overrides it, with a reason.
    expect(refusal(await sign('chief', 'final'))?.reason?.code).toBe('scan_blocking');
    const report = (await as.chief.workflow(id)).scans.app!;
    for (const [key, found] of blockingKeys(report)) {
      expect(
        refusal(
          await on('appEditor', {
            type: 'override_scan_finding',
            channel: 'app',
            key,
            occurrences: found.length,
            contentHash: h,
            reason: '专业术语，不属敏感用法',
          }),
        )?.reason?.code,
      ).toBe('forbidden');
      expectApplied(
        await on('appHead', {
          type: 'override_scan_finding',
          channel: 'app',
          key,
          occurrences: found.length,
          contentHash: h,
          reason: '专业术语，不属敏感用法',
        }),
      );
    }
    expectApplied(await sign('chief', 'final'));
    // Publishing by hand before the embargo is refused by the server.
    expect(
      refusal(await on('appEditor', { type: 'publish', channel: 'app', contentHash: h }))?.reason
        ?.code,
    ).toBe('embargo');
    // Scheduling before the embargo is refused too.
    const early = new Date(t0 + 3600_000).toISOString();
    expect(
      refusal(
        await on('appEditor', {
          type: 'schedule',
          channel: 'app',
          publishAt: early,
          contentHash: h,
        }),
      )?.reason?.code,
    ).toBe('embargo');
    const publishAt = new Date(t0 + 3 * 3600_000).toISOString();
    expectApplied(
      await on('appEditor', { type: 'schedule', channel: 'app', publishAt, contentHash: h }),
    );
    // The embargo moves later after the version was scheduled: the server still holds it back.
    const row2 = await as.reporter.story(id);
    const moved = await as.reporter.command({
      id: `cmd-${newId()}`,
      type: 'story.update-meta',
      storyId: id,
      expectedRevision: row2.revision,
      patch: { embargo: new Date(t0 + 4 * 3600_000).toISOString() },
    });
    expect(moved.outcome.status).toBe('applied');
    const before = mock.appDocuments.length;

    await server.publisher.tick();
    expect((await as.chief.workflow(id)).state.variants.app?.stage).toBe('scheduled');
    skew = 3 * 3600_000 + 1000; // due, but the embargo holds
    await server.publisher.tick();
    expect((await as.chief.workflow(id)).state.variants.app?.stage).toBe('scheduled');
    skew = 4 * 3600_000 + 1000; // past the embargo
    await server.publisher.tick();
    await server.publisher.tick();
    const v = await as.chief.workflow(id);
    expect(v.state.variants.app?.stage).toBe('published');
    expect(v.state.variants.app?.publications[0]).toMatchObject({
      scheduled: true,
      contentHash: h,
    });
    expect(v.state.variants.app?.publications[0]?.by).toEqual({
      kind: 'system',
      name: 'scheduler',
    });
    expect(mock.appDocuments.length).toBe(before + 1);
    expect((await as.chief.deliveries(id))[0]).toMatchObject({
      channel: 'app',
      status: 'delivered',
    });
    // The clock stays ahead from here on (clocks do not run backwards, rate limits rely on it).
  });

  it('a channel desk runs its own review chain, copied into each version it claims', async () => {
    const quick = {
      steps: [{ ...DEFAULT_REVIEW_PLAN.steps[0]!, canVeto: true }],
      proofreadRounds: 0,
      distinctReviewers: true,
    };
    await expect(as.wxHead.setReviewPlan(desks.app.id, quick)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await as.appHead.setReviewPlan(desks.app.id, quick)).plan?.steps).toHaveLength(1);
    const id = newId();
    expectApplied(
      await send('reporter', {
        type: 'file',
        commandId: newId(),
        storyId: id,
        desk: desks.politics.id,
      }),
    );
    expectApplied(
      await send('appEditor', {
        type: 'claim',
        commandId: newId(),
        storyId: id,
        channel: 'app',
        desk: desks.app.id,
      }),
    );
    const v = await as.appEditor.workflow(id);
    expect(v.state.variants.app?.plan.steps.map((x) => x.id)).toEqual(['first']);
    expect(v.state.variants.app?.plan.proofreadRounds).toBe(0);
    // Back to the newsroom default; the version claimed keeps the chain it was claimed under.
    expect((await as.chief.setReviewPlan(desks.app.id, null)).plan).toBeNull();
    expect((await as.appEditor.workflow(id)).state.variants.app?.plan.steps).toHaveLength(1);
  });
});
