// Photos as the host stores them: content-addressed (the SHA-256 of the
// bytes is the id), with what the host read from the bytes themselves —
// type, size, EXIF — never what the file name or the client claimed.
import { z } from 'zod';
import { ImageRefSchema } from '../domain/master-story';
import { ExifSchema } from '../authenticity/model';

export { ExifSchema, type Exif } from '../authenticity/model';

/** Largest photo accepted, in bytes (a camera original fits; WeChat's cover limit is 10 MB). */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;

/** An asset id: the lowercase hex SHA-256 of its bytes. */
export const AssetIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not an asset id');

export const AddAssetOutputSchema = z.object({
  image: ImageRefSchema,
  exif: ExifSchema,
});
export type AddAssetOutput = z.infer<typeof AddAssetOutputSchema>;

export const GetAssetOutputSchema = z.object({
  id: AssetIdSchema,
  mime: z.string(),
  data: z.base64(),
});

/** A file name safe to use in an export: no directories, no control characters, bounded. */
export function safeFileName(name: string, id: string, mime: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"|?*\u007f]/g, '')
    .trim()
    .replace(/^\.+/, '');
  const ext = EXTENSIONS[mime] ?? 'bin';
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 60) || id.slice(0, 12);
  return `${stem}.${ext}`;
}

export const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/tiff': 'tif',
};

/** The image type the bytes are (magic numbers), or null when they are not an image we take. */
export function sniffImageMime(b: Uint8Array): string | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  const ascii = (i: number, s: string) => at(i, ...Array.from(s, (c) => c.charCodeAt(0)));
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].some((t) => ascii(8, t)))
    return 'image/heic';
  return null;
}

/** A crop as a lookup key: x1_y1_x2_y2 with four decimals (what CropSchema values round to). */
export function cropKey(c: { x1: number; y1: number; x2: number; y2: number }): string {
  return [c.x1, c.y1, c.x2, c.y2].map((n) => (Math.round(n * 10000) / 10000).toFixed(4)).join('_');
}

export const AddRenditionOutputSchema = z.object({ id: AssetIdSchema });
