// Builds release folders the way electron-builder leaves them in
// release/<version>/: installers, their .blockmap files (made by
// electron-builder's own blockmap code) and the channel files written with
// its own YAML serializer. The "installers" are deterministic bytes; a newer
// version shares most of its blocks with the older one, as real builds do,
// so differential downloads have something to reuse.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import { serializeToYaml } from 'builder-util';

export const INSTALLER_BYTES = 3 * 1024 * 1024;

/** Pseudo-random bytes from a seed (sha256 in counter mode): stable across runs. */
export function seededBytes(seed: string, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0, off = 0; off < size; i++) {
    const block = crypto.createHash('sha256').update(`${seed}:${i}`).digest();
    off += block.copy(out, off);
  }
  return out;
}

/**
 * The installer of `version`: the base bytes with a few regions rewritten per
 * version (a changed app.asar, a new version resource), like a real rebuild.
 */
export function installerBytes(version: string): Buffer {
  const bytes = seededBytes('rongmei-installer-base', INSTALLER_BYTES);
  const [maj, min, pat] = version.split(/[.-]/).map((p) => Number(p) || 0);
  const changes = (maj ?? 0) * 100 + (min ?? 0) * 10 + (pat ?? 0);
  for (let k = 0; k < (changes % 7) + 2; k++) {
    const at = ((changes * 7919 + k * 104_729) % (INSTALLER_BYTES / 4096 - 16)) * 4096;
    seededBytes(`${version}:${k}`, 40 * 1024).copy(bytes, at);
  }
  Buffer.from(`Rongmei ${version}\0`).copy(bytes, 64);
  return bytes;
}

export interface BuiltRelease {
  dir: string;
  version: string;
  windowsInstaller: string;
  linuxAppImage: string;
  files: string[];
}

interface FileInfo {
  url: string;
  sha512: string;
  size: number;
  blockMapSize?: number;
}

/**
 * Writes release/<version>/ under `root`. With `allChannels` the channel files
 * are written for every channel the version belongs to (electron-builder's
 * generateUpdatesFilesForAllChannels): a stable build also writes beta.yml.
 */
export async function buildRelease(
  root: string,
  version: string,
  opts: { allChannels?: boolean; releaseDate?: string } = {},
): Promise<BuiltRelease> {
  const dir = path.join(root, 'release', version);
  fs.mkdirSync(dir, { recursive: true });
  const releaseDate = opts.releaseDate ?? '2026-11-20T08:00:00.000Z';

  const exe = `Rongmei-Setup-${version}.exe`;
  fs.writeFileSync(path.join(dir, exe), installerBytes(version));
  const exeInfo = await buildBlockMap(
    path.join(dir, exe),
    'gzip',
    path.join(dir, `${exe}.blockmap`),
  );

  const appImage = `Rongmei-${version}-linux-x86_64.AppImage`;
  fs.writeFileSync(path.join(dir, appImage), seededBytes(`appimage-${version}`, 256 * 1024));
  // AppImages carry their block map inside the file (appended), as electron-builder does.
  const appImageInfo = await buildBlockMap(path.join(dir, appImage), 'deflate');

  const zip = `Rongmei-${version}-mac-x64.zip`;
  fs.writeFileSync(path.join(dir, zip), seededBytes(`zip-${version}`, 200 * 1024));
  const zipInfo = await buildBlockMap(
    path.join(dir, zip),
    'gzip',
    path.join(dir, `${zip}.blockmap`),
  );

  const manifest = (
    file: string,
    info: { sha512: string; size?: number; blockMapSize?: number },
  ) => {
    const f: FileInfo = { url: file, sha512: info.sha512, size: info.size ?? 0 };
    if (info.blockMapSize !== undefined) f.blockMapSize = info.blockMapSize;
    return { version, files: [f], path: file, sha512: info.sha512, releaseDate };
  };
  const tag = /-([a-z]+)/.exec(version)?.[1];
  const channels = opts.allChannels
    ? tag === 'beta'
      ? ['beta', 'alpha']
      : tag === 'alpha'
        ? ['alpha']
        : ['latest', 'beta', 'alpha']
    : [tag ?? 'latest'];
  for (const ch of channels) {
    fs.writeFileSync(path.join(dir, `${ch}.yml`), serializeToYaml(manifest(exe, exeInfo)));
    fs.writeFileSync(
      path.join(dir, `${ch}-linux.yml`),
      serializeToYaml(manifest(appImage, appImageInfo)),
    );
    fs.writeFileSync(path.join(dir, `${ch}-mac.yml`), serializeToYaml(manifest(zip, zipInfo)));
  }
  // What else electron-builder leaves there, which must not be uploaded.
  fs.writeFileSync(path.join(dir, 'builder-debug.yml'), 'x64: {}\n');
  fs.mkdirSync(path.join(dir, 'win-unpacked'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'win-unpacked', 'Rongmei.exe'), 'MZ');
  return {
    dir,
    version,
    windowsInstaller: path.join(dir, exe),
    linuxAppImage: path.join(dir, appImage),
    files: fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).isFile()),
  };
}
