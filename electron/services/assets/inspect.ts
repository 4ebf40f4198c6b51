// Reads what a photo is from its bytes alone: the type from its magic
// numbers, the pixel size from its headers (image-size), and capture time,
// place and camera from EXIF (exifr). The file name and anything the client
// says are ignored. Errors are HostErrors the UI translates.
import exifr from 'exifr';
import { imageSize } from 'image-size';
import { HostError } from '@shared/api/errors';
import { MAX_ASSET_BYTES, sniffImageMime, type Exif } from '@shared/assets/model';

export interface InspectedImage {
  mime: string;
  width: number;
  height: number;
  bytes: number;
  exif: Exif;
}

const MB = 1024 * 1024;
const EMPTY_EXIF: Exif = { capturedAt: null, latitude: null, longitude: null, camera: null };

export async function inspectImage(bytes: Uint8Array): Promise<InspectedImage> {
  if (bytes.byteLength > MAX_ASSET_BYTES)
    throw new HostError('asset_too_large', 'the photo is larger than the limit', {
      sizeMb: Math.round((bytes.byteLength / MB) * 10) / 10,
      maxMb: MAX_ASSET_BYTES / MB,
    });
  const mime = sniffImageMime(bytes);
  if (!mime) throw new HostError('asset_not_image', 'the file is not a photo we can use');
  let width: number;
  let height: number;
  try {
    const size = imageSize(bytes);
    // EXIF orientation 5–8 turns the picture a quarter: the displayed size is swapped.
    const turned = size.orientation !== undefined && size.orientation >= 5;
    width = (turned ? size.height : size.width) ?? 0;
    height = (turned ? size.width : size.height) ?? 0;
  } catch {
    throw new HostError('asset_corrupt', 'the photo could not be read');
  }
  if (!(width > 0 && height > 0) || width > 50_000 || height > 50_000)
    throw new HostError('asset_corrupt', 'the photo has no usable size');
  return { mime, width, height, bytes: bytes.byteLength, exif: await readExif(bytes, mime) };
}

interface RawExif {
  Make?: unknown;
  Model?: unknown;
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
  OffsetTimeOriginal?: unknown;
  latitude?: unknown;
  longitude?: unknown;
}

async function readExif(bytes: Uint8Array, mime: string): Promise<Exif> {
  if (mime === 'image/gif') return EMPTY_EXIF;
  let raw: RawExif | undefined;
  try {
    raw = (await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      translateValues: false,
      pick: [
        'Make',
        'Model',
        'DateTimeOriginal',
        'CreateDate',
        'OffsetTimeOriginal',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    })) as RawExif | undefined;
  } catch {
    return EMPTY_EXIF; // damaged EXIF does not make the photo unusable
  }
  if (!raw) return EMPTY_EXIF;
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\0+$/, '').trim() : '');
  const make = str(raw.Make);
  const model = str(raw.Model);
  const camera =
    [
      make,
      model.toLowerCase().startsWith(make.toLowerCase()) ? model.slice(make.length).trim() : model,
    ]
      .filter(Boolean)
      .join(' ')
      .slice(0, 100) || null;
  const lat =
    typeof raw.latitude === 'number' && Number.isFinite(raw.latitude) ? raw.latitude : null;
  const lon =
    typeof raw.longitude === 'number' && Number.isFinite(raw.longitude) ? raw.longitude : null;
  const ok = lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return {
    capturedAt: exifTime(
      str(raw.DateTimeOriginal) || str(raw.CreateDate),
      str(raw.OffsetTimeOriginal),
    ),
    latitude: ok ? round6(lat) : null,
    longitude: ok ? round6(lon) : null,
    camera,
  };
}

/** `2026:11:20 08:30:15` (+ `+08:00`) → `2026-11-20T08:30:15+08:00`; the zone is left off when unknown. */
function exifTime(s: string, offset: string): string | null {
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s);
  if (!m || m[1] === '0000') return null;
  const zone = /^[+-]\d{2}:\d{2}$/.test(offset) ? offset : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
