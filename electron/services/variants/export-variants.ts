// Exports a story's channel versions: each channel's files (from its module's
// export) resolved to bytes, placed under `<channel>/`, checked where a
// standard exists (ninjs against the IPTC schema), and written to a folder or
// packed into one zip.
import fs from 'node:fs';
import path from 'node:path';
import type { ChannelContext } from '@shared/channels';
import { getChannel } from '@shared/channels';
import type { ChannelId } from '@shared/domain/channel-ids';
import type { ExportResult } from '@shared/variants/schemas';
import {
  resolveExportFiles,
  writeFolder,
  zipFiles,
  type ResolveOptions,
  type ResolvedFile,
} from '../export/files';
import { validateNinjs } from '../export/ninjs-validate';

export interface ChannelExportInput {
  channel: ChannelId;
  variant: unknown;
}

export interface ExportedFiles {
  files: ResolvedFile[];
  channels: Array<{ channel: ChannelId; path: string; mediaType: string; bytes: number }>;
  missing: ExportResult['missing'];
  checks: ExportResult['checks'];
}

const decoder = new TextDecoder();

/** Without an asset store every photo is reported missing. */
const noAssets: ResolveOptions['readAsset'] = () => Promise.resolve(null);

export async function exportChannels(
  inputs: readonly ChannelExportInput[],
  ctx: ChannelContext,
  assets: Pick<ResolveOptions, 'readAsset'> = { readAsset: noAssets },
): Promise<ExportedFiles> {
  const out: ExportedFiles = { files: [], channels: [], missing: [], checks: [] };
  for (const { channel, variant } of inputs) {
    const c = getChannel(channel);
    if (!c) continue;
    const resolved = await resolveExportFiles(c.exportFiles(variant, ctx), assets);
    for (const f of resolved.files) {
      const p = `${channel}/${f.path}`;
      out.files.push({ ...f, path: p });
      out.channels.push({ channel, path: p, mediaType: f.mediaType, bytes: f.bytes.byteLength });
      if (channel === 'app' && f.path === 'ninjs.json') {
        const v = validateNinjs(JSON.parse(decoder.decode(f.bytes)) as unknown);
        out.checks.push({
          channel,
          check: 'ninjs-2.2-schema',
          ok: v.valid,
          errors: v.errors.slice(0, 20).map((e) => `${e.path}: ${e.message}`),
        });
      }
    }
    for (const m of resolved.missing) out.missing.push({ channel, path: `${channel}/${m.path}` });
  }
  out.checks.sort((a, b) => Number(a.ok) - Number(b.ok));
  return out;
}

/** A folder or zip name from the story's headline: readable, and safe on Windows, macOS and Linux. */
export function exportName(headline: string, storyId: string, now: Date): string {
  const date = now.toISOString().slice(0, 10);
  const title = Array.from(
    headline
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f<>:"/\\|?*\u007f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  )
    .slice(0, 40)
    .join('')
    .replace(/[. ]+$/, '');
  return `${date} ${title || storyId.slice(0, 8)}`;
}

/** A folder under `parent` named `name`, or `name-2`, `name-3`… if taken. */
export function freeFolder(parent: string, name: string): string {
  let target = path.join(parent, name);
  for (let i = 2; fs.existsSync(target); i++) target = path.join(parent, `${name}-${i}`);
  return target;
}

export { writeFolder, zipFiles };
