// Turns a channel's ExportFile list into bytes: inline text and bytes as they
// are, `render` jobs through the host's renderers (DOCX), `asset` entries
// through the caller's asset reader (which also applies crops). Then writes
// them into a folder or a zip.
import fs from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { ExportFile } from '@shared/channels/types';
import type { PrintDocument } from '@shared/channels/print/document';
import { renderPrintDocx } from './print-docx';

export interface ResolvedFile {
  path: string;
  mediaType: string;
  bytes: Uint8Array;
}

export type Renderer = (input: unknown) => Promise<Uint8Array>;

/** Renderers by the name a channel's export uses. */
export const RENDERERS: Record<string, Renderer> = {
  'print-docx': (input) => renderPrintDocx(input as PrintDocument),
};

export interface ResolveOptions {
  /** Reads an image asset (applying the crop if given); null when the asset is missing. */
  readAsset: (
    imageId: string,
    crop?: { x1: number; y1: number; x2: number; y2: number },
  ) => Promise<Uint8Array | null>;
  renderers?: Record<string, Renderer>;
}

export interface ResolveResult {
  files: ResolvedFile[];
  /** Assets that could not be read; the export goes on without them and says so. */
  missing: Array<{ path: string; imageId: string }>;
}

const encoder = new TextEncoder();

export async function resolveExportFiles(
  files: readonly ExportFile[],
  opts: ResolveOptions,
): Promise<ResolveResult> {
  const renderers = { ...RENDERERS, ...opts.renderers };
  const out: ResolvedFile[] = [];
  const missing: ResolveResult['missing'] = [];
  for (const f of files) {
    checkPath(f.path);
    if (f.kind === 'text')
      out.push({ path: f.path, mediaType: f.mediaType, bytes: encoder.encode(f.content) });
    else if (f.kind === 'bytes')
      out.push({ path: f.path, mediaType: f.mediaType, bytes: f.content });
    else if (f.kind === 'render') {
      const render = renderers[f.renderer];
      if (!render) throw new Error(`no renderer "${f.renderer}" for ${f.path}`);
      out.push({ path: f.path, mediaType: f.mediaType, bytes: await render(f.input) });
    } else {
      const bytes = await opts.readAsset(f.imageId, f.crop);
      if (bytes) out.push({ path: f.path, mediaType: f.mediaType, bytes });
      else missing.push({ path: f.path, imageId: f.imageId });
    }
  }
  return { files: out, missing };
}

/** Export paths are relative, forward-slashed and never climb out of the target folder. */
function checkPath(p: string): void {
  if (
    !p ||
    p.startsWith('/') ||
    p.includes('\\') ||
    p.split('/').some((s) => s === '..' || s === '' || s === '.')
  )
    throw new Error(`unsafe export path: ${p}`);
}

export function zipFiles(files: readonly ResolvedFile[]): Uint8Array {
  const tree: Record<string, Uint8Array> = {};
  for (const f of files) tree[f.path] = f.bytes;
  // Zip entry names are UTF-8 (fflate sets the flag), so Chinese file names survive.
  return zipSync(tree, { level: 6 });
}

export async function writeFolder(dir: string, files: readonly ResolvedFile[]): Promise<void> {
  const root = path.resolve(dir);
  for (const f of files) {
    const target = path.resolve(root, f.path);
    if (!target.startsWith(root + path.sep)) throw new Error(`unsafe export path: ${f.path}`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, f.bytes);
  }
}
