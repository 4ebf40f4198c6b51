// The IT policy file: what a good file sets, and the safe choice (no updates)
// for every way a file can be wrong; where the file is looked for on each OS.
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePolicy } from '@shared/updates/policy';
import { compareSemver, isSemver, prereleaseTag } from '@shared/updates/semver';
import {
  POLICY_ENV,
  loadUpdatePolicy,
  machinePolicyPath,
} from '../../../electron/services/updates/policy-file';

const defaults = { feedUrl: 'https://rongmei.newsroom.cn/updates/', channel: 'latest' as const };

describe('resolvePolicy', () => {
  it('without a file: updates on, from the built-in feed, every 4 hours', () => {
    expect(resolvePolicy(null, null, defaults)).toEqual({
      enabled: true,
      channel: 'latest',
      feedUrl: 'https://rongmei.newsroom.cn/updates/',
      pinVersion: null,
      checkIntervalMs: 4 * 3600_000,
      source: 'none',
      path: null,
      problem: null,
    });
  });

  it('takes every setting from a good file (Notepad BOM included)', () => {
    const text =
      '\uFEFF' +
      JSON.stringify({
        updates: {
          enabled: true,
          channel: 'beta',
          feedUrl: 'http://10.2.0.15:8787/updates/',
          pinVersion: '1.4.2',
          checkIntervalHours: 12,
        },
      });
    expect(resolvePolicy(text, 'C:\\ProgramData\\Rongmei\\policy.json', defaults)).toMatchObject({
      enabled: true,
      channel: 'beta',
      feedUrl: 'http://10.2.0.15:8787/updates/',
      pinVersion: '1.4.2',
      checkIntervalMs: 12 * 3600_000,
      source: 'file',
      problem: null,
    });
    expect(
      resolvePolicy('{"updates":{"enabled":false}}', '/etc/rongmei/policy.json', defaults),
    ).toMatchObject({
      enabled: false,
      source: 'file',
    });
    expect(resolvePolicy('{}', '/etc/rongmei/policy.json', defaults)).toMatchObject({
      enabled: true,
      source: 'file',
    });
  });

  it.each([
    ['not JSON', '{ updates: { enabled: false } }', /not valid JSON/],
    ['a truncated file', '{"updates": {"enabled": tr', /not valid JSON/],
    ['a misspelt key', '{"updates":{"enable":false}}', /unrecognized|enable/i],
    ['an unknown section', '{"update":{"enabled":false}}', /unrecognized|update/i],
    ['a wrong type', '{"updates":{"enabled":"no"}}', /updates\.enabled/],
    ['an unknown channel', '{"updates":{"channel":"nightly"}}', /updates\.channel/],
    ['a pin that is not a version', '{"updates":{"pinVersion":"1.4"}}', /updates\.pinVersion/],
    [
      'a feed that is not http(s)',
      '{"updates":{"feedUrl":"file:///C:/updates/"}}',
      /updates\.feedUrl/,
    ],
    [
      'a feed with a password',
      '{"updates":{"feedUrl":"https://it:secret@rongmei.cn/updates/"}}',
      /password/,
    ],
    ['an interval of zero', '{"updates":{"checkIntervalHours":0}}', /checkIntervalHours/],
    ['an empty file', '', /not valid JSON/],
    ['an array', '[]', /expected object/i],
  ])('refuses %s and turns updates off, saying why', (_label, text, why) => {
    const p = resolvePolicy(text, '/etc/rongmei/policy.json', defaults);
    expect(p.enabled).toBe(false);
    expect(p.source).toBe('invalid');
    expect(p.problem).toMatch(why);
    expect(p.path).toBe('/etc/rongmei/policy.json');
  });
});

describe('the policy file on disk', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const temp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rongmei-policy-'));
    dirs.push(d);
    return d;
  };

  it('is machine-wide on each OS', () => {
    expect(machinePolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Rongmei\\policy.json',
    );
    expect(machinePolicyPath('win32', {})).toBe('C:\\ProgramData\\Rongmei\\policy.json');
    expect(machinePolicyPath('darwin', {})).toBe(
      '/Library/Application Support/Rongmei/policy.json',
    );
    expect(machinePolicyPath('linux', {})).toBe('/etc/rongmei/policy.json');
  });

  it('is read from the override only where that is allowed (tests, development builds)', () => {
    const file = path.join(temp(), 'policy.json');
    fs.writeFileSync(file, '{"updates":{"pinVersion":"2.0.0"}}');
    const env = { [POLICY_ENV]: file };
    expect(
      loadUpdatePolicy({ platform: 'linux', env, allowEnvOverride: true, defaults }),
    ).toMatchObject({
      pinVersion: '2.0.0',
      source: 'file',
      path: file,
    });
    // A packaged app ignores the variable: a person cannot point it at a policy of their own.
    const packaged = loadUpdatePolicy({
      platform: 'linux',
      env,
      allowEnvOverride: false,
      defaults,
    });
    expect(packaged.path).toBe('/etc/rongmei/policy.json');
    expect(packaged.pinVersion).toBeNull();
  });

  it('treats a missing file as no policy, and a folder or an oversized file as a refused one', () => {
    const dir = temp();
    const base = { platform: 'linux' as const, allowEnvOverride: true, defaults };
    expect(
      loadUpdatePolicy({ ...base, env: { [POLICY_ENV]: path.join(dir, 'none.json') } }).source,
    ).toBe('none');
    expect(loadUpdatePolicy({ ...base, env: { [POLICY_ENV]: dir } })).toMatchObject({
      source: 'invalid',
      enabled: false,
      problem: 'the policy path is not a file',
    });
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, ' '.repeat(70_000) + '{}');
    expect(loadUpdatePolicy({ ...base, env: { [POLICY_ENV]: big } })).toMatchObject({
      source: 'invalid',
      enabled: false,
    });
  });
});

describe('versions', () => {
  it('orders releases as SemVer does', () => {
    const sorted = [
      '1.10.0',
      '1.2.0',
      '1.2.0-beta.2',
      '1.2.0-beta.10',
      '1.2.0-alpha',
      '1.2.0-beta',
      '0.9.9',
      '1.2.0-rc.1',
    ]
      .slice()
      .sort(compareSemver);
    expect(sorted).toEqual([
      '0.9.9',
      '1.2.0-alpha',
      '1.2.0-beta',
      '1.2.0-beta.2',
      '1.2.0-beta.10',
      '1.2.0-rc.1',
      '1.2.0',
      '1.10.0',
    ]);
    expect(compareSemver('1.4.2+build.7', '1.4.2')).toBe(0);
  });

  it('knows a version when it sees one, and its prerelease tag', () => {
    for (const v of ['1.0.0', '1.4.2-beta.3', '10.20.30+abc']) expect(isSemver(v), v).toBe(true);
    for (const v of ['1.4', 'v1.4.2', '01.4.2', '1.4.2-', '../1.4.2', '1.4.2 ', ''])
      expect(isSemver(v), v).toBe(false);
    expect(prereleaseTag('1.5.0-beta.3')).toBe('beta');
    expect(prereleaseTag('1.5.0')).toBeNull();
    expect(() => compareSemver('1.0', '1.0.0')).toThrow();
  });
});
