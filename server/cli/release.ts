// `npm run server -- release|rollout|releases`: publishes an electron-builder
// release folder to the update feed, changes a channel's rollout later, and
// lists what is published. Works on the feed directory directly (on the
// server, or any machine that mounts the shared UPDATES_DIR), or through a
// running server's admin API with `--server https://… ` and an administrator's
// token in RONGMEI_ADMIN_TOKEN.
//   npm run server -- release --dir release/1.4.2 --channel latest --staging 20
//   npm run server -- rollout --channel latest --staging 100
//   npm run server -- rollout --channel beta --version 1.5.0-beta.2
//   npm run server -- releases
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  PublishResultSchema,
  ReleaseListSchema,
  StagingPercentageSchema,
  UpdateChannelSchema,
  UploadedFileSchema,
  VersionSchema,
  ChannelStateSchema,
  parseChannelFile,
  type ChannelState,
  type PublishResult,
  type ReleaseList,
  type SetChannel,
  type UpdateChannel,
  type UploadedFile,
} from '@shared/updates/feed';
import { namedFiles } from '@shared/updates/manifest';
import { ErrorBodySchema } from '@shared/sync/errors';
import type { ServerConfig } from '../config';
import { ReleaseStore, parseManifest } from '../updates/release-store';
import { ApiError } from '../http/api-error';

/** The operations both ways of publishing offer. */
export interface ReleaseTarget {
  upload(version: string, file: string): Promise<UploadedFile>;
  publish(
    version: string,
    channel: UpdateChannel,
    stagingPercentage: number,
  ): Promise<PublishResult>;
  setChannel(channel: UpdateChannel, change: SetChannel): Promise<ChannelState>;
  list(): Promise<ReleaseList>;
}

export function localTarget(store: ReleaseStore): ReleaseTarget {
  return {
    upload: (version, file) =>
      store.receiveFile(
        version,
        path.basename(file),
        fs.createReadStream(file),
        fs.statSync(file).size,
      ),
    publish: (version, channel, pct) => store.publish(version, channel, pct),
    setChannel: (channel, change) => store.setChannel(channel, change),
    list: () => store.list(),
  };
}

export function remoteTarget(baseUrl: string, token: string): ReleaseTarget {
  const base = baseUrl.replace(/\/+$/, '');
  const request = async (method: string, route: string, body?: unknown, raw?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: RequestInit['body'] | undefined;
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (raw) {
      headers['content-type'] = 'application/octet-stream';
      headers['content-length'] = String(fs.statSync(raw).size);
      payload = Readable.toWeb(fs.createReadStream(raw)) as ReadableStream<Uint8Array>;
      init.duplex = 'half'; // a streamed request body
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    init.body = payload;
    const res = await fetch(base + route, init);
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : {};
    if (!res.ok) {
      const err = ErrorBodySchema.safeParse(json);
      if (err.success)
        throw new ApiError(err.data.error.code, err.data.error.message, err.data.error.details);
      throw new Error(`${method} ${route}: HTTP ${res.status}`);
    }
    return json;
  };
  return {
    upload: async (version, file) =>
      UploadedFileSchema.parse(
        await request(
          'PUT',
          `/v1/admin/releases/${encodeURIComponent(version)}/files/${encodeURIComponent(path.basename(file))}`,
          undefined,
          file,
        ),
      ),
    publish: async (version, channel, stagingPercentage) =>
      PublishResultSchema.parse(
        await request('POST', `/v1/admin/releases/${encodeURIComponent(version)}/publish`, {
          channel,
          stagingPercentage,
        }),
      ),
    setChannel: async (channel, change) =>
      ChannelStateSchema.parse(
        ((await request('PUT', `/v1/admin/channels/${channel}`, change)) as { state: unknown })
          .state,
      ),
    list: async () => ReleaseListSchema.parse(await request('GET', '/v1/admin/releases')),
  };
}

/**
 * The files of an electron-builder output folder that belong on the feed: its
 * channel files, every file they name, and those files' .blockmap. Unpacked
 * folders, debug files and anything else stay behind.
 */
export function releaseFiles(dir: string): { version: string; files: string[] } {
  const names = fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isFile());
  const channelFiles = names.filter((n) => parseChannelFile(n));
  if (!channelFiles.length)
    throw new Error(
      `${dir} has no channel file (latest.yml, latest-mac.yml, …); is it an electron-builder output folder?`,
    );
  const wanted = new Set<string>(channelFiles);
  let version: string | null = null;
  for (const cf of channelFiles) {
    const m = parseManifest(fs.readFileSync(path.join(dir, cf), 'utf8'), cf);
    if (version && m.version !== version)
      throw new Error(`${cf} is for ${m.version}, other channel files for ${version}`);
    version = m.version;
    for (const f of namedFiles(m)) {
      wanted.add(f.name);
      if (names.includes(`${f.name}.blockmap`)) wanted.add(`${f.name}.blockmap`);
    }
  }
  return { version: version!, files: [...wanted].sort().map((n) => path.join(dir, n)) };
}

function flag(flags: ReadonlyMap<string, string>, name: string): string | undefined {
  const v = flags.get(name);
  return v === 'true' ? undefined : v;
}

function chooseTarget(
  config: ServerConfig,
  flags: ReadonlyMap<string, string>,
): ReleaseTarget | string {
  const server = flag(flags, '--server');
  if (server) {
    const token = process.env.RONGMEI_ADMIN_TOKEN;
    if (!token)
      return "set RONGMEI_ADMIN_TOKEN to an administrator's token (POST /v1/auth/login) to use --server";
    return remoteTarget(server, token);
  }
  return localTarget(
    new ReleaseStore({ dir: config.updates.dir, maxFileBytes: config.updates.maxFileBytes }),
  );
}

async function report(fn: () => Promise<unknown>): Promise<number> {
  try {
    console.log(JSON.stringify(await fn(), null, 1));
    return 0;
  } catch (err) {
    if (err instanceof ApiError) {
      console.error(`refused (${err.code}): ${err.message}`);
      if (err.details) console.error(JSON.stringify(err.details));
      return 1;
    }
    console.error(err instanceof Error ? err.message : String(err));
    return 1;
  }
}

export async function releaseCommand(
  command: 'release' | 'rollout' | 'releases',
  config: ServerConfig,
  flags: ReadonlyMap<string, string>,
): Promise<number> {
  const target = chooseTarget(config, flags);
  if (typeof target === 'string') {
    console.error(target);
    return 2;
  }
  if (command === 'releases') return report(() => target.list());

  const channel = UpdateChannelSchema.safeParse(flag(flags, '--channel') ?? 'latest');
  if (!channel.success) {
    console.error('--channel: latest or beta');
    return 2;
  }
  const stagingRaw = flag(flags, '--staging');
  const staging =
    stagingRaw === undefined ? undefined : StagingPercentageSchema.safeParse(Number(stagingRaw));
  if (staging && !staging.success) {
    console.error('--staging: a whole percentage from 0 to 100');
    return 2;
  }

  if (command === 'rollout') {
    const version = flag(flags, '--version');
    if (version !== undefined && !VersionSchema.safeParse(version).success) {
      console.error('--version: a published version, e.g. 1.4.2');
      return 2;
    }
    if (version === undefined && staging === undefined) {
      console.error('rollout needs --staging <0-100>, --version <published version>, or both');
      return 2;
    }
    return report(async () => ({
      channel: channel.data,
      state: await target.setChannel(channel.data, {
        version,
        stagingPercentage: staging?.data,
      }),
    }));
  }

  const dir = flag(flags, '--dir');
  if (!dir) {
    console.error('release needs --dir <electron-builder output folder, e.g. release/1.4.2>');
    return 2;
  }
  return report(async () => {
    const { version, files } = releaseFiles(path.resolve(dir));
    for (const f of files) {
      const up = await target.upload(version, f);
      console.error(`uploaded ${up.name} (${up.size} bytes)`);
    }
    return target.publish(version, channel.data, staging?.data ?? 100);
  });
}
