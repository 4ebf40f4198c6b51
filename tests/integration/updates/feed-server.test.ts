// The newsroom server's update feed over real HTTP: admin uploads and
// publishing (refused when a manifest and the uploaded bytes disagree), the
// channel files electron-updater reads, byte ranges, and paths that try to
// leave the feed folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { RunningServer } from '../../../server/app';
import { seedNewsroom, start, testEnv, type Newsroom, type TestEnv } from '../server/harness';
import { buildRelease, type BuiltRelease } from './release-fixture';
import { publishOverApi, putFile, runServerCli } from './helpers';

let env: TestEnv;
let server: RunningServer;
let room: Newsroom;
let work: string;
let r100: BuiltRelease;
let r110: BuiltRelease;
let r120beta: BuiltRelease;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-feed-'));
  env = testEnv('sqlite', { UPDATES_MAX_FILE_MB: '8' });
  server = await start(env.env);
  room = await seedNewsroom(server);
  r100 = await buildRelease(work, '1.0.0', { allChannels: true });
  r110 = await buildRelease(work, '1.1.0', { allChannels: true });
  r120beta = await buildRelease(work, '1.2.0-beta.1', { allChannels: true });
});

afterAll(async () => {
  await server?.close();
  await env?.cleanup();
  fs.rmSync(work, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${p}`, { headers });

const yml = async (p: string) => {
  const res = await get(p);
  expect(res.status, p).toBe(200);
  return parseYaml(await res.text()) as {
    version: string;
    files: Array<{ url: string; sha512: string; size: number }>;
    path: string;
    stagingPercentage?: number;
  };
};

/** Raw HTTP, so that paths reach the server exactly as written (fetch would normalise ../). */
function rawGet(p: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1', () =>
      s.write(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let data = '';
    s.on('data', (c) => (data += c.toString('latin1')));
    s.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    s.on('error', reject);
  });
}

describe('publishing a release', () => {
  it('takes a release through the admin API and serves its channel files for every platform', async () => {
    const result = await publishOverApi(server.url, room.tokens.admin, r100.dir, 'latest');
    expect(result.release.version).toBe('1.0.0');
    expect(result.release.platforms).toEqual(['', '-linux', '-mac']);
    expect(result.state).toMatchObject({ version: '1.0.0', stagingPercentage: 100 });
    // Only what belongs on the feed was uploaded: not builder-debug.yml or win-unpacked/.
    expect(result.release.files.map((f) => f.name)).not.toContain('builder-debug.yml');
    expect(result.release.files.map((f) => f.name)).toContain('Rongmei-Setup-1.0.0.exe.blockmap');

    const win = await yml('/updates/latest.yml');
    const local = parseYaml(fs.readFileSync(path.join(r100.dir, 'latest.yml'), 'utf8')) as {
      files: Array<{ sha512: string; size: number }>;
    };
    expect(win.version).toBe('1.0.0');
    expect(win.files[0]).toMatchObject({
      url: 'releases/1.0.0/Rongmei-Setup-1.0.0.exe',
      sha512: local.files[0]!.sha512,
      size: local.files[0]!.size,
    });
    expect(win.path).toBe('releases/1.0.0/Rongmei-Setup-1.0.0.exe');
    expect(win.stagingPercentage).toBeUndefined();
    expect((await yml('/updates/latest-linux.yml')).files[0]!.url).toMatch(/AppImage$/);
    expect((await yml('/updates/latest-mac.yml')).files[0]!.url).toMatch(/mac-x64\.zip$/);
    expect((await get('/updates/latest-linux-arm64.yml')).status).toBe(404);
    expect((await get('/updates/alpha.yml')).status).toBe(404);

    const exe = await get('/updates/releases/1.0.0/Rongmei-Setup-1.0.0.exe');
    expect(exe.status).toBe(200);
    expect(exe.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await exe.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(r100.windowsInstaller))).toBe(true);
    expect(crypto.createHash('sha512').update(bytes).digest('base64')).toBe(win.files[0]!.sha512);
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await fetch(`${server.url}/updates/releases/1.0.0/Rongmei-Setup-1.0.0.exe`, {
      method: 'HEAD',
    });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(fs.statSync(r100.windowsInstaller).size);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('lets only administrators upload, publish or move channels', async () => {
    const body = Buffer.from('x');
    expect((await putFile(server.url, null, '9.9.9', 'a.exe', body)).status).toBe(401);
    expect((await putFile(server.url, room.tokens.reporter, '9.9.9', 'a.exe', body)).status).toBe(
      403,
    );
    const publish = await fetch(`${server.url}/v1/admin/releases/1.0.0/publish`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${room.tokens.deskHead}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ channel: 'latest' }),
    });
    expect(publish.status).toBe(403);
    const channel = await fetch(`${server.url}/v1/admin/channels/latest`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${room.tokens.reporter}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ stagingPercentage: 0 }),
    });
    expect(channel.status).toBe(403);
  });

  it('refuses to publish when a manifest names a file that was not uploaded', async () => {
    const rel = await buildRelease(path.join(work, 'missing'), '1.0.1');
    const token = room.tokens.admin;
    for (const n of [
      'latest.yml',
      'latest-linux.yml',
      'latest-mac.yml',
      'Rongmei-1.0.1-linux-x86_64.AppImage',
      'Rongmei-1.0.1-mac-x64.zip',
    ])
      expect(
        (await putFile(server.url, token, '1.0.1', n, fs.readFileSync(path.join(rel.dir, n))))
          .status,
      ).toBe(201);
    const res = await fetch(`${server.url}/v1/admin/releases/1.0.1/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'latest' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Record<string, string> } };
    expect(body.error.details).toMatchObject({
      file: 'Rongmei-Setup-1.0.1.exe',
      problem: 'missing',
    });
    // Nothing changed on the feed.
    expect((await yml('/updates/latest.yml')).version).toBe('1.0.0');
  });

  it('refuses to publish when an uploaded file does not match the sha512 its manifest promises', async () => {
    const rel = await buildRelease(path.join(work, 'mismatch'), '1.0.2');
    const token = room.tokens.admin;
    for (const n of rel.files.filter((f) => f !== 'builder-debug.yml')) {
      let bytes = fs.readFileSync(path.join(rel.dir, n));
      if (n === 'Rongmei-Setup-1.0.2.exe') {
        bytes = Buffer.from(bytes);
        bytes[1000] = bytes[1000]! ^ 0xff; // same size, one byte off
      }
      expect((await putFile(server.url, token, '1.0.2', n, bytes)).status).toBe(201);
    }
    const res = await fetch(`${server.url}/v1/admin/releases/1.0.2/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'latest' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: Record<string, string> } };
    expect(body.error.details).toMatchObject({
      file: 'Rongmei-Setup-1.0.2.exe',
      problem: 'sha512_mismatch',
    });
    expect((await get('/updates/releases/1.0.2/Rongmei-Setup-1.0.2.exe')).status).toBe(404);
  });

  it('reports the sha512 it computed while receiving, and refuses files over the size limit', async () => {
    const token = room.tokens.admin;
    const small = crypto.randomBytes(100_000);
    const ok = await putFile(server.url, token, '3.0.0', 'Rongmei-Setup-3.0.0.exe', small);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({
      name: 'Rongmei-Setup-3.0.0.exe',
      size: small.length,
      sha512: crypto.createHash('sha512').update(small).digest('base64'),
    });
    const big = Buffer.alloc(9 * 1024 * 1024, 7); // UPDATES_MAX_FILE_MB=8
    const res = await putFile(server.url, token, '3.0.0', 'big.exe', big);
    expect(res.status).toBe(413);
    const staged = fs.readdirSync(
      path.join(env.env.RONGMEI_DATA_DIR!, 'updates/uploads/3.0.0/files'),
    );
    expect(staged).toEqual(['Rongmei-Setup-3.0.0.exe']); // no partial file left behind
  });

  it('refuses a stable channel for a prerelease, and a second publish of a version', async () => {
    await expect(
      publishOverApi(server.url, room.tokens.admin, r120beta.dir, 'latest'),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      details: { problem: 'prerelease_on_stable' },
    });
    await expect(
      publishOverApi(server.url, room.tokens.admin, r100.dir, 'latest'),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('channels and rollout', () => {
  it('serves the rollout percentage in the channel file and changes it later', async () => {
    await publishOverApi(server.url, room.tokens.admin, r110.dir, 'latest', 20);
    expect(await yml('/updates/latest.yml')).toMatchObject({
      version: '1.1.0',
      stagingPercentage: 20,
    });
    const res = await fetch(`${server.url}/v1/admin/channels/latest`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${room.tokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ stagingPercentage: 0 }),
    });
    expect(res.status).toBe(200);
    expect(await yml('/updates/latest.yml')).toMatchObject({
      version: '1.1.0',
      stagingPercentage: 0,
    });
  });

  it('offers beta releases on the beta channel only, and the newer stable release to beta too', async () => {
    await publishOverApi(server.url, room.tokens.admin, r120beta.dir, 'beta', 100);
    expect((await yml('/updates/beta.yml')).version).toBe('1.2.0-beta.1');
    expect((await yml('/updates/beta-linux.yml')).version).toBe('1.2.0-beta.1');
    expect((await yml('/updates/latest.yml')).version).toBe('1.1.0');
    const r130 = await buildRelease(path.join(work, 'r130'), '1.3.0', { allChannels: true });
    await publishOverApi(server.url, room.tokens.admin, r130.dir, 'latest', 100);
    expect((await yml('/updates/beta.yml')).version).toBe('1.3.0');
  });

  it('answers a pinned installation with the newest release not beyond its pin', async () => {
    expect((await yml('/updates/latest.yml?max=1.2.9')).version).toBe('1.1.0');
    expect((await yml('/updates/latest.yml?max=1.0.5')).version).toBe('1.0.0');
    expect((await get('/updates/latest.yml?max=0.9.0')).status).toBe(404);
    expect((await get('/updates/latest.yml?max=not-a-version')).status).toBe(400);
  });

  it('publishes and rolls out from the command line, on the shared feed folder', async () => {
    const rel = await buildRelease(path.join(work, 'cli'), '1.3.1-beta.1');
    const cliEnv = { ...env.env, LOG_LEVEL: 'silent' };
    const pub = await runServerCli(
      ['release', '--dir', rel.dir, '--channel', 'beta', '--staging', '20'],
      cliEnv,
    );
    expect(pub.stderr).toContain('uploaded Rongmei-Setup-1.3.1-beta.1.exe');
    expect(pub.code).toBe(0);
    expect(JSON.parse(pub.stdout)).toMatchObject({
      channel: 'beta',
      state: { stagingPercentage: 20 },
    });
    // The running server reads the same folder.
    expect(await yml('/updates/beta.yml')).toMatchObject({
      version: '1.3.1-beta.1',
      stagingPercentage: 20,
    });

    const later = await runServerCli(['rollout', '--channel', 'beta', '--staging', '60'], cliEnv);
    expect(later.code).toBe(0);
    expect((await yml('/updates/beta.yml')).stagingPercentage).toBe(60);

    const bad = await runServerCli(['rollout', '--channel', 'beta', '--staging', '150'], cliEnv);
    expect(bad.code).toBe(2);
    const list = await runServerCli(['releases'], cliEnv);
    expect(JSON.parse(list.stdout).releases.map((r: { version: string }) => r.version)).toEqual([
      '1.3.1-beta.1',
      '1.3.0',
      '1.2.0-beta.1',
      '1.1.0',
      '1.0.0',
    ]);
  });

  it('publishes through a running server with --server and an admin token', async () => {
    const rel = await buildRelease(path.join(work, 'remote'), '1.3.2-beta.1');
    const out = await runServerCli(
      ['release', '--dir', rel.dir, '--channel', 'beta', '--server', server.url],
      { RONGMEI_ADMIN_TOKEN: room.tokens.admin },
    );
    expect(out.code, out.stderr).toBe(0);
    expect((await yml('/updates/beta.yml')).version).toBe('1.3.2-beta.1');
    const refused = await runServerCli(
      ['rollout', '--channel', 'beta', '--staging', '5', '--server', server.url],
      { RONGMEI_ADMIN_TOKEN: room.tokens.reporter },
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('forbidden');
  });
});

describe('byte ranges', () => {
  const exePath = '/updates/releases/1.0.0/Rongmei-Setup-1.0.0.exe';
  const whole = () => fs.readFileSync(r100.windowsInstaller);

  it('answers one range with 206 and exactly those bytes', async () => {
    const res = await get(exePath, { range: 'bytes=100-1099' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 100-1099/${whole().length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(whole().subarray(100, 1100))).toBe(true);
    const suffix = await get(exePath, { range: 'bytes=-500' });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(whole().subarray(-500))).toBe(true);
    const open = await get(exePath, { range: `bytes=${whole().length - 10}-` });
    expect(Buffer.from(await open.arrayBuffer()).equals(whole().subarray(-10))).toBe(true);
  });

  it('answers several ranges as multipart/byteranges', async () => {
    const ranges = [
      [0, 9],
      [4096, 8191],
      [whole().length - 3, whole().length - 1],
    ] as const;
    const res = await get(exePath, {
      range: `bytes=${ranges.map(([a, b]) => `${a}-${b}`).join(', ')}`,
    });
    expect(res.status).toBe(206);
    const type = res.headers.get('content-type')!;
    const boundary = /boundary=(\S+)/.exec(type)![1]!;
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    const text = body.toString('latin1');
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts).toHaveLength(3);
    parts.forEach((p, i) => {
      const [a, b] = ranges[i]!;
      const headerEnd = p.indexOf('\r\n\r\n');
      expect(p.slice(0, headerEnd)).toContain(`Content-Range: bytes ${a}-${b}/${whole().length}`);
      const data = Buffer.from(p.slice(headerEnd + 4, p.length - 2), 'latin1');
      expect(data.equals(whole().subarray(a, b + 1))).toBe(true);
    });
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('accepts the longest Range header electron-updater sends (1000 ranges, beyond the 16 KB Node allows by default)', async () => {
    const ranges = Array.from(
      { length: 1000 },
      (_, i) => `${1_000_000 + i * 2100}-${1_000_001 + i * 2100}`,
    ).join(', ');
    expect(ranges.length).toBeGreaterThan(16 * 1024);
    const res = await get(exePath, { range: `bytes=${ranges}` });
    expect(res.status).toBe(206);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.toString('latin1').match(/Content-Range: bytes /g)).toHaveLength(1000);
  });

  it('says 416 for a range past the end, and sends the whole file for nonsense or a stale If-Range', async () => {
    const past = await get(exePath, { range: `bytes=${whole().length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${whole().length}`);
    for (const range of ['bytes=5-2', 'items=0-5', 'bytes=abc', 'bytes=0-10,5-']) {
      const res = await get(exePath, { range });
      expect(res.status, range).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(whole().length);
    }
    const stale = await get(exePath, { range: 'bytes=0-9', 'if-range': '"not-this-one"' });
    expect(stale.status).toBe(200);
    const etag = (await get(exePath, { range: 'bytes=0-0' })).headers.get('etag')!;
    expect((await get(exePath, { range: 'bytes=0-9', 'if-range': etag })).status).toBe(206);
  });
});

describe('paths', () => {
  it('never serves anything outside a published release', async () => {
    for (const p of [
      '/updates/../channels.json',
      '/updates/..%2fchannels.json',
      '/updates/releases/1.0.0/..%2f..%2fchannels.json',
      '/updates/releases/1.0.0/../../channels.json',
      '/updates/releases/..%2f..%2fchannels.json/x',
      '/updates/releases/1.0.0/release.json',
      '/updates/releases/1.0.0/hashes',
      '/updates/releases/1.0.0/%2e%2e%2f%2e%2e%2fchannels.json',
      '/updates/releases/3.0.0/Rongmei-Setup-3.0.0.exe', // uploaded, never published
      '/updates/channels.json',
      '/updates/releases/1.0.0/.htaccess',
    ]) {
      expect(await rawGet(p), p).toBe(404);
    }
  });

  it('refuses upload names and versions that are not plain names', async () => {
    const token = room.tokens.admin;
    for (const [v, n] of [
      ['4.0.0', '..%2Fescape.exe'],
      ['4.0.0', '.hidden'],
      ['..%2F..%2Fx', 'a.exe'],
      ['4.0', 'a.exe'],
      ['4.0.0', 'a%00b.exe'],
    ] as const) {
      const res = await putFile(server.url, token, v, n, Buffer.from('x'));
      expect(res.status, `${v}/${n}`).toBe(400);
    }
    expect(fs.existsSync(path.join(env.env.RONGMEI_DATA_DIR!, 'updates/escape.exe'))).toBe(false);
  });
});

describe('several instances', () => {
  it('serve one feed from a shared folder: published on one, offered by the other at once', async () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-shared-updates-'));
    const envA = testEnv('sqlite', { UPDATES_DIR: shared, INSTANCE_ID: 'app-1' });
    const envB = testEnv('sqlite', { UPDATES_DIR: shared, INSTANCE_ID: 'app-2' });
    const a = await start(envA.env);
    const b = await start(envB.env);
    try {
      const roomA = await seedNewsroom(a);
      const roomB = await seedNewsroom(b);
      await publishOverApi(a.url, roomA.tokens.admin, r100.dir, 'latest', 10);
      const fromB = await fetch(`${b.url}/updates/latest.yml`);
      expect(parseYaml(await fromB.text())).toMatchObject({
        version: '1.0.0',
        stagingPercentage: 10,
      });
      const exe = await fetch(`${b.url}/updates/releases/1.0.0/Rongmei-Setup-1.0.0.exe`, {
        headers: { range: 'bytes=0-99' },
      });
      expect(
        Buffer.from(await exe.arrayBuffer()).equals(
          fs.readFileSync(r100.windowsInstaller).subarray(0, 100),
        ),
      ).toBe(true);
      // Admins on both instances change the rollout at the same moment: the channel file stays whole.
      const put = (url: string, token: string, pct: number) =>
        fetch(`${url}/v1/admin/channels/latest`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ stagingPercentage: pct }),
        });
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 ? put(a.url, roomA.tokens.admin, 30 + i) : put(b.url, roomB.tokens.admin, 30 + i),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
      const channels = JSON.parse(fs.readFileSync(path.join(shared, 'channels.json'), 'utf8')) as {
        latest: { stagingPercentage: number; history: unknown[] };
      };
      expect(channels.latest.stagingPercentage).toBeGreaterThanOrEqual(30);
      expect(channels.latest.history).toHaveLength(1);
      const pa = parseYaml(await (await fetch(`${a.url}/updates/latest.yml`)).text()) as {
        stagingPercentage: number;
      };
      const pb = parseYaml(await (await fetch(`${b.url}/updates/latest.yml`)).text()) as {
        stagingPercentage: number;
      };
      expect(pa.stagingPercentage).toBe(channels.latest.stagingPercentage);
      expect(pb.stagingPercentage).toBe(channels.latest.stagingPercentage);
      expect(fs.existsSync(path.join(shared, 'channels.lock'))).toBe(false);
    } finally {
      await a.close();
      await b.close();
      await envA.cleanup();
      await envB.cleanup();
      fs.rmSync(shared, { recursive: true, force: true });
    }
  });
});
