// Shared helpers for integration tests: temporary data directories that are
// cleaned up, and a guard for tests that need root (real tmpfs disks).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'rongmei-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/** Real-disk fault tests mount a tmpfs, which needs root. Outside CI they may skip, loudly. */
export function canMount(): boolean {
  const root = process.getuid?.() === 0;
  if (!root && process.env.CI)
    throw new Error('CI must run the disk-fault tests as root (they mount a tmpfs)');
  if (!root)
    console.warn('\n*** SKIPPING real-disk fault tests: not root, cannot mount a tmpfs ***\n');
  return root;
}
