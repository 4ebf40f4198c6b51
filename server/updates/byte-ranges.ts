// HTTP Range requests (RFC 9110 §14) for update artifacts: electron-updater's
// differential download asks for the changed blocks of an installer, either
// one range per request or many in one request answered as
// multipart/byteranges. Parsing is strict: anything malformed is ignored and
// the whole file is sent, as the RFC allows.
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';

/** Inclusive byte positions. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeRequest =
  { kind: 'full' } | { kind: 'partial'; ranges: ByteRange[] } | { kind: 'unsatisfiable' };

/** electron-updater sends at most 1000 ranges in one request. */
export const MAX_RANGES = 1000;

export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return { kind: 'full' };
  const specs = m[1]!.split(',');
  if (specs.length > MAX_RANGES) return { kind: 'full' };
  const ranges: ByteRange[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    if (!spec) continue; // "bytes=0-1, ," tolerates empty list elements
    const r = /^(\d{1,16})?-(\d{1,16})?$/.exec(spec);
    if (!r || (r[1] === undefined && r[2] === undefined)) return { kind: 'full' };
    if (r[1] === undefined) {
      const suffix = Number(r[2]);
      if (suffix === 0 || size === 0) continue; // unsatisfiable on its own
      ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(r[1]);
    const last = r[2] === undefined ? Infinity : Number(r[2]);
    if (last < start) return { kind: 'full' };
    if (start >= size) continue;
    ranges.push({ start, end: Math.min(last, size - 1) });
  }
  if (!ranges.length) return { kind: 'unsatisfiable' };
  // Overlapping ranges that add up to more than the file are a way to make a
  // small request cost a large answer; send the file once instead.
  const total = ranges.reduce((n, r) => n + r.end - r.start + 1, 0);
  if (ranges.length > 1 && total > size) return { kind: 'full' };
  return { kind: 'partial', ranges };
}

/** True when an If-Range validator still names this representation. */
export function ifRangeMatches(
  ifRange: string | undefined,
  etag: string,
  lastModified: Date,
): boolean {
  if (ifRange === undefined) return true;
  const v = ifRange.trim();
  if (v.startsWith('"') || v.startsWith('W/')) return v === etag; // strong comparison
  const when = Date.parse(v);
  return Number.isFinite(when) && Math.floor(lastModified.getTime() / 1000) * 1000 <= when;
}

export interface Multipart {
  contentType: string;
  contentLength: number;
  body: Readable;
}

const CHUNK = 64 * 1024;

/**
 * A multipart/byteranges body for `ranges` of `file`, with its exact length
 * (so the client can show progress and the connection can be reused).
 */
export function multipartBody(
  file: string,
  size: number,
  ranges: readonly ByteRange[],
  partType = 'application/octet-stream',
): Multipart {
  const boundary = `rongmei-${crypto.randomBytes(12).toString('hex')}`;
  const heads = ranges.map((r, i) =>
    Buffer.from(
      `${i === 0 ? '' : '\r\n'}--${boundary}\r\nContent-Type: ${partType}\r\nContent-Range: bytes ${r.start}-${r.end}/${size}\r\n\r\n`,
    ),
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const contentLength =
    heads.reduce((n, h) => n + h.length, 0) +
    ranges.reduce((n, r) => n + r.end - r.start + 1, 0) +
    tail.length;

  async function* parts(): AsyncGenerator<Buffer> {
    const handle = await fsp.open(file, 'r');
    try {
      for (let i = 0; i < ranges.length; i++) {
        yield heads[i]!;
        const r = ranges[i]!;
        for (let pos = r.start; pos <= r.end;) {
          const want = Math.min(CHUNK, r.end - pos + 1);
          const buf = Buffer.allocUnsafe(want);
          const { bytesRead } = await handle.read(buf, 0, want, pos);
          // The file shrank under us: stop, and let the client see a short body.
          if (bytesRead === 0) throw new Error('file changed while it was being sent');
          yield bytesRead === want ? buf : buf.subarray(0, bytesRead);
          pos += bytesRead;
        }
      }
      yield tail;
    } finally {
      await handle.close();
    }
  }

  return {
    contentType: `multipart/byteranges; boundary=${boundary}`,
    contentLength,
    body: Readable.from(parts(), { objectMode: false }),
  };
}
