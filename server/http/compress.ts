// gzip for JSON answers worth compressing (a page of the change feed is
// hundreds of KB of mostly Chinese text; on a 3G link that is seconds).
// @fastify/compress is not a dependency; zlib does the job for this one case.
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const gzip = promisify(zlib.gzip);

/** Answers smaller than this go as they are: the header costs more than it saves. */
export const COMPRESS_MIN_BYTES = 1024;

function acceptsGzip(header: string | string[] | undefined): boolean {
  const v = Array.isArray(header) ? header.join(',') : (header ?? '');
  return v.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

export function registerJsonGzip(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < COMPRESS_MIN_BYTES)
      return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('application/json') || reply.getHeader('content-encoding')) return payload;
    reply.header('vary', 'accept-encoding');
    if (!acceptsGzip(req.headers['accept-encoding'])) return payload;
    const body = await gzip(payload, { level: 6 });
    reply.header('content-encoding', 'gzip');
    reply.removeHeader('content-length');
    return body;
  });
}
