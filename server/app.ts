// Builds the whole newsroom server — database, HTTP API, document socket,
// feed notifications, limits — and knows how to stop it gracefully.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { HTTP_STATUS, SERVER_ERROR_CODES, type ServerErrorCode } from '@shared/sync/errors';
import type { ServerConfig } from './config';
import { openStore, type Store } from './db/database';
import { UpdateLog } from './docs/update-log';
import { attachSync, type SyncServer } from './docs/sync-server';
import { FeedNotifier } from './stories/feed-notifier';
import { currentSeq } from './stories/story-repo';
import { RateLimiter } from './http/rate-limit';
import { ApiError } from './http/api-error';
import { registerJsonGzip } from './http/compress';
import { registerRoutes } from './http/routes';
import { ReleaseStore } from './updates/release-store';
import { ScannerCache } from './workflow/context';
import { backfillAuditLog, backfillWorkflowStates } from './workflow/workflow-store';
import { adaptersFor, Publisher } from './publishing/deliveries';
import { serverAssetSource } from './assets/asset-store';
import type { PublishAdapter } from './publishing/adapter';
import type { ChannelId } from '@shared/workflow/desks';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  sync: SyncServer;
  log: UpdateLog;
  notifier: FeedNotifier;
  releases: ReleaseStore;
  /** The scheduler and the publishers (tests call tick() instead of waiting). */
  publisher: Publisher;
  /** http(s)://host:port */
  url: string;
  /** ws(s)://host:port/v1/sync */
  syncUrl: string;
  close(): Promise<void>;
}

export interface ServerOverrides {
  /** Replaces the pino logger settings (tests pass { level: 'warn' }). */
  logger?: boolean | { level: string };
  now?: () => number;
  /** Replaces publishing adapters per channel (tests). */
  adapters?: Partial<Record<ChannelId, PublishAdapter>>;
  /** Starts the publishing loop (default true). */
  publishLoop?: boolean;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{8,128}$/;

function codeForStatus(status: number): ServerErrorCode {
  const hit = SERVER_ERROR_CODES.find((c) => HTTP_STATUS[c] === status);
  return hit ?? (status >= 500 ? 'internal' : 'invalid_input');
}

export async function startServer(
  config: ServerConfig,
  overrides: ServerOverrides = {},
): Promise<RunningServer> {
  const now = overrides.now ?? Date.now;
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSchema: config.databaseSchema,
  });
  await backfillAuditLog(store.db);
  await backfillWorkflowStates(store.db, now());
  const redisClients: Redis[] = [];
  const makeRedis = () => {
    const r = new Redis(config.redisUrl!, { maxRetriesPerRequest: 3, lazyConnect: false });
    r.on('error', () => undefined);
    redisClients.push(r);
    return r;
  };
  const feedRedis = config.redisUrl
    ? { pub: makeRedis(), sub: makeRedis(), channel: `${config.redisPrefix}:feed` }
    : undefined;
  const notifier = new FeedNotifier({ readCounter: () => currentSeq(store.db), redis: feedRedis });
  const releases = new ReleaseStore({
    dir: config.updates.dir,
    maxFileBytes: config.updates.maxFileBytes,
    now,
  });
  await releases.init();
  const httpLimiter = new RateLimiter(config.limits.http, now);
  const loginLimiter = new RateLimiter(config.limits.login, now);
  const wsLimiter = new RateLimiter(config.limits.ws, now);
  let closing = false;

  const app = Fastify({
    logger: overrides.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
    // Our own server object, so HTTP and HTTPS share one type and the document socket can attach to it.
    serverFactory: (handler) => {
      // electron-updater's differential download sends up to 1000 byte ranges in one header.
      const maxHeaderSize = 64 * 1024;
      const server = config.tlsCertFile
        ? https.createServer({
            cert: fs.readFileSync(config.tlsCertFile),
            key: fs.readFileSync(config.tlsKeyFile!),
            maxHeaderSize,
          })
        : http.createServer({ maxHeaderSize });
      server.on('request', handler);
      return server as http.Server;
    },
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_addr: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: config.limits.bodyBytes,
    requestTimeout: config.limits.requestTimeoutMs,
    connectionTimeout: config.limits.requestTimeoutMs,
    return503OnClosing: true,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : crypto.randomUUID();
    },
  });

  const log = new UpdateLog(store.db, store.engine, now, store.sqlite);
  const sync = attachSync(app.server, {
    db: store.db,
    engine: store.engine,
    log,
    wsLimiter,
    maxUpdateBytes: config.limits.updateBytes,
    maxMessageBytes: config.limits.wsMessageBytes,
    compactEvery: config.docs.compactEvery,
    storeDebounceMs: config.docs.storeDebounceMs,
    storeMaxDebounceMs: config.docs.storeMaxDebounceMs,
    sessionCheckMs: config.sessionCheckMs,
    now,
    onFeedChange: (seq) => notifier.publish(seq),
    logger: app.log,
    clientIp: (req) => req.socket.remoteAddress ?? '',
    redis: config.redisUrl
      ? {
          createClient: makeRedis,
          prefix: `${config.redisPrefix}:docs`,
          instanceId: config.instanceId,
        }
      : undefined,
  });

  // Handler timeouts: a stuck handler answers 503 instead of holding the client forever.
  const timers = new WeakMap<object, NodeJS.Timeout>();
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const ms = req.routeOptions.config.timeoutMs ?? config.limits.handlerTimeoutMs;
    timers.set(
      req,
      setTimeout(() => {
        if (!reply.sent) {
          req.log.warn({ ms }, 'handler timed out');
          void reply.code(503).send({
            error: { code: 'timeout', message: 'the server took too long', requestId: req.id },
          });
        }
      }, ms),
    );
  });
  app.addHook('onResponse', async (req) => clearTimeout(timers.get(req)));

  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    const status = err instanceof ApiError ? err.statusCode : (err.statusCode ?? 500);
    const code: ServerErrorCode = err instanceof ApiError ? err.code : codeForStatus(status);
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 && !(err instanceof ApiError) ? 'internal error' : err.message;
    const details = err instanceof ApiError ? err.details : undefined;
    return reply
      .code(status)
      .send({ error: { code, message, ...(details ? { details } : {}), requestId: req.id } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'not_found', message: 'no such route', requestId: req.id } }),
  );

  const workflowDeps = { scanners: new ScannerCache() };
  const publisher = new Publisher({
    db: store.db,
    engine: store.engine,
    wf: workflowDeps,
    config: config.publishing,
    adapters: {
      ...adaptersFor(config.publishing, serverAssetSource(store.db)),
      ...(overrides.adapters ?? {}),
    },
    now,
    onChange: (seq) => notifier.publish(seq),
    log: app.log,
  });

  registerJsonGzip(app);
  registerRoutes(app, {
    workflow: workflowDeps,
    onWorkflowApplied: () => void publisher.tick(),
    db: store.db,
    engine: store.engine,
    config,
    notifier,
    releases,
    httpLimiter,
    loginLimiter,
    now,
    isClosing: () => closing,
    readiness: async () => {
      const problems: string[] = [];
      if (closing) problems.push('shutting down');
      await store.ping().catch(() => problems.push('database unreachable'));
      for (const r of redisClients.slice(0, 1))
        await r.ping().catch(() => problems.push('redis unreachable'));
      return problems;
    },
  });

  await app.listen({ host: config.host, port: config.port });
  if (overrides.publishLoop !== false) publisher.start();
  const addr = app.server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const secure = !!config.tlsCertFile;
  const url = `${secure ? 'https' : 'http'}://${host}:${addr.port}`;
  app.log.info(
    { url, database: store.where, redis: !!config.redisUrl, instance: config.instanceId },
    'newsroom server ready',
  );

  let closed: Promise<void> | null = null;
  return {
    app,
    store,
    sync,
    log,
    notifier,
    releases,
    publisher,
    url,
    syncUrl: `${secure ? 'wss' : 'ws'}://${host}:${addr.port}/v1/sync`,
    close() {
      closed ??= (async () => {
        closing = true;
        await publisher.stop();
        notifier.close();
        await sync.close();
        await app.close();
        httpLimiter.close();
        loginLimiter.close();
        wsLimiter.close();
        await log.drain();
        for (const r of redisClients) r.disconnect();
        await store.close();
      })();
      return closed;
    },
  };
}
