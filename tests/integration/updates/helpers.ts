// Helpers for the update feed tests: a server with a signed-in admin, and
// publishing a release folder through the admin API as the CLI's --server
// mode does.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { UpdateChannel } from '@shared/updates/feed';
import { remoteTarget, releaseFiles } from '../../../server/cli/release';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function publishOverApi(
  baseUrl: string,
  token: string,
  releaseDir: string,
  channel: UpdateChannel,
  stagingPercentage = 100,
) {
  const target = remoteTarget(baseUrl, token);
  const { version, files } = releaseFiles(releaseDir);
  for (const f of files) await target.upload(version, f);
  return target.publish(version, channel, stagingPercentage);
}

export function putFile(
  baseUrl: string,
  token: string | null,
  version: string,
  name: string,
  body: Buffer,
): Promise<Response> {
  return fetch(`${baseUrl}/v1/admin/releases/${version}/files/${name}`, {
    method: 'PUT',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'content-type': 'application/octet-stream',
    },
    body: new Uint8Array(body),
  });
}

/** Runs `npm run server -- <args>` (as tsx server/main.ts) and returns its exit code and output. */
export function runServerCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

export function readBytes(file: string): Buffer {
  return fs.readFileSync(file);
}
