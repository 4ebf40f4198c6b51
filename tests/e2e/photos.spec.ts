// Photos end to end in Chromium: add a photo with the file chooser, caption
// it, mark it AI-generated, see it in the WeChat and Weibo previews with the
// AI label, set the WeChat cover crop, export and find the image in the zip.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from '@playwright/test';
import { body, expect, newStory, test, waitSaved } from './fixtures';

const SHOTS = 'test-results/screenshots';
const FIXTURES = path.resolve('tests/fixtures/images');
const HEADLINE = '秋粮收购进度过半 晾晒场上一片金黄';
const LEAD =
  '本报讯（记者 王芳）记者从省粮食和物资储备局获悉，截至11月25日，全省累计收购秋粮超过300万吨。';
const SECOND = '在城郊的晾晒场上，农民们正忙着翻晒玉米，一派丰收景象。';

function pane(page: Page, name: string) {
  return page
    .getByRole('region', { name: '各渠道预览' })
    .getByRole('region', { name, exact: true });
}

test('a photo: add, caption, AI label in previews, cover crop, export', async ({ app }) => {
  await newStory(app, HEADLINE);
  await body(app).click();
  await app.keyboard.insertText(LEAD);
  await app.keyboard.press('Enter');
  await app.keyboard.insertText(SECOND);
  await waitSaved(app);

  // Add by the file chooser; the host reads the EXIF.
  const photos = app.getByRole('region', { name: '图片' });
  const chooser = app.waitForEvent('filechooser');
  const t0 = Date.now();
  await photos.getByRole('button', { name: '添加图片' }).click();
  await (await chooser).setFiles(path.join(FIXTURES, 'exif.jpg'));
  const item = photos.getByRole('listitem', { name: '第 1 张图片' });
  await expect(item.getByRole('img')).toBeVisible();
  console.log(`add a photo (file chooser → thumbnail): ${Date.now() - t0} ms`);
  await expect(item).toContainText('480×320');
  await expect(item).toContainText('拍摄于 2026-11-20 08:30');
  await expect(item).toContainText('39.9067°N 116.3917°E');
  await expect(item).toContainText('Rongmei TestCam 1');

  // A PNG called .jpg is a PNG; a text file called .jpg is refused with a clear message.
  const chooser2 = app.waitForEvent('filechooser');
  await photos.getByRole('button', { name: '添加图片' }).click();
  await (await chooser2).setFiles(path.join(FIXTURES, 'not-image.jpg'));
  await expect(app.getByText(/这个文件不是图片/)).toBeVisible();

  await item.getByLabel('图片说明').fill('农民在晾晒场翻晒玉米');
  await item.getByLabel('摄影/来源署名').fill('记者 王芳 摄');
  await item.getByLabel('类型').selectOption({ label: 'AI生成' });
  await expect(item.locator('.photo-badge')).toHaveText('AI生成');
  await waitSaved(app);

  // Previews: WeChat cover and article photo with the label; Weibo grid.
  const wechat = pane(app, '微信公众号');
  await expect(wechat.getByRole('img', { name: '公众号封面' })).toBeVisible();
  await expect(wechat.getByTestId('wechat-content')).toContainText(
    '农民在晾晒场翻晒玉米（AI生成）',
  );
  const weibo = pane(app, '微博');
  await expect(weibo.getByRole('img', { name: '农民在晾晒场翻晒玉米（AI生成）' })).toBeVisible();
  await app.screenshot({ path: `${SHOTS}/photos-zh-CN.png` });

  // The WeChat cover crop: open the WeChat version and move the 2.35:1 box.
  await wechat.getByRole('button', { name: '编辑微信公众号版本' }).click();
  const box = wechat.getByRole('slider', { name: '裁切框' });
  await box.scrollIntoViewIfNeeded();
  const before = await box.getAttribute('data-crop');
  await app.screenshot({ path: `${SHOTS}/photos-crop-zh-CN.png` });
  await wechat.getByLabel('大小').fill('60');
  await box.focus();
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('ArrowUp');
  await expect(box).not.toHaveAttribute('data-crop', before ?? '');
  const crop = (await box.getAttribute('data-crop'))!.split(',').map(Number);
  expect(crop[2]! - crop[0]!).toBeCloseTo(0.6, 2);
  await app.screenshot({ path: `${SHOTS}/photos-crop-moved-zh-CN.png` });
  await wechat.getByRole('button', { name: '完成编辑微信公众号版本' }).click();
  await waitSaved(app);

  // A second photo by drag and drop (a PNG named .jpg: shown as 300×200 PNG).
  const png = fs.readFileSync(path.join(FIXTURES, 'png-named.jpg')).toString('base64');
  const drop = await app.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'chart.jpg', { type: 'image/jpeg' }));
    return dt;
  }, png);
  await photos.dispatchEvent('dragover', { dataTransfer: drop });
  await photos.dispatchEvent('drop', { dataTransfer: drop });
  const second = photos.getByRole('listitem', { name: '第 2 张图片' });
  await expect(second).toContainText('300×200');
  await expect(second).toContainText('chart.png');
  await expect(weibo.locator('.wb-image')).toHaveCount(2);

  // A third by paste (a screenshot on the clipboard).
  // (plain.png is the same picture as png-named.jpg; a trailing byte makes it a different file.)
  const plain = Buffer.concat([
    fs.readFileSync(path.join(FIXTURES, 'plain.png')),
    Buffer.from([0]),
  ]).toString('base64');
  await photos.locator('.photos-head').evaluate((el, b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true }));
  }, plain);
  await expect(photos.getByRole('listitem', { name: '第 3 张图片' })).toContainText('image.png');
  // Reorder: the pasted one up to second place.
  await photos.getByRole('button', { name: '第 3 张上移' }).click();
  await expect(photos.getByRole('listitem', { name: '第 2 张图片' })).toContainText('image.png');
  await expect(weibo.locator('.wb-image')).toHaveCount(3);

  // The Douyin 9:16 cover: move the box; the window renders the crop for the export.
  const douyin = pane(app, '抖音');
  await douyin.scrollIntoViewIfNeeded();
  await douyin.getByRole('button', { name: '编辑抖音版本' }).click();
  const dyBox = douyin.getByRole('slider', { name: '裁切框' });
  await dyBox.focus();
  await app.keyboard.press('Shift+ArrowRight');
  await app.waitForTimeout(1200); // the rendition is made once the box settles
  await douyin.getByRole('button', { name: '完成编辑抖音版本' }).click();
  await waitSaved(app);

  for (const name of ['抖音', '客户端']) {
    await pane(app, name).scrollIntoViewIfNeeded();
    await app.screenshot({
      path: `${SHOTS}/photos-${name === '抖音' ? 'douyin' : 'app'}-zh-CN.png`,
    });
  }

  // Export: the photo is in the zip, and draft.json carries the crop.
  await app.getByRole('button', { name: '导出…' }).click();
  const dialog = app.getByRole('dialog', { name: '导出' });
  const download = app.waitForEvent('download');
  const t1 = Date.now();
  await dialog.getByRole('button', { name: '导出', exact: true }).click();
  const file = await download;
  console.log(`export with a photo (click → download): ${Date.now() - t1} ms`);
  const zip = unzipSync(new Uint8Array(fs.readFileSync(await file.path())));
  const jpeg = fs.readFileSync(path.join(FIXTURES, 'exif.jpg'));
  expect(Buffer.from(zip['wechat/cover.jpg']!).equals(jpeg)).toBe(true);
  // The Douyin cover is the rendered 9:16 crop: a JPEG taller than wide.
  const dy = Buffer.from(zip['douyin/cover.jpg']!);
  expect(dy.equals(jpeg)).toBe(false);
  expect(dy.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
  expect(Object.keys(zip).some((n) => /^weibo\/images\/01-/.test(n))).toBe(true);
  const draft = JSON.parse(strFromU8(zip['wechat/draft.json']!)) as {
    articles: Array<{ pic_crop_235_1?: string }>;
  };
  const parts = draft.articles[0]!.pic_crop_235_1!.split('_').map(Number);
  expect(parts[2]! - parts[0]!).toBeCloseTo(0.6, 2);
  expect(Object.keys(zip).filter((n) => n.startsWith('weibo/images/'))).toHaveLength(3);
  expect(Object.keys(zip)).toContain('weibo/images/02-image.png');
  expect(Object.keys(zip).some((n) => n.startsWith('app/') && n.endsWith('.png'))).toBe(true);
  const icml = strFromU8(zip['print/captions.icml'] ?? zip['print/story.icml']!);
  expect(icml).toContain('农民在晾晒场翻晒玉米（AI生成）');
});
