// The review panel in Chromium: a comment on a range stays on its words when
// text is typed before it and is kept (orphaned) when they are deleted; a
// sensitive word from the default list is a blocking 机审 finding until it is
// fixed; sources and claims are recorded and verified; screenshots of each
// tab at 1366×768 in zh-CN and en.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
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
  openReview,
  review,
  selectInBody,
  signIn,
  startNewsroomServer,
  type NewsroomServer,
  reviewTab,
} from './newsroom-helpers';

const SHOTS = 'test-results/screenshots';
const HEADLINE = '全县秋粮收购进度过半';
const LEAD = '记者从县农业农村局获悉，截至11月25日，全县累计收购秋粮3.2万吨，价格稳中有升。';
const SECOND = '县农业农村局局长张建国表示，今年秋粮收购工作开局良好，仓容充足。';

async function writeStory(page: Page) {
  await newStory(page, HEADLINE);
  await body(page).click();
  await page.keyboard.insertText(LEAD);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(SECOND);
  await waitSaved(page);
}

/** The texts of the body's comment highlights (CSS Custom Highlight API). */
function highlighted(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      [...((CSS.highlights.get(n) as Set<AbstractRange> | undefined) ?? [])].map((r) => {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      }),
    name,
  );
}

test.describe('review panel', () => {
  test('a comment on a range survives an edit before it, jumps to its words, and is kept when they are deleted', async ({
    app,
  }) => {
    await writeStory(app);
    await openReview(app);
    const panel = review(app);
    await selectInBody(app, '价格稳中有升');
    await panel.getByRole('button', { name: '批注所选文字' }).click();
    const compose = panel.getByRole('form', { name: '新批注' });
    await expect(compose.locator('blockquote')).toHaveText('价格稳中有升');
    await compose.getByLabel('批注内容').fill('@李记者 请补充县统计局的数据');
    await compose.getByRole('button', { name: '添加批注' }).click();
    const thread = panel.getByRole('article', { name: '批注：价格稳中有升' });
    await expect(thread).toBeVisible();
    await expect(thread).toContainText('请补充县统计局的数据');
    await expect.poll(() => highlighted(app, 'rm-comment-active')).toEqual(['价格稳中有升']);

    // Type before the range: the comment stays on its words.
    await body(app).locator('p').first().click();
    await app.keyboard.press('Home');
    await app.keyboard.insertText('本报讯 ');
    await waitSaved(app);
    await expect(thread.getByRole('button', { name: '价格稳中有升' })).toBeVisible();
    await expect.poll(() => highlighted(app, 'rm-comment-active')).toEqual(['价格稳中有升']);

    // Click the quote: the editor selects those words.
    await body(app).locator('p').nth(1).click();
    await thread.getByRole('button', { name: '价格稳中有升' }).click();
    await expect
      .poll(() => app.evaluate(() => document.getSelection()?.toString()))
      .toBe('价格稳中有升');

    // A reply, then resolve and reopen.
    await thread.getByLabel('回复').fill('已补充');
    await thread.getByRole('button', { name: '发送' }).click();
    await expect(thread).toContainText('已补充');

    // Delete the words: the comment is kept and says its text is gone.
    await selectInBody(app, '价格稳中有升');
    await app.keyboard.press('Backspace');
    await waitSaved(app);
    await expect(thread.getByText('原文已删除')).toBeVisible();
    await expect(thread).toContainText('请补充县统计局的数据');
    await thread.getByRole('button', { name: '解决' }).click();
    await expect(panel.getByRole('article')).toHaveCount(0);
    await panel.getByLabel(/显示已处理的/).check();
    await expect(panel.getByRole('article', { name: '批注：价格稳中有升' })).toContainText(
      '已解决',
    );
  });

  test('a comment on a version being edited lives in that version and follows its text', async ({
    app,
  }) => {
    await writeStory(app);
    await openReview(app);
    const pane = app
      .getByRole('region', { name: '各渠道预览' })
      .getByRole('region', { name: '微信公众号', exact: true });
    await pane.getByRole('button', { name: '编辑微信公众号版本' }).click();
    const vbody = pane.getByRole('textbox', { name: '微信公众号正文' });
    await expect(vbody).toContainText('仓容充足');
    await vbody.evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.nodeValue?.indexOf('仓容充足') ?? -1;
        if (i < 0) continue;
        (el as HTMLElement).focus();
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 4);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
    });
    const panel = review(app);
    await panel.getByRole('button', { name: '批注所选文字' }).click();
    await panel.getByLabel('批注内容').fill('微信版可删去此句');
    await panel.getByRole('button', { name: '添加批注' }).click();
    const thread = panel.getByRole('article', { name: '批注：仓容充足' });
    await expect(thread).toContainText('微信公众号');
    await expect.poll(() => highlighted(app, 'rm-comment-active')).toEqual(['仓容充足']);
    // Typing before it in the version keeps it on its words.
    await vbody.locator('p').last().click();
    await app.keyboard.press('Control+Home');
    await app.keyboard.insertText('【微信】');
    await expect(pane.getByTestId('save-state-wechat')).toHaveText('已保存');
    await expect(thread.getByRole('button', { name: '仓容充足' })).toBeVisible();
    await expect.poll(() => highlighted(app, 'rm-comment-active')).toEqual(['仓容充足']);
    // The master knows nothing of it.
    await expect(app.getByRole('textbox', { name: '正文', exact: true })).not.toContainText(
      '【微信】',
    );
  });

  test('a suggestion is accepted into the text', async ({ app }) => {
    await newStory(app, HEADLINE);
    await body(app).click();
    await app.keyboard.insertText('新烘干设备已按装完毕。');
    await waitSaved(app);
    await openReview(app);
    const panel = review(app);
    await selectInBody(app, '按装');
    await panel.getByRole('button', { name: '建议修改' }).click();
    const compose = panel.getByRole('form', { name: '新修改建议' });
    await compose.getByLabel('改为').fill('安装');
    await compose.getByRole('button', { name: '提出建议' }).click();
    const thread = panel.getByRole('article', { name: '修改建议：按装' });
    await thread.getByRole('button', { name: '采纳' }).click();
    await expect(body(app)).toHaveText('新烘干设备已安装完毕。');
    await waitSaved(app);
  });

  test('a sensitive word is a blocking 机审 finding until it is fixed', async ({ app }) => {
    await writeStory(app);
    await openReview(app);
    const panel = review(app);
    await reviewTab(app, /机审/);
    await expect(panel.getByRole('status')).toHaveText('没有阻止发布的问题。');
    // Where each tab sits: a count arriving must not move a tab under the pointer.
    const tabBoxes = () =>
      panel
        .getByRole('tab')
        .evaluateAll((tabs) =>
          tabs.map((el) => [
            Math.round(el.getBoundingClientRect().x),
            Math.round(el.getBoundingClientRect().width),
          ]),
        );
    const tabsBefore = await tabBoxes();
    await body(app).locator('p').nth(1).click();
    await app.keyboard.press('Control+End');
    await app.keyboard.insertText('北朝鲜客商也来考察。');
    const master = panel.getByRole('region', { name: '原稿的机审结果' });
    const finding = master.getByRole('button', { name: /阻止发布.*北朝鲜/ });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('政治');
    await expect(panel.getByRole('status')).toContainText('阻止发布');
    await expect(panel.getByRole('tab', { name: /机审/ })).toContainText(/\d/);
    expect(await tabBoxes()).toEqual(tabsBefore);
    await reviewTab(app, /批注/);
    expect(await tabBoxes()).toEqual(tabsBefore);
    await reviewTab(app, /机审/);
    await expect.poll(() => highlighted(app, 'rm-scan-block')).toEqual(['北朝鲜']);
    // Every version derived from the master carries it too.
    await expect(
      panel
        .getByRole('region', { name: '微信公众号的机审结果' })
        .getByText('北朝鲜', { exact: false }),
    ).not.toHaveCount(0);
    await app.screenshot({ path: `${SHOTS}/review-scan-zh-CN.png` });

    // A version's finding opens that version's editor on the word.
    await panel
      .getByRole('region', { name: '客户端的机审结果' })
      .getByRole('button', { name: /北朝鲜/ })
      .click();
    await expect.poll(() => app.evaluate(() => document.getSelection()?.toString())).toBe('北朝鲜');
    await expect(app.getByRole('button', { name: '完成编辑客户端版本' })).toBeVisible();
    await app.getByRole('button', { name: '完成编辑客户端版本' }).click();

    // Click the finding: the editor selects the word; type the fix over it.
    await finding.click();
    await expect.poll(() => app.evaluate(() => document.getSelection()?.toString())).toBe('北朝鲜');
    await app.keyboard.insertText('朝鲜');
    await expect(panel.getByRole('status')).toHaveText('没有阻止发布的问题。');
    await expect(master).toContainText('未发现问题');
  });

  test('sources and claims are recorded and verified', async ({ app }) => {
    await writeStory(app);
    await openReview(app);
    const panel = review(app);
    await reviewTab(app, '核实');
    await expect(panel.getByRole('status')).toHaveText('没有阻止终审的核实问题。');

    await panel.getByText('添加信源', { exact: true }).first().click();
    const form = panel.getByRole('form', { name: '添加信源' });
    await form.getByLabel('名称/姓名').fill('张建国');
    await form.getByLabel('单位').fill('县农业农村局');
    await form.getByLabel('职务').fill('局长');
    await form.getByRole('button', { name: '添加信源' }).click();
    const source = panel.getByRole('listitem', { name: '县农业农村局 局长 张建国' });
    await expect(source).toContainText('未核实');
    await expect(panel.getByRole('status')).toHaveText('终审前还有 1 项须核实。');

    // An anonymous source needs the reason it is not named.
    await form.getByLabel('信源类型').selectOption('anonymous');
    await form.getByLabel('稿中称谓').fill('一位不愿具名的粮商');
    await form.getByLabel('不具名原因').fill('担心影响收购业务');
    await form.getByLabel(/本稿依赖此信源/).uncheck();
    await form.getByRole('button', { name: '添加信源' }).click();
    await expect(panel.getByRole('listitem', { name: '一位不愿具名的粮商' })).toContainText(
      '不具名原因：担心影响收购业务',
    );

    // A claim taken from the selected text, resting on the named source.
    await panel.getByText('添加事实', { exact: true }).first().click();
    const claimForm = panel.getByRole('form', { name: '添加事实' });
    await selectInBody(app, '全县累计收购秋粮3.2万吨');
    await claimForm.getByRole('button', { name: '用原稿中选中的文字' }).click();
    await expect(claimForm.getByLabel('事实陈述')).toHaveValue('全县累计收购秋粮3.2万吨');
    await claimForm.getByLabel('县农业农村局 局长 张建国').check();
    await claimForm.getByRole('button', { name: '添加事实' }).click();
    const claim = panel.getByRole('listitem', { name: '全县累计收购秋粮3.2万吨' });
    await expect(claim).toContainText('依据信源：县农业农村局 局长 张建国');
    await expect(panel.getByRole('status')).toHaveText('终审前还有 2 项须核实。');

    await source.getByRole('button', { name: '核实' }).click();
    await source.getByLabel('核实方式').selectOption('phone');
    await source.getByLabel('备注').fill('电话 0000 核实');
    await source.getByRole('button', { name: '标记已核实' }).click();
    await expect(source).toContainText(/本机用户 于 .* 核实（电话）/);
    await claim.getByRole('button', { name: '核实' }).click();
    await claim.getByLabel('核实方式').selectOption('document');
    await claim.getByRole('button', { name: '标记已核实' }).click();
    await expect(panel.getByRole('status')).toHaveText('没有阻止终审的核实问题。');

    // Image provenance with the AI flag.
    await panel.getByText('登记图片来源', { exact: true }).first().click();
    const img = panel.getByRole('form', { name: '登记图片来源' });
    await img.getByLabel('图片编号').fill('liangku-01.jpg');
    await img.getByLabel('来源').selectOption('handout');
    await img.getByLabel('机构').fill('县农业农村局');
    await img.getByLabel('AI 生成/示意图').selectOption('illustration');
    await img.getByRole('button', { name: '保存图片来源' }).click();
    await expect(panel.getByRole('listitem', { name: 'liangku-01.jpg' })).toContainText('示意图');

    // The record is in the story's document: it is still there after a reload.
    await waitSaved(app);
    await app.reload();
    await openReview(app);
    await reviewTab(app, '核实');
    await expect(
      review(app).getByRole('listitem', { name: '县农业农村局 局长 张建国' }),
    ).toContainText('核实（电话）');
  });

  test('the workflow tab asks to sign in while signed out; no queues show', async ({ app }) => {
    await writeStory(app);
    await openReview(app);
    await reviewTab(app, '流程');
    await expect(review(app).getByRole('status')).toHaveText(
      '登录新闻服务器后才能走审稿流程（在“设置”中登录）。',
    );
    await expect(app.getByRole('group', { name: '我的队列' })).toHaveCount(0);
  });

  test('screenshots of the review panel at 1366×768 in zh-CN and en', async ({ app }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await writeStory(app);
    await openReview(app);
    const panel = review(app);
    await selectInBody(app, '价格稳中有升');
    await panel.getByRole('button', { name: '批注所选文字' }).click();
    await panel.getByLabel('批注内容').fill('@李记者 请补充县统计局的数据');
    await panel.getByRole('button', { name: '添加批注' }).click();
    await selectInBody(app, '仓容充足');
    await panel.getByRole('button', { name: '建议修改' }).click();
    await panel.getByLabel('改为').fill('仓容总体充足');
    await panel.getByRole('button', { name: '提出建议' }).click();
    await body(app).locator('p').nth(1).click();
    await app.keyboard.press('Control+End');
    await app.keyboard.insertText('有人称之为全网第一粮仓。');
    await waitSaved(app);
    await app.screenshot({ path: `${SHOTS}/review-comments-zh-CN.png` });
    await reviewTab(app, /机审/);
    await app.screenshot({ path: `${SHOTS}/review-scan-warnings-zh-CN.png` });
    await reviewTab(app, '核实');
    await panel.getByText('添加信源', { exact: true }).first().click();
    await app.screenshot({ path: `${SHOTS}/review-verify-zh-CN.png` });
    const overflow = await app.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    const url = app.url();
    await app.getByRole('link', { name: '设置' }).click();
    await app.getByRole('radio', { name: 'English' }).check();
    await app.goto(url);
    await openReview(app);
    await expect(review(app).getByRole('tab', { name: /Comments/ })).toBeVisible();
    await app.waitForTimeout(400);
    await app.screenshot({ path: `${SHOTS}/review-comments-en.png` });
    await reviewTab(app, /Pre-scan/);
    await app.screenshot({ path: `${SHOTS}/review-scan-en.png` });
    await reviewTab(app, 'Sources');
    await review(app).getByText('Add source', { exact: true }).first().click();
    await app.screenshot({ path: `${SHOTS}/review-verify-en.png` });
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).check();
  });
});

// ---- Two people on a newsroom server --------------------------------------

test.describe('review workflow with two people', () => {
  test.describe.configure({ timeout: 180_000 });

  let server: NewsroomServer;
  const hosts: RunningHost[] = [];
  test.beforeAll(async () => {
    server = await startNewsroomServer();
    hosts.push(await startHost(), await startHost());
  });
  test.afterAll(async () => {
    test.setTimeout(120_000);
    for (const h of hosts) await h.stop();
    await server?.stop();
  });

  test('the reporter files, the desk head sends it back with a reason on a text range', async ({
    browser,
  }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const reporterCtx = await browser.newContext();
    const headCtx = await browser.newContext();
    const reporter = await reporterCtx.newPage();
    const head = await headCtx.newPage();
    await openApp(reporter, hosts[0]!);
    await openApp(head, hosts[1]!);
    await signIn(reporter, server, 'wang.li');
    await signIn(head, server, 'chen.hua');

    // The reporter writes and files (发稿) from the 流程 tab.
    await writeStory(reporter);
    await openReview(reporter);
    await reviewTab(reporter, '流程');
    const flowR = review(reporter).getByRole('tabpanel');
    await flowR.getByRole('button', { name: '发稿', exact: true }).click();
    await expect(flowR).toContainText('已发稿');
    // The desk head finds it in their queue, comments on a range and sends it back.
    const incoming = head
      .getByRole('group', { name: '我的队列' })
      .getByRole('link', { name: /待认领/ });
    await expect(incoming).toContainText(/[1-9]/);
    await incoming.click();
    await head
      .getByRole('button', { name: new RegExp(HEADLINE) })
      .first()
      .click();
    await expect(body(head)).toContainText('价格稳中有升');
    await openReview(head);
    await selectInBody(head, '全县累计收购秋粮3.2万吨');
    await review(head).getByRole('button', { name: '批注所选文字' }).click();
    // The newsroom's people are offered after an @.
    await review(head).getByLabel('批注内容').fill('@王');
    await review(head).getByRole('button', { name: '@王立' }).click();
    await review(head).getByLabel('批注内容').press('End');
    await review(head).getByLabel('批注内容').pressSequentially('这个数字的出处？');
    await expect(review(head).getByLabel('批注内容')).toHaveValue('@王立 这个数字的出处？');
    await review(head).getByRole('button', { name: '添加批注' }).click();
    await reviewTab(head, '流程');
    const flowH = review(head).getByRole('tabpanel');
    await flowH.getByRole('button', { name: '退回', exact: true }).first().click();
    const form = flowH.getByRole('form', { name: '退回' });
    await form.getByLabel(/原因/).fill('请补充收购数据的来源');
    await form.getByLabel('“全县累计收购秋粮3.2万吨”').check();
    await form.getByRole('button', { name: '退回' }).click();
    // Sent back to the reporter, the story leaves the desk head's sight.
    await expect(flowH.getByRole('status')).toContainText('已退回记者');
    await head.screenshot({ path: `${SHOTS}/review-workflow-desk-head-zh-CN.png` });

    // The reporter sees it: queue count, the reason with the quoted words, the comment.
    const sentBack = reporter
      .getByRole('group', { name: '我的队列' })
      .getByRole('link', { name: /被退回/ });
    await expect(sentBack).toContainText(/[1-9]/);
    await expect(flowR).toContainText('请补充收购数据的来源');
    const quote = flowR.getByRole('button', { name: '全县累计收购秋粮3.2万吨' });
    await quote.click();
    await expect
      .poll(() => reporter.evaluate(() => document.getSelection()?.toString()))
      .toBe('全县累计收购秋粮3.2万吨');
    await reviewTab(reporter, /批注/);
    await expect(
      review(reporter).getByRole('article', { name: '批注：全县累计收购秋粮3.2万吨' }),
    ).toContainText('这个数字的出处');
    await reviewTab(reporter, '流程');
    await reporter.screenshot({ path: `${SHOTS}/review-workflow-reporter-zh-CN.png` });

    // Filed again, the WeChat desk claims its version, submits it, and 初审 signs it off.
    await flowR.getByRole('button', { name: '发稿', exact: true }).click();
    await expect(flowR).toContainText('已发稿');
    await head
      .getByRole('group', { name: '我的队列' })
      .getByRole('link', { name: /待认领/ })
      .click();
    await head
      .getByRole('button', { name: new RegExp(HEADLINE) })
      .first()
      .click();
    await openReview(head);
    await reviewTab(head, '流程');
    const wechatFlow = flowH.getByRole('region', { name: '微信公众号' });
    await wechatFlow.getByRole('button', { name: '认领' }).click();
    await expect(wechatFlow).toContainText('编辑中');
    const pane = head
      .getByRole('region', { name: '各渠道预览' })
      .getByRole('region', { name: '微信公众号', exact: true });
    await pane.getByRole('button', { name: '编辑微信公众号版本' }).click();
    await pane.getByLabel('摘要').fill('全县秋粮收购进度过半，价格稳中有升。');
    await expect(pane.getByTestId('save-state-wechat')).toHaveText('已保存');
    await wechatFlow.getByRole('button', { name: '提交审核' }).click();
    await expect(wechatFlow).toContainText('审核中');
    await wechatFlow.getByRole('button', { name: '签发' }).click();
    await wechatFlow.getByRole('form', { name: '签发' }).getByLabel('签发意见').fill('同意');
    await wechatFlow
      .getByRole('form', { name: '签发' })
      .getByRole('button', { name: '签发' })
      .click();
    const strip = wechatFlow.getByRole('list', { name: '微信公众号的审核步骤' });
    await expect(strip.getByRole('listitem').first()).toContainText('✓ 陈华');
    await expect(strip.getByRole('listitem').first()).toContainText('同意');

    // An edit after the sign-off makes it stale.
    await pane.getByLabel('摘要').fill('全县秋粮收购进度过半，价格总体稳定。');
    await expect(pane.getByTestId('save-state-wechat')).toHaveText('已保存');
    await expect(strip.getByRole('listitem').first()).toContainText('已过期');
    await head.screenshot({ path: `${SHOTS}/review-workflow-stale-zh-CN.png` });
    const overflow = await head.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // The same in English.
    const url = head.url();
    await head.getByRole('link', { name: '设置' }).click();
    await head.getByRole('radio', { name: 'English' }).check();
    await head.goto(url);
    await openReview(head);
    await reviewTab(head, 'Workflow');
    await expect(review(head).getByRole('tabpanel')).toContainText('STALE');
    await head.screenshot({ path: `${SHOTS}/review-workflow-stale-en.png` });
    await reporterCtx.close();
    await headCtx.close();
  });
});
