// The host reads a photo's type, size and EXIF from its bytes; the fixtures
// are made by tests/fixtures/images/make-fixtures.mjs (provenance there).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImage } from '../../../electron/services/assets/inspect';
import { HostError } from '@shared/api/errors';
import { MAX_ASSET_BYTES, safeFileName, sniffImageMime } from '@shared/assets/model';

const fixture = (name: string) =>
  new Uint8Array(fs.readFileSync(path.join(__dirname, '../../fixtures/images', name)));

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof HostError ? err.code : String(err);
  }
}

describe('inspectImage', () => {
  it('reads size, type and EXIF capture time, place and camera from a JPEG', async () => {
    const info = await inspectImage(fixture('exif.jpg'));
    expect(info).toMatchObject({ mime: 'image/jpeg', width: 480, height: 320 });
    expect(info.exif).toEqual({
      capturedAt: '2026-11-20T08:30:15',
      latitude: 39.906667,
      longitude: 116.391667,
      camera: 'Rongmei TestCam 1',
    });
  });

  it('calls a PNG named .jpg a PNG, and a PNG without EXIF has none', async () => {
    const info = await inspectImage(fixture('png-named.jpg'));
    expect(info).toMatchObject({ mime: 'image/png', width: 300, height: 200 });
    expect(info.exif).toEqual({ capturedAt: null, latitude: null, longitude: null, camera: null });
  });

  it('refuses text, a truncated JPEG and an oversized file with their own codes', async () => {
    expect(await codeOf(inspectImage(fixture('not-image.jpg')))).toBe('asset_not_image');
    expect(await codeOf(inspectImage(fixture('truncated.jpg')))).toBe('asset_corrupt');
    const big = new Uint8Array(MAX_ASSET_BYTES + 1);
    big.set(fixture('exif.jpg'));
    expect(await codeOf(inspectImage(big))).toBe('asset_too_large');
    expect(await codeOf(inspectImage(new Uint8Array()))).toBe('asset_not_image');
  });

  it('sniffs the common types by magic number', () => {
    const b = (...xs: number[]) => new Uint8Array(xs);
    const a = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    expect(sniffImageMime(b(...a('GIF89a'), 1, 0))).toBe('image/gif');
    expect(sniffImageMime(b(...a('RIFF'), 0, 0, 0, 0, ...a('WEBP')))).toBe('image/webp');
    expect(sniffImageMime(b(0, 0, 0, 0x18, ...a('ftypheic')))).toBe('image/heic');
    expect(sniffImageMime(b(0x49, 0x49, 0x2a, 0))).toBe('image/tiff');
    expect(sniffImageMime(b(0x25, 0x50, 0x44, 0x46))).toBeNull();
  });

  it('makes export file names from what the bytes are, without directories', () => {
    expect(safeFileName('../../etc/现场.JPG', 'a'.repeat(64), 'image/png')).toBe('现场.png');
    expect(safeFileName('C:\\x\\y.jpeg', 'a'.repeat(64), 'image/jpeg')).toBe('y.jpg');
    expect(safeFileName('...', 'abcdef0123456789', 'image/jpeg')).toBe('abcdef012345.jpg');
  });
});
