// HTTP for the update feed. Public: `GET /updates/<channel><platform>.yml`
// and `GET /updates/releases/<version>/<file>` — electron-updater's generic
// provider with `url: https://<server>/updates/`. Administrators: upload a
// release's files, publish it to a channel, move a channel or change its
// rollout, list what is there.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  PublishReleaseSchema,
  ReleaseFileNameSchema,
  SetChannelSchema,
  UPDATE_CHANNELS,
  UpdateChannelSchema,
  VersionSchema,
  parseChannelFile,
  type UpdateChannel,
} from '@shared/updates/feed';
import { ApiError } from '../http/api-error';
import type { ReleaseStore } from './release-store';
import { ifRangeMatches, multipartBody, parseRange } from './byte-ranges';

/** An installer over a slow link takes a while; the handler timeout must not cut it. */
const DOWNLOAD_TIMEOUT_MS = 6 * 3600_000;
const UPLOAD_TIMEOUT_MS = 3600_000;

function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new ApiError('invalid_input', z.prettifyError(r.error).slice(0, 500), {
      path: r.error.issues[0]?.path.join('.') ?? null,
    });
  return r.data;
}

const FeedQuerySchema = z.object({ max: VersionSchema.optional() }).loose();

export function registerUpdateFeed(app: FastifyInstance, releases: ReleaseStore): void {
  app.get(
    '/updates/*',
    { config: { timeoutMs: DOWNLOAD_TIMEOUT_MS } },
    async (req: FastifyRequest, reply: FastifyReply) => {
      const rest = (req.params as { '*': string })['*'];
      const parts = rest.split('/');
      const query = parseWith(FeedQuerySchema, req.query);
      const notFound = () =>
        reply.code(404).send({
          error: { code: 'not_found', message: 'no such update file', requestId: req.id },
        });

      if (parts.length === 1) {
        const cf = parseChannelFile(parts[0]!);
        if (!cf || !(UPDATE_CHANNELS as readonly string[]).includes(cf.channel)) return notFound();
        const yml = await releases.channelFile(cf.channel as UpdateChannel, cf.platform, query.max);
        if (yml === null) return notFound();
        return reply
          .header('content-type', 'text/yaml; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(yml);
      }

      if (parts.length !== 3 || parts[0] !== 'releases') return notFound();
      const art = await releases.artifact(parts[1]!, parts[2]!);
      if (!art) return notFound();
      const etag = `"${Buffer.from(art.sha512, 'base64').subarray(0, 16).toString('hex')}"`;
      const lastModified = new Date(art.mtimeMs);
      reply
        .header('accept-ranges', 'bytes')
        .header('etag', etag)
        .header('last-modified', lastModified.toUTCString())
        // A version's files never change, so caches and proxies may keep them.
        .header('cache-control', 'public, max-age=31536000, immutable');
      const range = ifRangeMatches(firstHeader(req.headers['if-range']), etag, lastModified)
        ? parseRange(req.headers.range, art.size)
        : ({ kind: 'full' } as const);
      if (range.kind === 'unsatisfiable')
        return reply
          .code(416)
          .header('content-range', `bytes */${art.size}`)
          .send({
            error: { code: 'invalid_input', message: 'range not satisfiable', requestId: req.id },
          });
      reply.header('content-type', 'application/octet-stream');
      if (range.kind === 'full') {
        reply.header('content-length', String(art.size));
        return reply.code(200).send(fs.createReadStream(art.file));
      }
      if (range.ranges.length === 1) {
        const r = range.ranges[0]!;
        reply
          .header('content-range', `bytes ${r.start}-${r.end}/${art.size}`)
          .header('content-length', String(r.end - r.start + 1));
        return reply.code(206).send(fs.createReadStream(art.file, { start: r.start, end: r.end }));
      }
      const mp = multipartBody(art.file, art.size, range.ranges);
      reply
        .header('content-type', mp.contentType)
        .header('content-length', String(mp.contentLength));
      return reply.code(206).send(mp.body);
    },
  );
}

/** Registered inside the authenticated, administrators-only scope. */
export function registerReleaseAdmin(admin: FastifyInstance, releases: ReleaseStore): void {
  admin.register(async (scope) => {
    // Release files arrive as raw bytes and are streamed to disk, never buffered.
    scope.addContentTypeParser('application/octet-stream', (_req, _payload, done) => done(null));

    scope.put(
      '/v1/admin/releases/:version/files/:name',
      { config: { timeoutMs: UPLOAD_TIMEOUT_MS } },
      async (req, reply) => {
        const { version, name } = parseWith(
          z.object({ version: VersionSchema, name: ReleaseFileNameSchema }),
          req.params,
        );
        if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? ''))
          throw new ApiError('invalid_input', 'send the file as application/octet-stream');
        const length = req.headers['content-length'];
        const uploaded = await releases.receiveFile(
          version,
          name,
          req.raw,
          length === undefined ? undefined : Number(length),
        );
        req.log.info({ version, file: name, size: uploaded.size }, 'release file received');
        return reply.code(201).send(uploaded);
      },
    );

    scope.get('/v1/admin/releases/:version/files', async (req) => {
      const { version } = parseWith(z.object({ version: VersionSchema }), req.params);
      return { files: await releases.stagedFiles(version) };
    });

    scope.post('/v1/admin/releases/:version/publish', async (req) => {
      const { version } = parseWith(z.object({ version: VersionSchema }), req.params);
      const body = parseWith(PublishReleaseSchema, req.body);
      const result = await releases.publish(version, body.channel, body.stagingPercentage);
      req.log.info(
        { version, channel: body.channel, stagingPercentage: body.stagingPercentage },
        'release published',
      );
      return result;
    });

    scope.get('/v1/admin/releases', async () => releases.list());

    scope.put('/v1/admin/channels/:channel', async (req) => {
      const { channel } = parseWith(z.object({ channel: UpdateChannelSchema }), req.params);
      const body = parseWith(SetChannelSchema, req.body);
      const state = await releases.setChannel(channel, body);
      req.log.info({ channel, ...body }, 'update channel changed');
      return { channel, state };
    });
  });
}

function firstHeader(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
