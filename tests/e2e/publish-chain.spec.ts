// The central-kitchen chain in Chromium, one browser context per person, all
// on one newsroom server whose WeChat publisher points at a local mock of the
// official-account API: the reporter files; the WeChat desk's editor claims
// and edits the WeChat version; the desk head sends it back with a reason on
// the words in question; the editor fixes it; 初审 → 复审 pass; a sensitive
// word blocks 终审 until it is fixed (which un-approves the earlier steps);
// 终审 passes; an edit after 终审 makes every sign-off stale and publishing is
// refused until re-approved; the editor publishes and the 流程 tab shows
// where it went. A second test: a desk head lets a blocking finding through
// with a reason instead. Every wait is on what the next person sees (no
// sleeps): the views refresh on the host's workflow events.
import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import {
  body,
  expect,
  newStory,
  openApp,
  startHost,
  test,
  waitSaved,
  type RunningHost,
} from './fixtures';
import {
  hostCall,
  openReview,
  review,
  selectIn,
  selectInBody,
  signIn,
  startNewsroomServer,
  type NewsroomServer,
  reviewTab,
} from './newsroom-helpers';
import { startMockWechat, type MockWechat } from '../support/mock-wechat';
import { newId } from '../../shared/domain/ids';

const SHOTS = 'test-results/screenshots';
const HEADLINE = '全县新建粮仓投入使用';
const LEAD = '记者从县农业农村局获悉，截至11月25日，全县累计收购秋粮3.2万吨，新建粮仓已投入使用。';
const SECOND = '局长张建国表示，今年收购开局良好。北朝鲜客商也来考察。';
/** A term only the newsroom's own list knows (a hint, so it does not block). */
const NEWSROOM_TERM = '开局良好';
const COVER = 'cover-default-1';

interface Person {
  ctx: BrowserContext;
  page: Page;
}

type Ch = 'wechat' | 'app';
const CH_NAME: Record<Ch, string> = { wechat: '微信公众号', app: '客户端' };

/** The 流程 tab's section for a channel version (WeChat unless said). */
function wechatFlow(page: Page, ch: Ch = 'wechat'): Locator {
  return review(page).getByRole('tabpanel').getByRole('region', { name: CH_NAME[ch], exact: true });
}

function strip(page: Page, ch: Ch = 'wechat'): Locator {
  return wechatFlow(page, ch)
    .getByRole('list', { name: `${CH_NAME[ch]}的审核步骤` })
    .getByRole('listitem');
}

function wechatPane(page: Page, ch: Ch = 'wechat'): Locator {
  return page
    .getByRole('region', { name: '各渠道预览' })
    .getByRole('region', { name: CH_NAME[ch], exact: true });
}

async function openFlow(page: Page) {
  await openReview(page);
  await reviewTab(page, '流程');
}

/** Opens the story from one of my queues once its count shows it. */
async function openFromQueue(page: Page, queue: RegExp, headline = HEADLINE) {
  const link = page.getByRole('group', { name: '我的队列' }).getByRole('link', { name: queue });
  await expect(link).toContainText(/[1-9]/);
  await link.click();
  await page.getByRole('button', { name: headline }).first().click();
  await expect(body(page)).toContainText('新建粮仓');
  await openFlow(page);
}

async function signOff(page: Page, comment: string, ch: Ch = 'wechat') {
  const flow = wechatFlow(page, ch);
  await flow.getByRole('button', { name: '签发', exact: true }).click();
  const form = flow.getByRole('form', { name: '签发' });
  await form.getByLabel('签发意见').fill(comment);
  await form.getByRole('button', { name: '签发' }).click();
  await expect(form).toHaveCount(0);
}

async function proofread(page: Page, ch: Ch = 'wechat') {
  const flow = wechatFlow(page, ch);
  await flow.getByRole('button', { name: '校对', exact: true }).click();
  const form = flow.getByRole('form', { name: '校对' });
  await form.getByRole('button', { name: '校对' }).click();
  await expect(form).toHaveCount(0);
}

/** Edits a version's summary and waits until it is saved. */
async function editSummary(page: Page, text: string, ch: Ch = 'wechat') {
  const pane = wechatPane(page, ch);
  const edit = pane.getByRole('button', { name: `编辑${CH_NAME[ch]}版本` });
  const field = pane.getByLabel('摘要');
  // The pane may be leaving its editor (a jump to the master's text closes it).
  await expect(async () => {
    if (!(await field.isVisible())) await edit.click({ timeout: 1000 });
    await field.fill(text, { timeout: 1000 });
  }).toPass();
  await expect(pane.getByTestId(`save-state-${ch}`)).toHaveText('已保存');
}

interface WorkflowStateWire {
  content: { channel: string; hash: string }[];
  local: { channel: string; hash: string; synced: boolean }[];
}

/** A version's hash on the server, once the server has this computer's copy. */
async function syncedHash(page: Page, storyId: string, ch: Ch = 'wechat'): Promise<string> {
  let hash = '';
  await expect
    .poll(async () => {
      const s = await hostCall<WorkflowStateWire>(page, 'workflow.state', { storyId });
      const local = s.local.find((l) => l.channel === ch);
      hash = s.content.find((c) => c.channel === ch)?.hash ?? '';
      return local?.synced === true && local.hash === hash;
    })
    .toBe(true);
  return hash;
}

test.describe('the chain to WeChat with four people', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ actionTimeout: 15_000 });

  let mock: MockWechat;
  let server: NewsroomServer;
  let hosts: RunningHost[] = [];
  test.beforeAll(async () => {
    mock = await startMockWechat({ materials: [COVER] });
    [server, ...hosts] = await Promise.all([
      startNewsroomServer({
        WECHAT_API_BASE: mock.url,
        WECHAT_APP_ID: mock.appId,
        WECHAT_APP_SECRET: mock.appSecret,
        WECHAT_DEFAULT_THUMB_MEDIA_ID: COVER,
        APP_WEBHOOK_URL: `${mock.url}/app/ingest`,
        WECHAT_POLL_MS: '20',
        PUBLISH_INTERVAL_MS: '100',
        PUBLISH_RETRY_BASE_MS: '100',
      }),
      startHost(),
      startHost(),
      startHost(),
      startHost(),
    ]);
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    await Promise.all(hosts.map((h) => h.stop()));
    await server?.stop();
    await mock?.close();
  });

  test('files, sends back, fixes, passes 三审 past a sensitive word and a stale sign-off, publishes to WeChat', async ({
    browser,
  }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const started = Date.now();
    const person = async (host: RunningHost, login: string): Promise<Person> => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      page.on('pageerror', (e) => console.error(`pageerror (${login}):`, e.message));
      await openApp(page, host);
      await signIn(page, server, login);
      return { ctx, page };
    };
    const [reporter, editor, head] = await Promise.all([
      person(hosts[0]!, 'wang.li'),
      person(hosts[1]!, 'zhao.min'),
      person(hosts[2]!, 'chen.hua'),
    ]);
    const R = reporter.page;
    const E = editor.page;
    const H = head.page;

    // The desk head adds a term to the newsroom's own list: 机审 will find it.
    const lists = await hostCall<{ sensitive: string }>(H, 'scan.lists.get', {});
    await hostCall(H, 'scan.lists.put', {
      sensitive: `${lists.sensitive}\n[词条]\n${NEWSROOM_TERM} | 套话 | 提示 | 具体说明进展\n`,
    });

    // 1. The reporter writes (with a word the lists forbid) and files.
    await newStory(R, HEADLINE);
    await body(R).click();
    await R.keyboard.insertText(LEAD);
    await R.keyboard.press('Enter');
    await R.keyboard.insertText(SECOND);
    await waitSaved(R);
    const storyId = /#\/story\/([^/?]+)/.exec(R.url())![1]!;
    await openFlow(R);
    await review(R)
      .getByRole('tabpanel')
      .getByRole('button', { name: '发稿', exact: true })
      .click();
    const filedAt = Date.now();
    await expect(review(R).getByRole('tabpanel')).toContainText('已发稿');

    // 2. The WeChat desk's editor sees it arrive, claims the WeChat version, and edits it.
    const incoming = E.getByRole('group', { name: '我的队列' }).getByRole('link', {
      name: /待认领/,
    });
    await expect(incoming).toContainText(/[1-9]/);
    const arrivedMs = Date.now() - filedAt;
    await openFromQueue(E, /待认领/);
    await wechatFlow(E).getByRole('button', { name: '认领' }).click();
    await expect(wechatFlow(E)).toContainText('编辑中');
    // 机审 with the newsroom's lists: its own term, and the blocking word.
    await reviewTab(E, /机审/);
    const wxScan = review(E).getByRole('region', { name: '微信公众号的机审结果' });
    await expect(wxScan.getByRole('button', { name: new RegExp(NEWSROOM_TERM) })).toBeVisible();
    await expect(wxScan.getByRole('button', { name: /阻止发布.*北朝鲜/ })).toBeVisible();
    await reviewTab(E, '流程');
    await editSummary(E, '全县新建粮仓投入使用，秋粮收购过半。');
    await syncedHash(E, storyId);
    await wechatFlow(E).getByRole('button', { name: '提交审核' }).click();
    await expect(wechatFlow(E)).toContainText('审核中');

    // 3. The desk head sends the WeChat version back, pointing at the figure.
    await openFromQueue(H, /待我审核/);
    await wechatFlow(H).getByRole('button', { name: '退回', exact: true }).click();
    const back = wechatFlow(H).getByRole('form', { name: '退回' });
    await back.getByLabel(/原因/).fill('请注明收购数据的来源');
    await selectInBody(H, '全县累计收购秋粮3.2万吨');
    await back.getByRole('button', { name: '加入原稿中选中的文字' }).click();
    await expect(back).toContainText('全县累计收购秋粮3.2万吨');
    await back.getByRole('button', { name: '退回' }).click();
    await expect(wechatFlow(H)).toContainText('已退回');

    // 4. The editor sees why, on which words; fixes, resubmits, signs 初审 and proofreads.
    await expect(wechatFlow(E)).toContainText('陈华 退回：请注明收购数据的来源');
    await wechatFlow(E).getByRole('button', { name: '全县累计收购秋粮3.2万吨' }).click();
    await expect
      .poll(() => E.evaluate(() => document.getSelection()?.toString()))
      .toBe('全县累计收购秋粮3.2万吨');
    await editSummary(E, '全县新建粮仓投入使用，秋粮收购3.2万吨（县农业农村局数据）。');
    await syncedHash(E, storyId);
    await wechatFlow(E).getByRole('button', { name: '提交审核' }).click();
    await expect(wechatFlow(E)).toContainText('审核中');
    await signOff(E, '初审同意');
    await expect(strip(E).nth(0)).toContainText('✓ 赵敏');
    await proofread(E);

    // 5. 复审 by the desk head (who sees the 初审 a moment after it was confirmed).
    await expect(strip(E).nth(0)).toContainText('✓ 赵敏');
    const signedAt = Date.now();
    await expect(strip(H).nth(0)).toContainText('✓ 赵敏');
    const seenMs = Date.now() - signedAt;
    await signOff(H, '复审同意');
    await expect(strip(H).nth(1)).toContainText('✓ 陈华');

    // 6. The editor-in-chief cannot sign 终审: the forbidden word is still in the version.
    await reporter.ctx.close();
    const chief = await person(hosts[3]!, 'liu.zong');
    const C = chief.page;
    await openFromQueue(C, /待我审核/);
    await expect(strip(C).nth(1)).toContainText('✓ 陈华');
    await expect(wechatFlow(C)).toContainText(/机审：1 处阻止发布的问题未处理（北朝鲜）/);
    await expect(wechatFlow(C).getByRole('button', { name: '签发', exact: true })).toHaveCount(0);

    // 7. The editor fixes the word: the earlier sign-offs no longer match, and are done again.
    const pane = wechatPane(E);
    const vbody = pane.getByRole('textbox', { name: '微信公众号正文' });
    await selectIn(vbody, '北朝鲜');
    await E.keyboard.insertText('朝鲜');
    await expect(pane.getByTestId('save-state-wechat')).toHaveText('已保存');
    await expect(strip(E).nth(0)).toContainText('已过期');
    await syncedHash(E, storyId);
    await signOff(E, '初审同意（已改敏感词）');
    await expect(strip(E).nth(0)).toContainText('✓ 赵敏');
    await proofread(E);
    await expect(strip(H).nth(0)).toContainText('✓ 赵敏');
    await signOff(H, '复审同意');

    // 8. 终审, now that nothing blocks.
    await expect(wechatFlow(C)).not.toContainText('机审：');
    await signOff(C, '同意发布');
    await expect(strip(C).nth(2)).toContainText('✓ 刘总');
    await expect(wechatFlow(E).getByRole('button', { name: '发布', exact: true })).toBeVisible();
    const approvedHash = await syncedHash(E, storyId);

    // 9. An edit after 终审: every sign-off is stale; publishing is not offered and is refused.
    await editSummary(E, '全县新建粮仓投入使用，秋粮收购3.2万吨。');
    await expect(strip(E).nth(2)).toContainText('已过期');
    await expect(strip(E).nth(0)).toContainText('已过期');
    await expect(wechatFlow(E).getByRole('button', { name: '发布', exact: true })).toHaveCount(0);
    const editedHash = await syncedHash(E, storyId);
    expect(editedHash).not.toBe(approvedHash);
    for (const contentHash of [approvedHash, editedHash]) {
      const answer = await hostCall<{ status: string; reason?: { message: { 'zh-CN': string } } }>(
        E,
        'workflow.command',
        {
          storyId,
          command: {
            type: 'publish',
            commandId: newId(),
            storyId,
            channel: 'wechat',
            contentHash,
          },
        },
      );
      expect(answer.status).toBe('refused');
    }
    expect(mock.calls('/cgi-bin/draft/add')).toHaveLength(0);

    // 10. Approved again, step by step.
    await signOff(E, '初审同意');
    await proofread(E);
    await expect(strip(H).nth(0)).toContainText('✓ 赵敏');
    await signOff(H, '复审同意');
    await expect(strip(C).nth(1)).toContainText('✓ 陈华');
    await signOff(C, '同意发布');
    await expect(strip(E).nth(2)).toContainText('✓ 刘总');

    // 11. Published to WeChat: the 流程 tab shows where it went and when.
    await wechatFlow(E).getByRole('button', { name: '发布', exact: true }).click();
    const went = wechatFlow(E).getByRole('region', { name: '微信公众号的发布去向' });
    await expect(went).toContainText('已送达', { timeout: 20_000 });
    await expect(
      went.getByRole('link', { name: /^https:\/\/mp\.weixin\.qq\.com\/s\/mock-/ }),
    ).toBeVisible();
    await expect(went).toContainText(/编号 \S+/);
    await expect(went.locator('time')).toHaveCount(1);
    await expect(wechatFlow(C)).toContainText('已发布');

    // The mock saw the documented flow, once: token, draft/add, freepublish/submit (and polls).
    expect(mock.violations).toEqual([]);
    expect(mock.calls('/cgi-bin/token').length).toBeGreaterThanOrEqual(1);
    const drafts = mock.calls('/cgi-bin/draft/add');
    expect(drafts).toHaveLength(1);
    const article = (drafts[0]!.json!.articles as Record<string, unknown>[])[0]!;
    expect(article.thumb_media_id).toBe(COVER);
    expect(String(article.content)).toContain('朝鲜客商');
    expect(String(article.content)).not.toContain('北朝鲜');
    expect(mock.calls('/cgi-bin/freepublish/submit')).toHaveLength(1);
    expect(mock.calls('/cgi-bin/freepublish/get').length).toBeGreaterThanOrEqual(1);

    // 12. The app version: the same chain (its own copy fixed too), then the ninjs webhook.
    const app = wechatFlow(E, 'app');
    await app.getByRole('button', { name: '认领' }).click();
    await expect(app).toContainText('编辑中');
    await editSummary(E, '全县新建粮仓投入使用，秋粮收购3.2万吨。', 'app');
    const appPane = wechatPane(E, 'app');
    await selectIn(appPane.getByRole('textbox', { name: '客户端正文' }), '北朝鲜');
    await E.keyboard.insertText('朝鲜');
    await expect(appPane.getByTestId('save-state-app')).toHaveText('已保存');
    await syncedHash(E, storyId, 'app');
    await app.getByRole('button', { name: '提交审核' }).click();
    await expect(app).toContainText('审核中');
    await signOff(E, '初审同意', 'app');
    await expect(strip(E, 'app').nth(0)).toContainText('✓ 赵敏');
    await proofread(E, 'app');
    await expect(strip(H, 'app').nth(0)).toContainText('✓ 赵敏');
    await signOff(H, '复审同意', 'app');
    await expect(strip(C, 'app').nth(1)).toContainText('✓ 陈华');
    await signOff(C, '同意发布', 'app');
    await expect(strip(E, 'app').nth(2)).toContainText('✓ 刘总');
    await app.getByRole('button', { name: '发布', exact: true }).click();
    const wentApp = app.getByRole('region', { name: '客户端的发布去向' });
    await expect(wentApp).toContainText('已送达');
    await expect(
      wentApp.getByRole('link', { name: /^https:\/\/app\.example\.cn\/a\// }),
    ).toBeVisible();
    expect(mock.appDocuments).toHaveLength(1);
    expect(typeof mock.appDocuments[0]!.uri).toBe('string');
    expect(JSON.stringify(mock.appDocuments[0])).toContain(HEADLINE);
    expect(mock.violations).toEqual([]);

    // Screenshots of the 流程 tab after publishing, zh-CN and en.
    await went.scrollIntoViewIfNeeded();
    await E.screenshot({ path: `${SHOTS}/workflow-published-zh-CN.png` });
    const overflow = await E.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const url = E.url();
    await E.getByRole('link', { name: '设置' }).click();
    await E.getByRole('radio', { name: 'English' }).check();
    await E.goto(url);
    await openReview(E);
    await reviewTab(E, 'Workflow');
    const wentEn = review(E).getByRole('region', { name: 'Where the WeChat version went' });
    await expect(wentEn).toContainText('Delivered');
    await expect(E.getByTestId('preview-print')).toContainText(HEADLINE);
    await wentEn.scrollIntoViewIfNeeded();
    await E.screenshot({ path: `${SHOTS}/workflow-published-en.png` });

    console.log(
      `chain to WeChat: ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `a filed story reached the WeChat desk's queue in ${arrivedMs} ms; ` +
        `the desk head saw the 初审 sign-off ${seenMs} ms after the editor did`,
    );
    await Promise.all([editor.ctx.close(), head.ctx.close(), chief.ctx.close()]);
  });
  test('a desk head lets a blocking 机审 finding through with a reason; the override is on record', async ({
    browser,
  }) => {
    const headline = '新建粮仓迎来北方客商';
    const open = async (host: RunningHost, login: string): Promise<Person> => {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await openApp(page, host);
      await signIn(page, server, login);
      return { ctx, page };
    };
    const [reporter, head] = await Promise.all([
      open(hosts[0]!, 'wang.li'),
      open(hosts[2]!, 'chen.hua'),
    ]);
    const R = reporter.page;
    const H = head.page;
    await newStory(R, headline);
    await body(R).click();
    await R.keyboard.insertText('新建粮仓投入使用。北朝鲜客商也来考察。');
    await waitSaved(R);
    await openFlow(R);
    await review(R)
      .getByRole('tabpanel')
      .getByRole('button', { name: '发稿', exact: true })
      .click();
    await expect(review(R).getByRole('tabpanel')).toContainText('已发稿');

    // The desk head claims the WeChat version: the word blocks it.
    await openFromQueue(H, /待认领/, headline);
    await wechatFlow(H).getByRole('button', { name: '认领' }).click();
    await expect(wechatFlow(H)).toContainText('编辑中');
    // Once the desk has its own copy of the version, the server scans it.
    await editSummary(H, '新建粮仓投入使用。');
    await expect(wechatFlow(H)).toContainText('机审：1 处阻止发布的问题未处理（北朝鲜）');
    // Let through, with the reason on record.
    await wechatFlow(H).getByRole('button', { name: '放行机审问题' }).click();
    const form = wechatFlow(H).getByRole('form', { name: '放行机审问题' });
    await form.getByLabel(/原因/).fill('引用外方原话，已请示总编室');
    await form.getByRole('button', { name: '放行机审问题' }).click();
    await expect(wechatFlow(H)).not.toContainText('机审：');
    await expect(review(H).getByRole('region', { name: '流程记录' })).toContainText(
      '陈华批准放行微信公众号版本机审项',
    );
    await expect(review(H).getByRole('region', { name: '流程记录' })).toContainText(
      '引用外方原话，已请示总编室',
    );
    // The reporter, who may not override, sees it on the timeline too.
    await expect(review(R).getByRole('tabpanel')).toContainText('引用外方原话，已请示总编室');
    await Promise.all([reporter.ctx.close(), head.ctx.close()]);
  });
});
