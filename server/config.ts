// Server settings from the environment, overridden by command-line flags.
// Every setting has a default that works for one newsroom on one machine.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { STRONG_COST, type ScryptCost } from './auth/passwords';
import type { BucketSpec } from './http/rate-limit';

export interface ServerConfig {
  dataDir: string;
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  instanceId: string;
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;
  /** Fastify's trustProxy: false, true, a hop count, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | number | string[];
  sessionTtlMs: number;
  logLevel: string;
  passwordCost: ScryptCost;
  limits: {
    bodyBytes: number;
    wsMessageBytes: number;
    updateBytes: number;
    requestTimeoutMs: number;
    handlerTimeoutMs: number;
    http: BucketSpec;
    login: BucketSpec;
    ws: BucketSpec;
  };
  docs: { storeDebounceMs: number; storeMaxDebounceMs: number; compactEvery: number };
  sessionCheckMs: number;
  /** The update feed's files; shared by every instance (a network share or a shared volume). */
  updates: { dir: string; maxFileBytes: number };
  /** Where published versions go (server/publishing). */
  publishing: PublishingConfig;
}

export interface PublishingConfig {
  /** The news app's ingest webhook: each app version is POSTed there as ninjs. Unset: exported for manual posting. */
  appWebhookUrl: string | undefined;
  /** Sent as `Authorization: Bearer …` to the app webhook. */
  appWebhookToken: string | undefined;
  wechat: {
    /** https://api.weixin.qq.com (tests point it at a local mock). */
    apiBase: string;
    appId: string | undefined;
    appSecret: string | undefined;
    /** A permanent image material to use as the cover when the version has no image the server holds. */
    defaultThumbMediaId: string | undefined;
    /** Seconds between freepublish/get polls, and how many polls before giving up for this attempt. */
    pollMs: number;
    maxPolls: number;
  };
  /** Print, Weibo, Douyin (and unconfigured channels): files for manual posting land here. */
  exportDir: string;
  /** How often the scheduler and the publisher look for work. */
  intervalMs: number;
  /** First retry delay; doubles per attempt up to 30 minutes. */
  retryBaseMs: number;
  /** After this many failed attempts a delivery stays `failed` and is reported. */
  maxAttempts: number;
}

/** Env names, documented in server/README.md. */
export const ENV = {
  dataDir: 'RONGMEI_DATA_DIR',
  host: 'HOST',
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'DATABASE_SCHEMA',
  redisUrl: 'REDIS_URL',
  redisPrefix: 'REDIS_PREFIX',
  instanceId: 'INSTANCE_ID',
  tlsCertFile: 'TLS_CERT_FILE',
  tlsKeyFile: 'TLS_KEY_FILE',
  trustProxy: 'TRUST_PROXY',
  sessionTtlHours: 'SESSION_TTL_HOURS',
  logLevel: 'LOG_LEVEL',
  scryptN: 'SCRYPT_N',
  maxBodyBytes: 'MAX_BODY_BYTES',
  maxWsMessageBytes: 'MAX_WS_MESSAGE_BYTES',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  rateLimitPerSecond: 'RATE_LIMIT_PER_SECOND',
  rateLimitBurst: 'RATE_LIMIT_BURST',
  wsRateLimitPerSecond: 'WS_RATE_LIMIT_PER_SECOND',
  wsRateLimitBurst: 'WS_RATE_LIMIT_BURST',
  storeDebounceMs: 'DOC_STORE_DEBOUNCE_MS',
  sessionCheckMs: 'SESSION_CHECK_MS',
  updatesDir: 'UPDATES_DIR',
  updatesMaxFileMb: 'UPDATES_MAX_FILE_MB',
  appWebhookUrl: 'APP_WEBHOOK_URL',
  appWebhookToken: 'APP_WEBHOOK_TOKEN',
  wechatApiBase: 'WECHAT_API_BASE',
  wechatAppId: 'WECHAT_APP_ID',
  wechatAppSecret: 'WECHAT_APP_SECRET',
  wechatDefaultThumbMediaId: 'WECHAT_DEFAULT_THUMB_MEDIA_ID',
  wechatPollMs: 'WECHAT_POLL_MS',
  wechatMaxPolls: 'WECHAT_MAX_POLLS',
  publishExportDir: 'PUBLISH_EXPORT_DIR',
  publishIntervalMs: 'PUBLISH_INTERVAL_MS',
  publishRetryBaseMs: 'PUBLISH_RETRY_BASE_MS',
  publishMaxAttempts: 'PUBLISH_MAX_ATTEMPTS',
} as const;

const FLAGS: Record<string, keyof typeof ENV> = {
  '--data-dir': 'dataDir',
  '--host': 'host',
  '--port': 'port',
  '--tls-cert': 'tlsCertFile',
  '--tls-key': 'tlsKeyFile',
  '--trust-proxy': 'trustProxy',
  '--log-level': 'logLevel',
  '--updates-dir': 'updatesDir',
};

/** Splits `--flag value` / `--flag=value` pairs out of argv; the rest are positional. */
export function parseArgs(argv: readonly string[]): {
  flags: Map<string, string>;
  positional: string[];
} {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(0, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a, argv[++i]!);
      else flags.set(a, 'true');
    } else positional.push(a);
  }
  return { flags, positional };
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  flags: ReadonlyMap<string, string> = new Map(),
): ServerConfig {
  const get = (key: keyof typeof ENV): string | undefined => {
    for (const [flag, k] of Object.entries(FLAGS))
      if (k === key && flags.has(flag)) return flags.get(flag);
    const v = env[ENV[key]];
    return v === '' ? undefined : v;
  };
  const num = (key: keyof typeof ENV, def: number, min: number, max: number): number => {
    const raw = get(key);
    if (raw === undefined) return def;
    const r = int(min, max).safeParse(raw);
    if (!r.success)
      throw new Error(`${ENV[key]} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return r.data;
  };
  const tlsCertFile = get('tlsCertFile');
  const tlsKeyFile = get('tlsKeyFile');
  if (!!tlsCertFile !== !!tlsKeyFile)
    throw new Error('TLS needs both TLS_CERT_FILE and TLS_KEY_FILE');
  const wsMessageBytes = num('maxWsMessageBytes', 16 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024);
  const scryptN = num('scryptN', STRONG_COST.N, 1024, 2 ** 20);
  if ((scryptN & (scryptN - 1)) !== 0) throw new Error('SCRYPT_N must be a power of two');
  const storeDebounceMs = num('storeDebounceMs', 2000, 0, 60_000);
  const dataDir = path.resolve(get('dataDir') ?? path.join(process.cwd(), '.data', 'server'));
  return {
    dataDir,
    host: get('host') ?? '127.0.0.1',
    port: num('port', 8787, 0, 65535),
    databaseUrl: get('databaseUrl'),
    databaseSchema: get('databaseSchema'),
    redisUrl: get('redisUrl'),
    redisPrefix: get('redisPrefix') ?? 'rongmei',
    instanceId: get('instanceId') ?? `${os.hostname()}-${process.pid}`,
    tlsCertFile,
    tlsKeyFile,
    trustProxy: parseTrustProxy(get('trustProxy')),
    sessionTtlMs: num('sessionTtlHours', 14 * 24, 1, 24 * 365) * 3600_000,
    logLevel: get('logLevel') ?? 'info',
    passwordCost: { ...STRONG_COST, N: scryptN },
    limits: {
      bodyBytes: num('maxBodyBytes', 1024 * 1024, 1024, 64 * 1024 * 1024),
      wsMessageBytes,
      updateBytes: wsMessageBytes,
      requestTimeoutMs: num('requestTimeoutMs', 30_000, 1000, 600_000),
      handlerTimeoutMs: 15_000,
      http: {
        rate: num('rateLimitPerSecond', 20, 1, 100_000),
        burst: num('rateLimitBurst', 200, 1, 1_000_000),
      },
      login: { rate: 10 / 60, burst: 10 },
      ws: {
        rate: num('wsRateLimitPerSecond', 100, 1, 1_000_000),
        burst: num('wsRateLimitBurst', 2000, 1, 10_000_000),
      },
    },
    docs: {
      storeDebounceMs,
      storeMaxDebounceMs: Math.max(storeDebounceMs, 10_000),
      compactEvery: 200,
    },
    sessionCheckMs: num('sessionCheckMs', 30_000, 100, 3600_000),
    updates: {
      dir: path.resolve(get('updatesDir') ?? path.join(dataDir, 'updates')),
      maxFileBytes: num('updatesMaxFileMb', 1024, 1, 16 * 1024) * 1024 * 1024,
    },
    publishing: {
      appWebhookUrl: get('appWebhookUrl'),
      appWebhookToken: get('appWebhookToken'),
      wechat: {
        apiBase: (get('wechatApiBase') ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
        appId: get('wechatAppId'),
        appSecret: get('wechatAppSecret'),
        defaultThumbMediaId: get('wechatDefaultThumbMediaId'),
        pollMs: num('wechatPollMs', 3000, 1, 600_000),
        maxPolls: num('wechatMaxPolls', 20, 1, 1000),
      },
      exportDir: path.resolve(get('publishExportDir') ?? path.join(dataDir, 'publish-exports')),
      intervalMs: num('publishIntervalMs', 5000, 10, 3600_000),
      retryBaseMs: num('publishRetryBaseMs', 30_000, 1, 3600_000),
      maxAttempts: num('publishMaxAttempts', 8, 1, 100),
    },
  };
}
