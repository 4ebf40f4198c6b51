// Maps SQLite's errors on write to what we tell the user. These are the
// errors where the edit is kept in memory and retried, not lost.
import type { ErrorCode } from '@shared/api/errors';

export function storageErrorCode(err: unknown): ErrorCode | null {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'SQLITE_FULL') return 'storage_full';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return 'storage_readonly';
  if (
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_BUSY') ||
    code === 'SQLITE_LOCKED'
  )
    return 'storage_failed';
  const errno = String((err as { errno?: unknown }).errno ?? '');
  if (errno === 'ENOSPC') return 'storage_full';
  if (errno === 'EROFS' || errno === 'EACCES' || errno === 'EPERM') return 'storage_readonly';
  return null;
}
