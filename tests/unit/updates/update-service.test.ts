// The update service with a fake engine: what the status says at each step,
// the IT pin, policy states, quiet failures, and installing only when ready.
import { describe, expect, it } from 'vitest';
import { UpdateService } from '../../../electron/services/updates/update-service';
import { classifyUpdateError } from '../../../electron/services/updates/errors';
import {
  feedAddress,
  type UpdateEngine,
  type UpdateOffer,
} from '../../../electron/services/updates/engine';
import { resolvePolicy, type EffectiveUpdatePolicy } from '@shared/updates/policy';
import type { UpdateStatus } from '@shared/updates/status';
import { UpdateStatusSchema } from '@shared/updates/status';

const FEED = 'https://rongmei.newsroom.cn/updates/';

function engine(offer: UpdateOffer | null | Error, download: Error | null = null) {
  const calls = { check: 0, download: 0, install: 0 };
  const e: UpdateEngine = {
    check: async () => {
      calls.check++;
      if (offer instanceof Error) throw offer;
      return offer;
    },
    download: async (onProgress) => {
      calls.download++;
      onProgress({ percent: 10, transferred: 1e6, total: 1e7, bytesPerSecond: 2e6 });
      onProgress({ percent: 55, transferred: 5.5e6, total: 1e7, bytesPerSecond: 2e6 });
      if (download) throw download;
      onProgress({ percent: 100, transferred: 1e7, total: 1e7, bytesPerSecond: 2e6 });
    },
    install: () => void calls.install++,
  };
  return { e, calls };
}

function service(e: UpdateEngine | null, policy: Partial<EffectiveUpdatePolicy> = {}) {
  let t = Date.parse('2026-11-20T08:00:00Z');
  const s = new UpdateService({
    currentVersion: '1.4.0',
    policy: { ...resolvePolicy(null, null, { feedUrl: FEED, channel: 'latest' }), ...policy },
    engine: e,
    now: () => (t += 1000),
    progressEveryMs: 0,
    schedule: { firstDelayMs: 3600_000 },
  });
  const seen: UpdateStatus[] = [];
  s.onStatus((st) => seen.push(st));
  return { s, seen };
}

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('UpdateService', () => {
  it('goes checking → downloading (with progress) → ready, and installs only when asked', async () => {
    const { e, calls } = engine({ version: '1.5.0', releaseDate: '2026-11-19T00:00:00.000Z' });
    const { s, seen } = service(e);
    expect(s.install()).toBe(false);
    const after = await s.check();
    expect(seen.map((x) => x.state)).toEqual([
      'checking',
      'downloading',
      'downloading',
      'downloading',
      'downloading',
      'ready',
    ]);
    expect(seen.filter((x) => x.state === 'downloading').map((x) => x.progress?.percent)).toEqual([
      0, 10, 55, 100,
    ]);
    expect(after).toMatchObject({
      state: 'ready',
      available: { version: '1.5.0' },
      lastError: null,
      heldBack: null,
    });
    expect(after.lastCheckAt).toMatch(/^2026-11-20T08:00/);
    for (const st of seen) expect(UpdateStatusSchema.safeParse(st).success).toBe(true);
    expect(calls).toEqual({ check: 1, download: 1, install: 0 });
    // Ready: further checks do not download again.
    await s.check();
    expect(calls.check).toBe(1);
    expect(s.install()).toBe(true);
    expect(calls.install).toBe(1);
  });

  it('says up to date when the feed has nothing newer', async () => {
    const { e, calls } = engine(null);
    const { s } = service(e);
    expect(await s.check()).toMatchObject({ state: 'idle', available: null, lastError: null });
    expect(calls.download).toBe(0);
  });

  it('keeps back a version beyond the IT pin and never downloads it', async () => {
    const { e, calls } = engine({ version: '1.5.0', releaseDate: null });
    const { s } = service(e, { pinVersion: '1.4.9' });
    expect(await s.check()).toMatchObject({
      state: 'idle',
      heldBack: '1.5.0',
      pinVersion: '1.4.9',
      available: null,
    });
    expect(calls.download).toBe(0);
    const ok = engine({ version: '1.4.9', releaseDate: null });
    expect((await service(ok.e, { pinVersion: '1.4.9' }).s.check()).state).toBe('ready');
  });

  it('turns a failed check or download into a quiet status, with the next attempt planned', async () => {
    const offline = service(engine(err('ECONNREFUSED')).e);
    offline.s.start();
    const st = await offline.s.check();
    expect(st).toMatchObject({ state: 'idle', lastError: { code: 'unreachable' } });
    expect(st.nextCheckAt).not.toBeNull();
    // Planned as a retry (about a minute), not at the 4-hour interval.
    expect(Date.parse(offline.s.status().nextCheckAt!) - Date.parse(st.lastError!.at)).toBeLessThan(
      2 * 60_000,
    );
    offline.s.stop();

    const damaged = service(
      engine({ version: '1.5.0', releaseDate: null }, err('ERR_CHECKSUM_MISMATCH')).e,
    );
    expect(await damaged.s.check()).toMatchObject({
      state: 'idle',
      available: null,
      progress: null,
      lastError: { code: 'checksum' },
    });
    expect(damaged.s.install()).toBe(false);
  });

  it('reports why it does nothing: development build, policy off, malformed policy, no feed', async () => {
    expect(service(null).s.status()).toMatchObject({ state: 'unavailable', reason: 'development' });
    const off = engine({ version: '9.9.9', releaseDate: null });
    const disabled = service(off.e, { enabled: false, source: 'file' }).s;
    expect(disabled.status()).toMatchObject({ state: 'disabled', reason: 'policy' });
    expect((await disabled.check()).state).toBe('disabled');
    expect(off.calls.check).toBe(0);
    const bad = resolvePolicy('{oops', '/etc/rongmei/policy.json', {
      feedUrl: FEED,
      channel: 'latest',
    });
    expect(service(off.e, bad).s.status()).toMatchObject({
      state: 'disabled',
      reason: 'policy_invalid',
      policySource: 'invalid',
      policyPath: '/etc/rongmei/policy.json',
    });
    expect(service(off.e, { feedUrl: null }).s.status()).toMatchObject({
      state: 'disabled',
      reason: 'no_feed',
    });
  });
});

describe('classifyUpdateError', () => {
  it.each([
    [err('ECONNREFUSED'), 'unreachable'],
    [err('ENOTFOUND'), 'unreachable'],
    [err('ETIMEDOUT'), 'unreachable'],
    [new Error('net::ERR_INTERNET_DISCONNECTED'), 'unreachable'],
    [new Error('net::ERR_NAME_NOT_RESOLVED'), 'unreachable'],
    [err('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'), 'feed_missing'],
    [Object.assign(new Error('Not Found'), { statusCode: 404 }), 'feed_missing'],
    [Object.assign(new Error('Bad Gateway'), { statusCode: 502 }), 'server_error'],
    [err('ERR_CHECKSUM_MISMATCH'), 'checksum'],
    [err('ERR_UPDATER_INVALID_SIGNATURE'), 'signature'],
    [err('ENOSPC'), 'disk'],
    [new Error('something else'), 'unknown'],
    ['a string', 'unknown'],
  ])('%s → %s', (e, code) => expect(classifyUpdateError(e)).toBe(code));
});

describe('feedAddress', () => {
  it('ends the feed with a slash and carries the pin as ?max=', () => {
    expect(feedAddress('https://rongmei.cn/updates', null)).toBe('https://rongmei.cn/updates/');
    expect(feedAddress('https://rongmei.cn/updates/', '1.4.2')).toBe(
      'https://rongmei.cn/updates/?max=1.4.2',
    );
  });
});
