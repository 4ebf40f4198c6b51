// electron-updater's own update logic, run in Node against the newsroom
// server on loopback, with releases published through the server's admin API:
// finding and downloading a newer version (its sha512 checked), refusing a
// tampered file, staged rollout, the beta channel, the IT pin, differential
// downloads over byte ranges — and an unreachable server as a quiet retry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { RunningServer } from '../../../server/app';
import { seedNewsroom, start, testEnv, until, type TestEnv } from '../server/harness';
import { UpdateService } from '../../../electron/services/updates/update-service';
import { resolvePolicy } from '@shared/updates/policy';
import type { UpdateStatus } from '@shared/updates/status';
import type { UpdateChannel } from '@shared/updates/feed';
import { silentLogger } from '../../../electron/services/logs/logger';
import { buildRelease, installerBytes, type BuiltRelease } from './release-fixture';
import { publishOverApi } from './helpers';
import {
  installApp,
  removeInstalledApps,
  stagingIdAt,
  type InstallOptions,
} from './updater-harness';

interface Feed {
  env: TestEnv;
  server: RunningServer;
  token: string;
  feedUrl: string;
  updatesDir: string;
}

const feeds: Feed[] = [];
let work: string;
const built = new Map<string, BuiltRelease>();

async function release(version: string): Promise<BuiltRelease> {
  let r = built.get(version);
  if (!r) {
    r = await buildRelease(path.join(work, version), version, { allChannels: true });
    built.set(version, r);
  }
  return r;
}

/** A fresh server with `releases` published through the admin API, in order. */
async function feedWith(
  releases: Array<[version: string, channel: UpdateChannel, staging?: number]>,
  extraEnv: Record<string, string> = {},
): Promise<Feed> {
  const env = testEnv('sqlite', extraEnv);
  const server = await start(env.env);
  const room = await seedNewsroom(server);
  for (const [v, ch, pct] of releases)
    await publishOverApi(server.url, room.tokens.admin, (await release(v)).dir, ch, pct ?? 100);
  const feed = {
    env,
    server,
    token: room.tokens.admin,
    feedUrl: `${server.url}/updates/`,
    updatesDir: path.join(env.env.RONGMEI_DATA_DIR!, 'updates'),
  };
  feeds.push(feed);
  return feed;
}

function serviceFor(
  app: ReturnType<typeof installApp>,
  opts: Partial<InstallOptions> & { version: string },
) {
  const policy = resolvePolicy(null, null, {
    feedUrl: opts.feedUrl ?? null,
    channel: opts.channel ?? 'latest',
  });
  return new UpdateService({
    currentVersion: opts.version,
    policy: { ...policy, pinVersion: opts.pinVersion ?? null },
    engine: app.engine,
    logger: silentLogger,
    schedule: { firstDelayMs: 60_000 },
  });
}

const sha512 = (file: string) =>
  crypto.createHash('sha512').update(fs.readFileSync(file)).digest('base64');

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-updater-'));
});
afterEach(async () => {
  for (const f of feeds.splice(0)) {
    await f.server.close();
    await f.env.cleanup();
  }
});
afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  removeInstalledApps();
});

describe('electron-updater against the newsroom feed', () => {
  it('finds a newer version, downloads it in the background with progress, and checks its sha512', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest'],
    ]);
    const app = installApp({ version: '1.0.0', feedUrl: feed.feedUrl, logger: silentLogger });
    const service = serviceFor(app, { version: '1.0.0', feedUrl: feed.feedUrl });
    const seen: UpdateStatus[] = [];
    service.onStatus((s) => seen.push(s));
    service.start();

    const after = await service.check();
    expect(after).toMatchObject({
      state: 'ready',
      available: { version: '1.1.0', releaseDate: '2026-11-20T08:00:00.000Z' },
      lastError: null,
    });
    expect(seen.map((s) => s.state)).toEqual(
      expect.arrayContaining(['checking', 'downloading', 'ready']),
    );
    expect(seen.some((s) => s.state === 'downloading' && s.progress?.percent === 100)).toBe(true);
    const downloaded = path.join(app.pendingDir, 'Rongmei-Setup-1.1.0.exe');
    expect(sha512(downloaded)).toBe(sha512((await release('1.1.0')).windowsInstaller));
    // The feed and the file came from the release's own folder on the server.
    expect(app.executor.seen.map((r) => r.path.replace(/\?noCache=\w+$/, ''))).toEqual([
      '/updates/latest.yml',
      '/updates/releases/1.1.0/Rongmei-Setup-1.1.0.exe',
    ]);
    // The next check is planned a policy interval (4 h) later.
    const next = Date.parse(service.status().nextCheckAt!) - Date.now();
    expect(next).toBeGreaterThan(3.9 * 3600_000);
    expect(next).toBeLessThanOrEqual(4 * 3600_000);
    service.stop();
  });

  it('refuses an artifact whose bytes were changed after publishing (sha512 mismatch)', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest'],
    ]);
    const stored = path.join(feed.updatesDir, 'releases/1.1.0/files/Rongmei-Setup-1.1.0.exe');
    const bytes = fs.readFileSync(stored);
    bytes[123_456] = bytes[123_456]! ^ 0x01; // one bit, same size
    fs.writeFileSync(stored, bytes);

    // electron-updater itself, directly: the download is rejected with its checksum error.
    const direct = installApp({ version: '1.0.0', feedUrl: feed.feedUrl, logger: silentLogger });
    const errors: Error[] = [];
    direct.updater.on('error', (e) => errors.push(e));
    const check = await direct.updater.checkForUpdates();
    expect(check?.isUpdateAvailable).toBe(true);
    await expect(direct.updater.downloadUpdate()).rejects.toMatchObject({
      code: 'ERR_CHECKSUM_MISMATCH',
    });
    expect(errors.map((e) => (e as Error & { code?: string }).code)).toContain(
      'ERR_CHECKSUM_MISMATCH',
    );
    expect(fs.existsSync(path.join(direct.pendingDir, 'Rongmei-Setup-1.1.0.exe'))).toBe(false);

    // Through the service: nothing is ready to install; the status says why, and a retry is planned.
    const app = installApp({ version: '1.0.0', feedUrl: feed.feedUrl, logger: silentLogger });
    const service = serviceFor(app, { version: '1.0.0', feedUrl: feed.feedUrl });
    const after = await service.check();
    expect(after.state).toBe('idle');
    expect(after.available).toBeNull();
    expect(after.lastError?.code).toBe('checksum');
    expect(service.install()).toBe(false);
  });

  it('respects the staged rollout: 0 % is offered to nobody, 100 % to everyone', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest', 0],
    ]);
    for (const p of [0.0001, 0.5, 0.9999]) {
      const app = installApp({
        version: '1.0.0',
        feedUrl: feed.feedUrl,
        stagingUserId: stagingIdAt(p),
        logger: silentLogger,
      });
      expect(await app.engine.check(), `percentile ${p} at 0 %`).toBeNull();
    }
    await fetch(`${feed.server.url}/v1/admin/channels/latest`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${feed.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stagingPercentage: 100 }),
    });
    for (const p of [0.0001, 0.5, 0.9999]) {
      const app = installApp({
        version: '1.0.0',
        feedUrl: feed.feedUrl,
        stagingUserId: stagingIdAt(p),
        logger: silentLogger,
      });
      expect((await app.engine.check())?.version, `percentile ${p} at 100 %`).toBe('1.1.0');
    }
  });

  it('offers a 20 % rollout to installations below the 20th percentile, and more as it widens', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest', 20],
    ]);
    const at = (p: number) =>
      installApp({
        version: '1.0.0',
        feedUrl: feed.feedUrl,
        stagingUserId: stagingIdAt(p),
        logger: silentLogger,
      });
    expect((await at(0.1).engine.check())?.version).toBe('1.1.0');
    expect((await at(0.19).engine.check())?.version).toBe('1.1.0');
    expect(await at(0.21).engine.check()).toBeNull();
    expect(await at(0.9).engine.check()).toBeNull();

    // A random staging id (what a fresh installation makes) lands in the rollout about 20 % of the time.
    let offered = 0;
    const n = 60;
    for (let i = 0; i < n; i++) {
      const app = installApp({ version: '1.0.0', feedUrl: feed.feedUrl, logger: silentLogger });
      if (await app.engine.check()) offered++;
    }
    expect(offered).toBeGreaterThan(1);
    expect(offered).toBeLessThan(n / 2);

    const widen = await fetch(`${feed.server.url}/v1/admin/channels/latest`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${feed.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stagingPercentage: 95 }),
    });
    expect(widen.status).toBe(200);
    expect((await at(0.9).engine.check())?.version).toBe('1.1.0');
    expect(await at(0.97).engine.check()).toBeNull();
  });

  it('shows beta releases on the beta channel and not on the stable one, and never downgrades', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest'],
      ['1.2.0-beta.1', 'beta'],
    ]);
    const stable = installApp({ version: '1.0.0', feedUrl: feed.feedUrl, logger: silentLogger });
    expect((await stable.engine.check())?.version).toBe('1.1.0');
    const beta = installApp({
      version: '1.0.0',
      feedUrl: feed.feedUrl,
      channel: 'beta',
      logger: silentLogger,
    });
    expect((await beta.engine.check())?.version).toBe('1.2.0-beta.1');
    expect(beta.executor.seen[0]!.path).toMatch(/^\/updates\/beta\.yml(\?noCache=\w+)?$/);
    // A beta installation moved back to the stable channel waits for stable to pass it.
    const back = installApp({
      version: '1.2.0-beta.1',
      feedUrl: feed.feedUrl,
      logger: silentLogger,
    });
    expect(await back.engine.check()).toBeNull();

    const app = installApp({
      version: '1.1.0',
      feedUrl: feed.feedUrl,
      channel: 'beta',
      logger: silentLogger,
    });
    const service = serviceFor(app, { version: '1.1.0', feedUrl: feed.feedUrl, channel: 'beta' });
    expect(await service.check()).toMatchObject({
      state: 'ready',
      channel: 'beta',
      available: { version: '1.2.0-beta.1' },
    });
    expect(fs.existsSync(path.join(app.pendingDir, 'Rongmei-Setup-1.2.0-beta.1.exe'))).toBe(true);
  });

  it('stays at or below a version IT pinned', async () => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.0.5', 'latest'],
      ['1.1.0', 'latest'],
    ]);
    const app = installApp({
      version: '1.0.0',
      feedUrl: feed.feedUrl,
      pinVersion: '1.0.9',
      logger: silentLogger,
    });
    const service = serviceFor(app, {
      version: '1.0.0',
      feedUrl: feed.feedUrl,
      pinVersion: '1.0.9',
    });
    expect(await service.check()).toMatchObject({
      state: 'ready',
      available: { version: '1.0.5' },
      pinVersion: '1.0.9',
    });
    expect(app.executor.seen[0]!.path).toBe('/updates/latest.yml?max=1.0.9');
  });

  it.each([
    ['many ranges per request (multipart/byteranges)', true],
    ['one range per request', false],
  ])('downloads only the changed blocks with %s', async (_label, multiple) => {
    const feed = await feedWith([
      ['1.0.0', 'latest'],
      ['1.1.0', 'latest'],
    ]);
    const app = installApp({
      version: '1.0.0',
      feedUrl: feed.feedUrl,
      differential: true,
      multipleRangeRequests: multiple,
      installedWith: installerBytes('1.0.0'),
      logger: silentLogger,
    });
    const service = serviceFor(app, { version: '1.0.0', feedUrl: feed.feedUrl });
    expect((await service.check()).state).toBe('ready');
    const target = (await release('1.1.0')).windowsInstaller;
    expect(sha512(path.join(app.pendingDir, 'Rongmei-Setup-1.1.0.exe'))).toBe(sha512(target));

    const installer = app.executor.seen.filter(
      (r) => r.path === '/updates/releases/1.1.0/Rongmei-Setup-1.1.0.exe',
    );
    expect(installer.length).toBeGreaterThan(0);
    expect(installer.every((r) => r.status === 206 && r.range !== null)).toBe(true);
    if (multiple) expect(installer.some((r) => r.range!.includes(','))).toBe(true);
    else expect(installer.every((r) => !r.range!.includes(','))).toBe(true);
    const fetched = installer.reduce((n, r) => n + r.bytes, 0);
    const size = fs.statSync(target).size;
    // Both block maps were read from the feed (old from 1.0.0's folder).
    expect(app.executor.seen.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/updates/releases/1.1.0/Rongmei-Setup-1.1.0.exe.blockmap',
        '/updates/releases/1.0.0/Rongmei-Setup-1.0.0.exe.blockmap',
      ]),
    );
    expect(fetched).toBeLessThan(size * 0.4);
    console.log(
      `differential (${multiple ? 'multipart' : 'single ranges'}): ${installer.length} request(s), ${fetched} of ${size} bytes (${((fetched / size) * 100).toFixed(1)} %)`,
    );
  });
});

describe('an unreachable update server', () => {
  async function freePort(): Promise<number> {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const { port } = s.address() as net.AddressInfo;
    await new Promise((r) => s.close(r));
    return port;
  }

  it('is a quiet retry with backoff, and the update comes once the server is back', async () => {
    const port = await freePort();
    const feedUrl = `http://127.0.0.1:${port}/updates/`;
    const app = installApp({ version: '1.0.0', feedUrl, logger: silentLogger });
    const libraryErrors: Error[] = [];
    app.updater.on('error', (e) => libraryErrors.push(e));
    const policy = resolvePolicy(null, null, { feedUrl, channel: 'latest' });
    const service = new UpdateService({
      currentVersion: '1.0.0',
      policy,
      engine: app.engine,
      logger: silentLogger,
      schedule: { firstDelayMs: 10, retryInitialMs: 1500, retryFactor: 2, jitter: 0 },
    });
    const states: UpdateStatus[] = [];
    service.onStatus((s) => states.push(s));
    const t0 = Date.now();
    service.start();
    await until(() => states.some((s) => s.lastError !== null), 20_000, 'the first failed check');
    const failed = states.find((s) => s.lastError !== null)!;
    expect(failed.state).toBe('idle');
    expect(failed.lastError!.code).toBe('unreachable');
    // The library saw the error; nothing escaped to the app (no dialog, no unhandled rejection).
    expect(libraryErrors.length).toBeGreaterThan(0);
    await until(() => service.status().nextCheckAt !== null, 2000, 'a planned retry');
    const retryIn = Date.parse(service.status().nextCheckAt!) - Date.parse(failed.lastError!.at);
    expect(retryIn).toBeGreaterThanOrEqual(1400);
    expect(retryIn).toBeLessThan(5000);

    // The server comes back on the same address with a newer release.
    const feed = await feedWith(
      [
        ['1.0.0', 'latest'],
        ['1.1.0', 'latest'],
      ],
      { PORT: String(port) },
    );
    expect(feed.feedUrl).toBe(feedUrl);
    await until(
      () => service.status().state === 'ready',
      40_000,
      'the update after the server came back',
    );
    expect(service.status()).toMatchObject({ available: { version: '1.1.0' }, lastError: null });
    service.stop();
    console.log(
      `unreachable → ready after ${Date.now() - t0} ms, ${states.filter((s) => s.state === 'checking').length} checks`,
    );
  });
});
