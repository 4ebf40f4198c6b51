// The update feed's files on disk: releases being uploaded, published
// releases (immutable), and which release each channel offers to how many
// installations. Everything lives under one directory so that several server
// instances can share it (a network share or a shared volume); writes go
// through temporary files and renames, so a reader never sees half a file.
//
//   <dir>/uploads/<version>/files/<name>         bytes as received
//   <dir>/uploads/<version>/hashes/<name>.json   {size, sha512} computed while receiving
//   <dir>/releases/<version>/…                   the same, moved here when published,
//   <dir>/releases/<version>/release.json        plus the checked manifests
//   <dir>/channels.json                          {latest: {version, stagingPercentage, …}, beta: …}
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import {
  ChannelsSchema,
  ReleaseFileNameSchema,
  UploadedFileSchema,
  VersionSchema,
  parseChannelFile,
  type ChannelState,
  type Channels,
  type PublishResult,
  type ReleaseList,
  type ReleaseSummary,
  type SetChannel,
  type UpdateChannel,
  type UploadedFile,
} from '@shared/updates/feed';
import { UpdateManifestSchema, namedFiles, type UpdateManifest } from '@shared/updates/manifest';
import { compareSemver, prereleaseTag } from '@shared/updates/semver';
import { canonicalJson } from '@shared/hashing/canonical-json';
import { ApiError } from '../http/api-error';

const ReleaseRecordSchema = z.object({
  version: VersionSchema,
  publishedAt: z.iso.datetime(),
  files: z.array(UploadedFileSchema),
  /** Checked manifests by platform suffix ('' = Windows, '-mac', '-linux', …). */
  manifests: z.record(z.string(), UpdateManifestSchema),
});
type ReleaseRecord = z.infer<typeof ReleaseRecordSchema>;

/** Largest channel file (latest.yml) accepted in a release. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
const LOCK_STALE_MS = 30_000;

export interface ReleaseStoreOptions {
  dir: string;
  /** Largest single file accepted in an upload. */
  maxFileBytes: number;
  now?: () => number;
}

export interface Artifact {
  file: string;
  size: number;
  mtimeMs: number;
  /** From the release record: what the file should hash to (used as the ETag). */
  sha512: string;
}

class TooLarge extends Error {}

export class ReleaseStore {
  readonly dir: string;
  private readonly maxFileBytes: number;
  private readonly now: () => number;
  /** Published releases never change, so each instance may keep them. */
  private readonly records = new Map<string, ReleaseRecord>();

  constructor(opts: ReleaseStoreOptions) {
    this.dir = path.resolve(opts.dir);
    this.maxFileBytes = opts.maxFileBytes;
    this.now = opts.now ?? Date.now;
  }

  async init(): Promise<void> {
    await fsp.mkdir(path.join(this.dir, 'releases'), { recursive: true });
    await fsp.mkdir(path.join(this.dir, 'uploads'), { recursive: true });
  }

  /** A path under the store for validated parts; refuses anything that would leave it. */
  private inside(...parts: string[]): string {
    const p = path.resolve(this.dir, ...parts);
    if (!p.startsWith(this.dir + path.sep)) throw new ApiError('invalid_input', 'bad path');
    return p;
  }

  private static version(v: string): string {
    const r = VersionSchema.safeParse(v);
    if (!r.success) throw new ApiError('invalid_input', `not a version: ${v.slice(0, 80)}`);
    return r.data;
  }

  private static fileName(n: string): string {
    const r = ReleaseFileNameSchema.safeParse(n);
    if (!r.success)
      throw new ApiError('invalid_input', `not a release file name: ${n.slice(0, 80)}`);
    return r.data;
  }

  private async isPublished(version: string): Promise<boolean> {
    return fs.existsSync(this.inside('releases', version, 'release.json'));
  }

  // ---- uploads -------------------------------------------------------------

  /**
   * Stores one file of a release that is not published yet, hashing it while
   * it is written. `declaredSize` (Content-Length) lets an oversized upload be
   * refused before any byte is stored.
   */
  async receiveFile(
    version: string,
    name: string,
    body: Readable | AsyncIterable<Uint8Array>,
    declaredSize?: number,
  ): Promise<UploadedFile> {
    version = ReleaseStore.version(version);
    name = ReleaseStore.fileName(name);
    if (await this.isPublished(version))
      throw new ApiError(
        'conflict',
        `release ${version} is already published; releases never change`,
      );
    if (declaredSize !== undefined && declaredSize > this.maxFileBytes)
      throw new ApiError('payload_too_large', `larger than ${this.maxFileBytes} bytes`, {
        maxBytes: this.maxFileBytes,
      });
    const filesDir = this.inside('uploads', version, 'files');
    const hashesDir = this.inside('uploads', version, 'hashes');
    await fsp.mkdir(filesDir, { recursive: true });
    await fsp.mkdir(hashesDir, { recursive: true });
    const target = path.join(filesDir, name);
    const temp = path.join(filesDir, `.${name}.${crypto.randomBytes(6).toString('hex')}.part`);
    const hash = crypto.createHash('sha512');
    let size = 0;
    const max = this.maxFileBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new TooLarge());
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      const out = fs.createWriteStream(temp, { flags: 'wx' });
      await pipeline(body, meter, out);
      await fsync(temp);
      await fsp.rename(temp, target);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      if (err instanceof TooLarge)
        throw new ApiError('payload_too_large', `larger than ${max} bytes`, { maxBytes: max });
      throw err;
    }
    const uploaded: UploadedFile = { name, size, sha512: hash.digest('base64') };
    await writeAtomic(path.join(hashesDir, `${name}.json`), JSON.stringify(uploaded));
    return uploaded;
  }

  /** Files received so far for an unpublished release. */
  async stagedFiles(version: string): Promise<UploadedFile[]> {
    version = ReleaseStore.version(version);
    return this.readHashes(this.inside('uploads', version));
  }

  private async readHashes(releaseDir: string): Promise<UploadedFile[]> {
    const hashesDir = path.join(releaseDir, 'hashes');
    let names: string[];
    try {
      names = await fsp.readdir(hashesDir);
    } catch {
      return [];
    }
    const out: UploadedFile[] = [];
    for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
      const parsed = UploadedFileSchema.safeParse(
        JSON.parse(await fsp.readFile(path.join(hashesDir, n), 'utf8')),
      );
      if (!parsed.success) continue;
      // Only a file that is still there, at the size it was received with, counts.
      const st = await fsp.stat(path.join(releaseDir, 'files', parsed.data.name)).catch(() => null);
      if (st?.isFile() && st.size === parsed.data.size) out.push(parsed.data);
    }
    return out;
  }

  // ---- publishing ----------------------------------------------------------

  /**
   * Checks an uploaded release and makes it part of the feed: every channel
   * file must be an electron-builder manifest for this version, and every file
   * a manifest names must have been uploaded with exactly the sha512 (and size)
   * the manifest promises. Then the release becomes immutable and `channel`
   * offers it to `stagingPercentage` % of installations.
   */
  async publish(
    version: string,
    channel: UpdateChannel,
    stagingPercentage: number,
  ): Promise<PublishResult> {
    version = ReleaseStore.version(version);
    if (channel === 'latest' && prereleaseTag(version) !== null)
      throw new ApiError(
        'invalid_input',
        `${version} is a prerelease; publish it to the beta channel, not to latest`,
        { problem: 'prerelease_on_stable' },
      );
    if (await this.isPublished(version))
      throw new ApiError('conflict', `release ${version} is already published`, {
        problem: 'already_published',
      });
    const staging = this.inside('uploads', version);
    const uploaded = await this.readHashes(staging);
    if (!uploaded.length)
      throw new ApiError('not_found', `nothing was uploaded for ${version}`, {
        problem: 'nothing_uploaded',
      });
    const byName = new Map(uploaded.map((f) => [f.name, f]));
    const manifests: Record<string, UpdateManifest> = {};
    for (const f of uploaded) {
      const cf = parseChannelFile(f.name);
      if (!cf) continue;
      if (f.size > MAX_MANIFEST_BYTES)
        throw new ApiError('invalid_input', `${f.name} is too large to be a manifest`);
      const text = await fsp.readFile(path.join(staging, 'files', f.name), 'utf8');
      const manifest = parseManifest(text, f.name);
      if (manifest.version !== version)
        throw new ApiError(
          'invalid_input',
          `${f.name} is for version ${manifest.version}, not ${version}`,
          { file: f.name, problem: 'version_mismatch' },
        );
      const { stagingPercentage: _ignored, ...clean } = manifest;
      const seen = manifests[cf.platform];
      // electron-builder writes the same manifest under every channel name (latest.yml, beta.yml…).
      if (seen && canonicalJson(seen) !== canonicalJson(clean))
        throw new ApiError(
          'invalid_input',
          `${f.name} disagrees with another manifest for the same platform`,
          {
            file: f.name,
            problem: 'manifests_disagree',
          },
        );
      manifests[cf.platform] = clean;
    }
    if (!Object.keys(manifests).length)
      throw new ApiError(
        'invalid_input',
        'the release has no channel file (latest.yml, latest-mac.yml, …)',
        {
          problem: 'no_manifest',
        },
      );
    for (const [platform, m] of Object.entries(manifests)) {
      for (const named of namedFiles(m)) {
        const got = byName.get(named.name);
        const where = { file: named.name, manifest: `latest${platform}.yml` };
        if (!got)
          throw new ApiError(
            'invalid_input',
            `the manifest names ${named.name}, which was not uploaded`,
            {
              ...where,
              problem: 'missing',
            },
          );
        if (got.sha512 !== named.sha512)
          throw new ApiError(
            'invalid_input',
            `${named.name} does not match the sha512 in the manifest (uploaded ${got.sha512.slice(0, 16)}…, manifest ${named.sha512.slice(0, 16)}…)`,
            { ...where, problem: 'sha512_mismatch' },
          );
        if (named.size !== undefined && named.size !== got.size)
          throw new ApiError(
            'invalid_input',
            `${named.name} is ${got.size} bytes; the manifest says ${named.size}`,
            {
              ...where,
              problem: 'size_mismatch',
            },
          );
      }
    }
    const record: ReleaseRecord = {
      version,
      publishedAt: new Date(this.now()).toISOString(),
      files: uploaded,
      manifests,
    };
    await writeAtomic(path.join(staging, 'release.json'), JSON.stringify(record, null, 1));
    try {
      // One rename: the release appears whole or not at all, on every instance.
      await fsp.rename(staging, this.inside('releases', version));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY')
        throw new ApiError('conflict', `release ${version} is already published`);
      throw err;
    }
    this.records.set(version, record);
    const state = await this.setChannel(channel, { version, stagingPercentage });
    return { release: summary(record), channel, state };
  }

  /** Points a channel at a published release, changes its rollout, or both. */
  async setChannel(channel: UpdateChannel, change: SetChannel): Promise<ChannelState> {
    if (change.version !== undefined) {
      const v = ReleaseStore.version(change.version);
      if (!(await this.release(v)))
        throw new ApiError('not_found', `release ${v} is not published`);
      if (channel === 'latest' && prereleaseTag(v) !== null)
        throw new ApiError(
          'invalid_input',
          `${v} is a prerelease; the latest channel takes only stable versions`,
        );
    }
    return this.withChannelsLock(async () => {
      const channels = await this.channels();
      const current = channels[channel];
      const version = change.version ?? current?.version;
      if (!version)
        throw new ApiError(
          'not_found',
          `the ${channel} channel has no release yet; publish one first`,
        );
      const at = new Date(this.now()).toISOString();
      const moved = version !== current?.version;
      const next: ChannelState = {
        version,
        stagingPercentage: change.stagingPercentage ?? (moved ? 100 : current!.stagingPercentage),
        updatedAt: at,
        history: moved ? [...(current?.history ?? []), { version, at }] : current!.history,
      };
      await writeAtomic(
        path.join(this.dir, 'channels.json'),
        JSON.stringify({ ...channels, [channel]: next }, null, 1),
      );
      return next;
    });
  }

  async channels(): Promise<Channels> {
    let text: string;
    try {
      text = await fsp.readFile(path.join(this.dir, 'channels.json'), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    return ChannelsSchema.parse(JSON.parse(text));
  }

  async release(version: string): Promise<ReleaseRecord | null> {
    const hit = this.records.get(version);
    if (hit) return hit;
    if (!VersionSchema.safeParse(version).success) return null;
    let text: string;
    try {
      text = await fsp.readFile(this.inside('releases', version, 'release.json'), 'utf8');
    } catch {
      return null;
    }
    const record = ReleaseRecordSchema.parse(JSON.parse(text));
    this.records.set(version, record);
    return record;
  }

  async list(): Promise<ReleaseList> {
    const names = await fsp.readdir(path.join(this.dir, 'releases')).catch(() => [] as string[]);
    const releases: ReleaseSummary[] = [];
    for (const n of names) {
      const r = await this.release(n);
      if (r) releases.push(summary(r));
    }
    releases.sort((a, b) => compareSemver(b.version, a.version));
    return { releases, channels: await this.channels() };
  }

  // ---- serving -------------------------------------------------------------

  /**
   * The channel file electron-updater asks for (latest.yml, beta-mac.yml…):
   * the manifest of the release the channel offers, with the rollout
   * percentage and file addresses that point into that release's folder.
   * The beta channel offers the newer of its own release and the stable one.
   * `maxVersion` (an IT pin) picks the newest release the channel has offered
   * that is not newer than the pin. Null when there is nothing to offer.
   */
  async channelFile(
    channel: UpdateChannel,
    platform: string,
    maxVersion?: string,
  ): Promise<string | null> {
    const channels = await this.channels();
    const sources: ChannelState[] = [];
    const own = channels[channel];
    if (own) sources.push(own);
    if (channel === 'beta' && channels.latest) sources.push(channels.latest);
    type Pick = { version: string; stagingPercentage: number };
    const candidates: Pick[] = [];
    for (const s of sources) {
      if (maxVersion === undefined || compareSemver(s.version, maxVersion) <= 0) {
        candidates.push({ version: s.version, stagingPercentage: s.stagingPercentage });
      } else {
        // Releases the channel offered before: fully rolled out by the time they were replaced.
        for (const h of s.history)
          if (compareSemver(h.version, maxVersion) <= 0)
            candidates.push({ version: h.version, stagingPercentage: 100 });
      }
    }
    candidates.sort((a, b) => compareSemver(b.version, a.version));
    const chosen = candidates[0];
    if (!chosen) return null;
    const record = await this.release(chosen.version);
    const manifest = record?.manifests[platform];
    if (!record || !manifest) return null;
    const prefix = `releases/${record.version}/`;
    const served: Record<string, unknown> = {
      ...manifest,
      files: manifest.files.map((f) => ({ ...f, url: prefix + f.url })),
      ...(manifest.path ? { path: prefix + manifest.path } : {}),
    };
    delete served.stagingPercentage;
    // electron-updater offers the release when (its staging id's percentile) < stagingPercentage.
    if (chosen.stagingPercentage < 100) served.stagingPercentage = chosen.stagingPercentage;
    // YAML 1.1 rules, as electron-updater's js-yaml reads them: a date-like string stays quoted.
    return stringifyYaml(served, { lineWidth: 0, version: '1.1' });
  }

  /** A published file, ready to send; null when there is no such file in that release. */
  async artifact(version: string, name: string): Promise<Artifact | null> {
    if (!VersionSchema.safeParse(version).success || !ReleaseFileNameSchema.safeParse(name).success)
      return null;
    const record = await this.release(version);
    const entry = record?.files.find((f) => f.name === name);
    if (!entry) return null;
    const file = this.inside('releases', version, 'files', name);
    const st = await fsp.stat(file).catch(() => null);
    if (!st?.isFile()) return null;
    return { file, size: st.size, mtimeMs: st.mtimeMs, sha512: entry.sha512 };
  }

  /** Serialises read-modify-write of channels.json across instances sharing the directory. */
  private async withChannelsLock<T>(fn: () => Promise<T>): Promise<T> {
    const lock = path.join(this.dir, 'channels.lock');
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        const h = await fsp.open(lock, 'wx');
        await h.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const st = await fsp.stat(lock).catch(() => null);
        if (st && Date.now() - st.mtimeMs > LOCK_STALE_MS) {
          await fsp.rm(lock, { force: true });
          continue;
        }
        if (Date.now() > deadline)
          throw new ApiError('unavailable', 'the channel file is locked; try again');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    try {
      return await fn();
    } finally {
      await fsp.rm(lock, { force: true });
    }
  }
}

function summary(r: ReleaseRecord): ReleaseSummary {
  return {
    version: r.version,
    publishedAt: r.publishedAt,
    files: r.files,
    platforms: Object.keys(r.manifests).sort(),
  };
}

export function parseManifest(text: string, name: string): UpdateManifest {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 0, uniqueKeys: true });
  } catch (err) {
    throw new ApiError(
      'invalid_input',
      `${name} is not YAML: ${(err as Error).message.slice(0, 200)}`,
      {
        file: name,
        problem: 'manifest_invalid',
      },
    );
  }
  const r = UpdateManifestSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ApiError(
      'invalid_input',
      `${name} is not an update manifest: ${issue?.path.join('.') || '(file)'}: ${issue?.message ?? ''}`,
      { file: name, problem: 'manifest_invalid' },
    );
  }
  return r.data;
}

async function fsync(file: string): Promise<void> {
  const h = await fsp.open(file, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** Write-then-rename, so every instance reads either the old or the new file. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const h = await fsp.open(temp, 'wx');
  try {
    await h.writeFile(text);
    await h.sync();
  } finally {
    await h.close();
  }
  await fsp.rename(temp, file);
}
