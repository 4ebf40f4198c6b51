// The review panel in Chromium: a comment on a range stays on its words when
// text is typed before it and is kept (orphaned) when they are deleted; a
// sensitive word from the default list is a blocking 机审 finding until it is
// fixed; sources and claims are recorded and verified; screenshots of each
// tab at 1366×768 in zh-CN and en.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { body, expect, newStory, test, waitSaved } from './fixtures';

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

/** Selects the first occurrence of `text` in the master's body, as a person dragging over it would. */
async function selectInBody(page: Page, text: string) {
  await body(page).evaluate((el, needle) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.nodeValue?.indexOf(needle) ?? -1;
      if (i < 0) continue;
      (el as HTMLElement).focus();
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      const sel = document.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`not in the body: ${needle}`);
  }, text);
}

function review(page: Page) {
  return page.getByRole('complementary', { name: /审阅|Review/ });
}

async function openReview(page: Page) {
  const toggle = page.getByRole('button', { name: /^(审阅|Review)$/ });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await expect(review(page)).toBeVisible();
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
    await panel.getByRole('tab', { name: /机审/ }).click();
    await expect(panel.getByRole('status')).toHaveText('没有阻止发布的问题。');
    await body(app).locator('p').nth(1).click();
    await app.keyboard.press('Control+End');
    await app.keyboard.insertText('北朝鲜客商也来考察。');
    const master = panel.getByRole('region', { name: '原稿的机审结果' });
    const finding = master.getByRole('button', { name: /阻止发布.*北朝鲜/ });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText('政治');
    await expect(panel.getByRole('status')).toContainText('阻止发布');
    await expect(panel.getByRole('tab', { name: /机审/ })).toContainText(/\d/);
    await expect.poll(() => highlighted(app, 'rm-scan-block')).toEqual(['北朝鲜']);
    // Every version derived from the master carries it too.
    await expect(
      panel
        .getByRole('region', { name: '微信公众号的机审结果' })
        .getByText('北朝鲜', { exact: false }),
    ).not.toHaveCount(0);
    await app.screenshot({ path: `${SHOTS}/review-scan-zh-CN.png` });

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
    await panel.getByRole('tab', { name: '核实' }).click();
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
    await review(app).getByRole('tab', { name: '核实' }).click();
    await expect(
      review(app).getByRole('listitem', { name: '县农业农村局 局长 张建国' }),
    ).toContainText('核实（电话）');
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
    await panel.getByRole('tab', { name: /机审/ }).click();
    await app.screenshot({ path: `${SHOTS}/review-scan-warnings-zh-CN.png` });
    await panel.getByRole('tab', { name: '核实' }).click();
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
    await review(app)
      .getByRole('tab', { name: /Pre-scan/ })
      .click();
    await app.screenshot({ path: `${SHOTS}/review-scan-en.png` });
    await review(app).getByRole('tab', { name: 'Sources' }).click();
    await review(app).getByText('Add source', { exact: true }).first().click();
    await app.screenshot({ path: `${SHOTS}/review-verify-en.png` });
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).check();
  });
});
