// The desktop app's update UI, driven in Chromium against a host whose
// updater is a controllable stand-in (the real updater logic is tested in
// tests/integration/updates): progress while someone is typing must not
// take the focus or lose a keystroke; a ready update shows a quiet mark in
// the sidebar and a restart button in Settings, which saves and installs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { createHost, type Host } from '../../electron/services/host/create-host';
import { startWebHost, type RunningWebHost } from '../../electron/webhost/web-host';
import type { UpdatesPort } from '../../electron/services/updates/port';
import { unavailableStatus, type UpdateStatus } from '../../shared/updates/status';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = 'test-results/screenshots';

class StandInUpdater implements UpdatesPort {
  current: UpdateStatus = {
    ...unavailableStatus('1.4.2'),
    state: 'idle',
    reason: null,
    feedUrl: 'https://rongmei.newsroom.cn/updates/',
    lastCheckAt: new Date(Date.now() - 3600_000).toISOString(),
    nextCheckAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
  };
  installs = 0;
  private listeners = new Set<(s: UpdateStatus) => void>();
  status = () => this.current;
  check = async () => this.current;
  install = () => {
    this.installs++;
    return true;
  };
  onStatus(l: (s: UpdateStatus) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(patch: Partial<UpdateStatus>) {
    this.current = { ...this.current, ...patch };
    for (const l of this.listeners) l(this.current);
  }
}

let host: Host;
let web: RunningWebHost;
let updater: StandInUpdater;
let dataDir: string;

test.beforeAll(async () => {
  if (!fs.existsSync(path.join(root, 'out/renderer/index.html')))
    throw new Error('Build first: npm run build');
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-e2e-updates-'));
  updater = new StandInUpdater();
  host = createHost({ dataDir, host: 'electron', version: '1.4.2', updates: updater });
  web = await startWebHost({ host, rendererDir: path.join(root, 'out/renderer') });
});

test.afterAll(async () => {
  await web?.close();
  host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a download finishing while someone types does not interrupt them; restart is offered quietly', async ({
  page,
}) => {
  await page.goto(`${web.url}#token=${web.token}`);
  await page.getByRole('button', { name: '新建稿件' }).click();
  const headline = page.getByLabel('主标题');
  await headline.click();
  await page.keyboard.type('黄河岸边的丰收季', { delay: 20 });
  updater.set({
    state: 'downloading',
    available: { version: '1.5.0', releaseDate: '2026-11-20T08:00:00.000Z' },
    progress: { percent: 35, transferred: 35e6, total: 100e6, bytesPerSecond: 4e6 },
  });
  await page.keyboard.type('：合作社', { delay: 20 });
  updater.set({
    state: 'ready',
    progress: { percent: 100, transferred: 100e6, total: 100e6, bytesPerSecond: 4e6 },
  });
  await page.keyboard.type('带动农户增收', { delay: 20 });
  // Every keystroke landed in the headline, which still has the focus.
  await expect(headline).toHaveValue('黄河岸边的丰收季：合作社带动农户增收');
  await expect(headline).toBeFocused();
  const mark = page.getByRole('link', { name: '有新版本 1.5.0，重启即可更新' });
  await expect(mark).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveText('已保存');
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/update-ready-sidebar.png` });

  await mark.click();
  const section = page.getByRole('region', { name: '更新' });
  await expect(section.getByRole('status')).toHaveText('有新版本 1.5.0，重启即可更新。');
  await page.screenshot({ path: `${SHOTS}/update-ready-settings.png`, fullPage: true });
  await section.getByRole('button', { name: '重启以更新' }).click();
  await expect.poll(() => updater.installs).toBe(1);
  await expect(section.getByRole('button', { name: '正在保存并重启…' })).toBeDisabled();
  // The story typed before the restart is in the database.
  const list = host.stories.list({ query: '丰收季' });
  expect(list.items.map((s) => s.headline)).toEqual(['黄河岸边的丰收季：合作社带动农户增收']);
});

test('a failed check is a line of text that says what happened and when the next try is', async ({
  page,
}) => {
  updater.set({
    state: 'idle',
    available: null,
    progress: null,
    lastError: { code: 'unreachable', at: new Date().toISOString() },
    nextCheckAt: new Date(Date.now() + 2 * 60_000).toISOString(),
  });
  await page.goto(`${web.url}#token=${web.token}`);
  await page.getByRole('link', { name: '设置' }).click();
  const section = page.getByRole('region', { name: '更新' });
  await expect(section.getByRole('status')).toHaveText('暂时无法检查更新，稍后会自动重试。');
  await expect(
    section.getByText(/上次检查没有成功：无法连接更新服务器（可能是网络断开）。将于.*自动重试。/),
  ).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /重启即可更新/ })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/update-offline-settings.png`, fullPage: true });
});
