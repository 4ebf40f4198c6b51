// The workspace in Chromium: previews follow the master while typing, a
// channel's limit shows as a problem, an edited version sees "原稿已更新"
// and pulls the change, every channel exports, a channel can be switched
// off, shortcuts and folding work, and screenshots in both languages.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import type { Locator, Page } from '@playwright/test';
import { body, expect, newStory, test, waitSaved } from './fixtures';

const SHOTS = 'test-results/screenshots';
const HEADLINE = '全国秋粮收购进度过半 农民售粮价格稳中有升';
const LEAD =
  '新华社北京11月27日电（记者 王晓明）记者从国家粮食和物资储备局获悉，截至11月25日，主产区累计收购秋粮超过1亿吨，收购进度过半。';
const SECOND =
  '今年秋粮收购工作开局良好，市场购销活跃，价格总体稳定。各地认真落实最低收购价政策，玉米、大豆等品种收购有序推进。';
const THIRD =
  '国家粮食和物资储备局有关负责人表示，将继续加强市场监测，守住农民“种粮卖得出”底线🌾。';

function pane(page: Page, name: string) {
  return page
    .getByRole('region', { name: '各渠道预览' })
    .getByRole('region', { name, exact: true });
}

async function writeStory(page: Page, paragraphs = [LEAD, SECOND, THIRD]) {
  await newStory(page, HEADLINE);
  await body(page).click();
  for (const [i, p] of paragraphs.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.insertText(p);
  }
  await waitSaved(page);
}

/** Scrolls a pane with the mouse wheel (revealing more of a long body) until `target` is on screen. */
async function scrollTo(page: Page, within: Locator, target: Locator, step = 600) {
  await within.hover();
  await expect
    .poll(async () => {
      if ((await target.count()) > 0 && (await target.isVisible())) {
        await target.scrollIntoViewIfNeeded();
        return true;
      }
      await page.mouse.wheel(0, step);
      return false;
    })
    .toBe(true);
}

async function setLinks(page: Page) {
  // Tracked links and QR codes need the newsroom's short-link service.
  await page.evaluate(async () => {
    const token = sessionStorage.getItem('rongmei.webhost.token');
    await fetch('/api/call/settings.update', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        linkBaseUrl: 'https://s.rmnews.cn',
        onlineBaseUrl: 'https://app.rmnews.cn/a',
      }),
    });
  });
}

test.describe('workspace', () => {
  test('typing in the master changes every preview', async ({ app }) => {
    await writeStory(app, [LEAD, SECOND]);
    await expect(pane(app, '报纸').getByTestId('print-headline')).toHaveText(HEADLINE);
    await expect(pane(app, '报纸').getByTestId('copyfit')).toContainText(
      /已用 \d+ 行 \/ 可用 \d+ 行/,
    );
    await expect(pane(app, '微信公众号').getByTestId('wechat-content')).toContainText(SECOND);
    await expect(pane(app, '微博').getByTestId('weibo-text')).toContainText(
      `【${HEADLINE}】新华社北京`,
    );
    await expect(pane(app, '抖音').getByTestId('douyin-card')).toHaveText(HEADLINE);
    await expect(pane(app, '客户端').getByTestId('app-headline')).toHaveText(HEADLINE);

    // Type more: a new paragraph, and a change to the headline.
    await body(app).click();
    await app.keyboard.press('Control+End');
    await app.keyboard.press('Enter');
    await app.keyboard.insertText(THIRD);
    await app.getByLabel('主标题').fill('秋粮收购过半');
    await app
      .getByRole('navigation', { name: '渠道' })
      .getByRole('button', { name: '客户端' })
      .click();
    await expect(pane(app, '客户端').getByTestId('app-body')).toContainText('种粮卖得出');
    await expect(pane(app, '客户端').getByTestId('app-headline')).toHaveText('秋粮收购过半');
    await expect(pane(app, '微信公众号').getByTestId('wechat-content')).toContainText('种粮卖得出');
    await expect(pane(app, '微博').getByTestId('weibo-text')).toContainText('【秋粮收购过半】');
    await expect(pane(app, '抖音').getByTestId('douyin-card')).toHaveText('秋粮收购过半');
    await expect(pane(app, '报纸').getByTestId('print-headline')).toHaveText('秋粮收购过半');
    await expect(pane(app, '报纸')).toContainText('种粮卖得出');
    // Every preview follows the master: nobody has edited a version yet.
    await expect(app.getByText('跟随原稿')).toHaveCount(5);
  });

  test('in a long story, a change far down shows in each preview when its paragraph is scrolled to', async ({
    app,
  }) => {
    // Previews redraw what is near their view on every keystroke; paragraphs
    // scrolled far away catch up as they come near.
    const paragraphs = Array.from({ length: 90 }, (_, i) => `第${i + 1}段：${SECOND}`);
    await app.getByLabel('选择要导入的文件').setInputFiles({
      name: '长稿.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from([HEADLINE, ...paragraphs].join('\n')),
    });
    await expect(app.getByLabel('主标题')).toHaveValue(HEADLINE);
    const wechat = pane(app, '微信公众号').getByTestId('wechat-content');
    await expect(wechat).toContainText('第1段');
    await app
      .getByRole('navigation', { name: '渠道' })
      .getByRole('button', { name: '客户端' })
      .click();
    const article = pane(app, '客户端').getByTestId('app-body');
    const far = [
      {
        pane: pane(app, '微信公众号'),
        para: wechat.locator('p').filter({ hasText: '第45段' }),
        top: wechat.locator('p').filter({ hasText: '第1段：' }),
      },
      {
        pane: pane(app, '客户端'),
        para: article.getByText('第45段'),
        top: article.getByText('第1段：'),
      },
    ];
    // Each desk has read down to paragraph 45 and gone back to the top.
    for (const f of far) {
      await scrollTo(app, f.pane, f.para);
      await scrollTo(app, f.pane, f.top, -600);
    }

    await body(app).getByText('第45段').click();
    await app.keyboard.press('End');
    await app.keyboard.insertText('（补充：截至今晚🌾）');
    await waitSaved(app);
    await expect(far[0]!.top).toBeVisible();
    for (const f of far) {
      await scrollTo(app, f.pane, f.para);
      await expect(f.para).toContainText('（补充：截至今晚🌾）');
    }
  });

  test('a Weibo post over its limit shows as a blocking problem that jumps to the text', async ({
    app,
  }) => {
    await writeStory(app);
    const weibo = pane(app, '微博');
    await app.keyboard.press('Alt+3');
    await expect(weibo).toBeFocused();
    await weibo.getByRole('button', { name: '编辑微博版本' }).click();
    const text = weibo.getByLabel('微博正文');
    await expect(text).toHaveValue(/^【全国秋粮收购进度过半/);
    await text.fill(`【${HEADLINE}】${LEAD}${SECOND}${THIRD}`);
    await expect(weibo.getByTestId('save-state-weibo')).toHaveText('已保存');
    await weibo.getByRole('button', { name: '完成编辑微博版本' }).click();
    await expect(weibo.getByTestId('weibo-count')).toHaveClass(/over/);
    await expect(weibo.getByRole('button', { name: '全文' })).toBeVisible();
    const problems = weibo.getByRole('region', { name: '微博的问题' });
    const over = problems.getByRole('list').getByRole('button').filter({ hasText: '阻止' }).first();
    await expect(over).toContainText('140');
    await expect(weibo.getByText('已编辑')).toBeVisible();
    // Clicking the problem opens the editor at the post's text.
    await over.click();
    await expect(weibo.getByLabel('微博正文')).toBeFocused();
  });

  test('the copyfit bar stays with the print version while its desk edits it, and counts the edits', async ({
    app,
  }) => {
    await writeStory(app);
    const print = pane(app, '报纸');
    const fit = print.getByTestId('copyfit');
    const used = async () =>
      Number(/已用 ([\d,]+) 行/.exec((await fit.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    await expect(fit).toContainText(/已用 \d+ 行/);
    // Screen readers hear the fit, not every figure after every keystroke.
    await expect(app.getByRole('group', { name: '版面计算' })).toBeVisible();
    await expect(fit.getByRole('status')).toHaveText(/^报纸版：(版面尚有余量|正好排满|稿件超版)$/);
    const before = await used();
    await print.getByRole('button', { name: '编辑报纸版本' }).click();
    const editor = print.getByLabel('报纸正文');
    await editor.click();
    await app.keyboard.press('Control+End');
    await app.keyboard.press('Enter');
    await app.keyboard.insertText(THIRD + SECOND);
    await expect(print.getByTestId('save-state-print')).toHaveText('已保存');
    // The bar is there while editing and counts the version's own text.
    await expect(fit).toBeVisible();
    await expect.poll(used).toBeGreaterThan(before);
    await expect(editor).toContainText(THIRD);
  });

  test('an edited WeChat version sees "原稿已更新", shows the diff and pulls the change in', async ({
    app,
  }) => {
    await writeStory(app);
    const wechat = pane(app, '微信公众号');
    await wechat.getByTestId('preview-wechat').click();
    const digest = wechat.getByLabel('摘要');
    await expect(digest).toHaveValue(/主产区累计收购秋粮超过1亿吨/);
    await digest.fill('主产区秋粮收购超1亿吨，过半。');
    await expect(wechat.getByTestId('save-state-wechat')).toHaveText('已保存');
    await wechat.getByRole('button', { name: '完成编辑微信公众号版本' }).click();
    await expect(wechat.getByText('已编辑')).toBeVisible();
    await expect(wechat.getByText('原稿已更新')).toHaveCount(0);

    // The master's second paragraph changes.
    const second = body(app).locator('p').nth(1);
    await second.click();
    await app.keyboard.press('End');
    await app.keyboard.insertText('农民售粮积极性较高。');
    await waitSaved(app);
    const alert = wechat.getByRole('region', { name: '原稿已更新' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('1 段');
    await alert.getByRole('button', { name: '查看改动' }).click();
    await expect(alert.locator('ins')).toContainText('农民售粮积极性较高。');
    // The edited version has not moved.
    await expect(wechat.getByTestId('wechat-content')).not.toContainText('农民售粮积极性较高');
    await alert.getByRole('button', { name: '拉取改动' }).click();
    await expect(wechat.getByText('已拉取原稿的改动。')).toBeVisible();
    await expect(wechat.getByTestId('wechat-content')).toContainText('农民售粮积极性较高。');
    await expect(wechat.getByText('主产区秋粮收购超1亿吨，过半。')).toBeVisible();
    await expect(wechat.getByRole('region', { name: '原稿已更新' })).toHaveCount(0);
  });

  test('copies the WeChat article as rich text', async ({ app, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await writeStory(app);
    await pane(app, '微信公众号').getByRole('button', { name: '复制富文本' }).click();
    await expect(app.getByText('已复制，可粘贴到公众号编辑器。')).toBeVisible();
    const clip = await app.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const html = await (await item!.getType('text/html')).text();
      const text = await (await item!.getType('text/plain')).text();
      return { html, text };
    });
    expect(clip.html).toContain('<section style=');
    expect(clip.html).toContain('主产区累计收购秋粮超过1亿吨');
    expect(clip.html).not.toMatch(/<script|class=/);
    expect(clip.text.split('\n')[0]).toBe(LEAD);
  });

  test('exports every channel to a zip and a folder, and the files read back', async ({
    app,
    host,
  }) => {
    await setLinks(app);
    await writeStory(app);
    await app.getByRole('button', { name: '导出…' }).click();
    const dialog = app.getByRole('dialog', { name: '导出' });
    for (const c of ['报纸', '微信公众号', '微博', '抖音', '客户端'])
      await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${c}`) })).toBeChecked();
    const download = app.waitForEvent('download');
    await dialog.getByRole('button', { name: '导出', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2} 全国秋粮收购进度过半.*\.zip$/);
    const zip = unzipSync(new Uint8Array(fs.readFileSync(await file.path())));
    const names = Object.keys(zip);
    for (const f of [
      'print/story.icml',
      'print/story.docx',
      'print/qr-online.svg',
      'wechat/draft.json',
      'wechat/content.html',
      'weibo/post.txt',
      'app/ninjs.json',
    ])
      expect(names).toContain(f);
    expect(names.some((n) => n.startsWith('douyin/'))).toBe(true);
    const icml = new DOMParser().parseFromString(strFromU8(zip['print/story.icml']!), 'text/xml');
    expect(icml.getElementsByTagName('Story')).toHaveLength(1);
    expect(strFromU8(zip['weibo/post.txt']!)).toContain(`【${HEADLINE}】`);
    const draft = JSON.parse(strFromU8(zip['wechat/draft.json']!)) as {
      articles: Array<{ title: string; content: string }>;
    };
    expect(draft.articles[0]!.title).toBe(HEADLINE);
    expect(draft.articles[0]!.content).not.toMatch(/<(script|iframe|a)\b|class=/);
    await expect(dialog.getByTestId('export-result')).toContainText('ninjs-2.2-schema 校验通过');

    await dialog.getByRole('radio', { name: /文件夹/ }).check();
    await dialog.getByRole('button', { name: '导出', exact: true }).click();
    await expect(dialog.getByTestId('export-result')).toContainText('已导出');
    const exports = path.join(host.dataDir, 'exports');
    const [folder] = fs.readdirSync(exports);
    expect(folder).toMatch(/全国秋粮收购进度过半/);
    const ninjs = JSON.parse(
      fs.readFileSync(path.join(exports, folder!, 'app/ninjs.json'), 'utf8'),
    ) as { headlines: Array<{ value: string }> };
    expect(ninjs.headlines[0]!.value).toBe(HEADLINE);
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  test('switching Douyin off for a story removes its pane, and it stays off', async ({ app }) => {
    await writeStory(app, [LEAD]);
    await expect(pane(app, '抖音')).toBeVisible();
    await app.getByRole('button', { name: '渠道 5/5' }).click();
    await app.getByRole('checkbox', { name: '发往抖音' }).uncheck();
    await expect(pane(app, '抖音')).toHaveCount(0);
    await expect(app.getByRole('button', { name: '渠道 4/5' })).toBeVisible();
    await app.reload();
    await expect(pane(app, '微博')).toBeVisible();
    await expect(pane(app, '抖音')).toHaveCount(0);
    // Another story still goes to Douyin.
    await app.getByRole('button', { name: /稿库/ }).first().click();
    await newStory(app, '另一篇稿件');
    await expect(pane(app, '抖音')).toBeVisible();
  });

  test('panes fold, previews hide and come back, and shortcuts are listed', async ({ app }) => {
    await writeStory(app, [LEAD]);
    await pane(app, '报纸').getByRole('button', { name: '收起报纸' }).click();
    await expect(pane(app, '报纸').getByRole('button', { name: '展开报纸' })).toBeVisible();
    await app.keyboard.press('Alt+1');
    await expect(pane(app, '报纸').getByTestId('copyfit')).toBeVisible();
    await app.keyboard.press('Alt+P');
    await expect(app.getByRole('region', { name: '各渠道预览' })).toHaveCount(0);
    // Alone, the master takes the room the previews had.
    const editor = await body(app).boundingBox();
    expect(editor!.width).toBeGreaterThan(700);
    await app.keyboard.press('Alt+2');
    await expect(pane(app, '微信公众号')).toBeFocused();
    const splitter = app.getByRole('separator', { name: '调整原稿宽度' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await app.keyboard.press('ArrowRight');
    await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 20));
    await app.getByRole('button', { name: '快捷键' }).click();
    const help = app.getByRole('group', { name: '快捷键' });
    await expect(help).toContainText('Alt+3');
    await expect(help).toContainText('跳到微博');
  });

  test('screenshots of the workspace at 1366×768 in zh-CN and en, and on a 4K screen', async ({
    app,
  }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await setLinks(app);
    await writeStory(app);
    await app.getByLabel('引题').fill('国家粮食和物资储备局：');
    // An edited WeChat version, then a master change, so the alert shows too.
    const wechat = pane(app, '微信公众号');
    await wechat.getByRole('button', { name: '编辑微信公众号版本' }).click();
    await wechat.getByLabel('摘要').fill('主产区秋粮收购超1亿吨，收购进度过半，价格总体稳定。');
    await expect(wechat.getByTestId('save-state-wechat')).toHaveText('已保存');
    await wechat.getByRole('button', { name: '完成编辑微信公众号版本' }).click();
    await app.getByLabel('副标题').fill('主产区累计收购秋粮超1亿吨');
    await body(app).locator('p').nth(2).click();
    await app.keyboard.press('End');
    await app.keyboard.insertText('目前，各地收购进度总体快于上年同期。');
    await waitSaved(app);
    await expect(wechat.getByRole('region', { name: '原稿已更新' })).toBeVisible();
    await expect(pane(app, '报纸').getByRole('region', { name: '报纸的问题' })).not.toContainText(
      '检查中',
    );
    await app.screenshot({ path: `${SHOTS}/workspace-zh-CN.png` });
    await app.keyboard.press('Alt+4');
    await app.waitForTimeout(300);
    await app.screenshot({ path: `${SHOTS}/workspace-zh-CN-scrolled.png` });
    const overflow = await app.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    await app.setViewportSize({ width: 2560, height: 1440 });
    await app.waitForTimeout(300);
    await app.screenshot({ path: `${SHOTS}/workspace-4k-zh-CN.png` });
    await app.setViewportSize({ width: 1366, height: 768 });

    const url = app.url();
    await app.getByRole('link', { name: '设置' }).click();
    await app.getByRole('radio', { name: 'English' }).check();
    await app.goto(url);
    await expect(app.getByRole('region', { name: 'Channel previews' })).toBeVisible();
    await expect(app.getByRole('region', { name: 'Master updated' })).toBeVisible();
    await app.waitForTimeout(500);
    await app.screenshot({ path: `${SHOTS}/workspace-en.png` });
    await app.getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).check();
  });
});
