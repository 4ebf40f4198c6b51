// A database key kept in a file only its owner may read (0600). The web host
// uses this for its development data; the desktop app keeps its key with the
// operating system (Electron safeStorage) and uses this only as a fallback.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from './encryption';

export function loadOrCreateKeyFile(file: string): Buffer {
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte key`);
    // Someone widened the permissions: narrow them again rather than refuse to start.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0)
      fs.chmodSync(file, 0o600);
    return key;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const key = crypto.randomBytes(KEY_BYTES);
  // wx: never overwrite a key that appeared meanwhile (that would lock its database for good).
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}
