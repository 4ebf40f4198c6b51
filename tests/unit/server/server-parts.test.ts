// Small server parts: configuration, rate limits, passwords, the message
// parser of the durable-sync extension and the command fingerprint.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig, parseArgs } from '../../../server/config';
import { RateLimiter } from '../../../server/http/rate-limit';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';
import { updateOf } from '../../../server/docs/durable-sync';
import { commandHash } from '../../../server/workflow/execute-command';
import { updateMessage, authMessage } from '../../integration/server/raw-socket';
import type { Command } from '@shared/sync/commands';

describe('config', () => {
  it('takes env, lets flags win, and defaults to a local SQLite server', () => {
    const { flags, positional } = parseArgs([
      'create-admin',
      '--port',
      '9000',
      '--data-dir=/srv/rongmei',
      '--trust-proxy',
      '2',
    ]);
    expect(positional).toEqual(['create-admin']);
    const c = loadConfig(
      { PORT: '8000', DATABASE_URL: 'postgres://db/newsroom', TLS_CERT_FILE: '' },
      flags,
    );
    expect(c).toMatchObject({
      port: 9000,
      dataDir: '/srv/rongmei',
      databaseUrl: 'postgres://db/newsroom',
      trustProxy: 2,
      tlsCertFile: undefined,
    });
    const d = loadConfig({});
    expect(d).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      databaseUrl: undefined,
      trustProxy: false,
    });
    expect(d.passwordCost.N).toBe(2 ** 17);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.1',
    ]);
  });

  it('refuses settings that make no sense', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TLS_CERT_FILE: '/x.pem' })).toThrow(/TLS/);
    expect(() => loadConfig({ SCRYPT_N: '3000' })).toThrow(/power of two/);
  });
});

describe('rate limiter', () => {
  it('allows a burst, then the rate, per key', () => {
    let t = 0;
    const l = new RateLimiter({ rate: 2, burst: 3 }, () => t);
    expect([l.take('a'), l.take('a'), l.take('a'), l.take('a')]).toEqual([true, true, true, false]);
    expect(l.take('b')).toBe(true);
    expect(l.retryAfter('a')).toBe(1);
    t += 500;
    expect([l.take('a'), l.take('a')]).toEqual([true, false]);
    l.close();
  });
});

describe('passwords', () => {
  it('verifies the right password only, with the cost stored in the hash', async () => {
    const h = await hashPassword('春眠不觉晓-2026', { N: 1024, r: 8, p: 1 });
    expect(h).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('春眠不觉晓-2026', h)).toBe(true);
    expect(await verifyPassword('春眠不觉晓-2027', h)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await hashPassword('春眠不觉晓-2026', { N: 1024, r: 8, p: 1 })).not.toBe(h);
  });
});

describe('durable-sync message parsing', () => {
  it('finds the Yjs update in a sync message and nothing in others', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, '新闻');
    const u = Y.encodeStateAsUpdate(doc);
    const parsed = updateOf(updateMessage('story:x', u));
    expect(parsed.docName).toBe('story:x');
    expect(Buffer.from(parsed.update!).equals(Buffer.from(u))).toBe(true);
    expect(updateOf(authMessage('story:x', 'token')).update).toBeNull();
    expect(() => updateOf(new Uint8Array([0xff]))).toThrow();
  });
});

describe('command fingerprint', () => {
  it('ignores key order but not values', () => {
    const a: Command = {
      id: 'cmd-0000000000000001',
      type: 'story.update-meta',
      storyId: '019a4a7e-0000-7000-8000-0000000000a1',
      expectedRevision: 1,
      patch: { priority: 'flash', section: 'rural' },
    };
    const b = JSON.parse(
      '{"patch":{"section":"rural","priority":"flash"},"expectedRevision":1,"storyId":"019a4a7e-0000-7000-8000-0000000000a1","type":"story.update-meta","id":"cmd-0000000000000001"}',
    ) as Command;
    expect(commandHash(a)).toBe(commandHash(b));
    expect(commandHash({ ...a, expectedRevision: 2 })).not.toBe(commandHash(a));
  });
});
