// The drafts database key, kept by the operating system: a random 256-bit key
// encrypted with Electron safeStorage (DPAPI on Windows, Keychain on macOS,
// the Secret Service/kwallet on Linux) in userData/rongmei.key. Where the OS
// offers no real key store (Linux without a keyring, where safeStorage falls
// back to a fixed password), the key stays in an owner-only file instead and
// the log says so.
import { safeStorage } from 'electron';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES } from '../services/store/encryption';
import { loadOrCreateKeyFile } from '../services/store/key-file';

function osKeyStoreAvailable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function loadDatabaseKey(userData: string, log: (msg: string) => void): Buffer {
  const sealed = path.join(userData, 'rongmei.key');
  if (!osKeyStoreAvailable()) {
    log('no OS key store: the database key is kept in an owner-only file');
    return loadOrCreateKeyFile(path.join(userData, 'rongmei.key.file'));
  }
  if (fs.existsSync(sealed)) {
    const key = Buffer.from(safeStorage.decryptString(fs.readFileSync(sealed)), 'hex');
    if (key.length !== KEY_BYTES) throw new Error('the stored database key is malformed');
    return key;
  }
  const key = crypto.randomBytes(KEY_BYTES);
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(sealed, safeStorage.encryptString(key.toString('hex')), {
    mode: 0o600,
    flag: 'wx',
  });
  return key;
}
