// Turns whatever electron-updater (or the network under it) threw into one
// of the few things the status can say in plain words.
import type { UpdateErrorCode } from '@shared/updates/status';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const DISK = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'EDQUOT', 'EBUSY']);

export function classifyUpdateError(err: unknown): UpdateErrorCode {
  if (!(err instanceof Error)) return 'unknown';
  const code = String((err as { code?: unknown }).code ?? '');
  const status = (err as { statusCode?: unknown }).statusCode;
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (code === 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND') return 'feed_missing';
  if (code === 'ERR_CHECKSUM_MISMATCH' || /sha512 checksum mismatch/i.test(err.message))
    return 'checksum';
  if (code === 'ERR_UPDATER_INVALID_SIGNATURE') return 'signature';
  if (DISK.has(code)) return 'disk';
  if (typeof status === 'number') return status === 404 ? 'feed_missing' : 'server_error';
  // Electron's net module reports network failures as "net::ERR_…" messages.
  if (
    /net::ERR_(INTERNET_DISCONNECTED|NAME_NOT_RESOLVED|CONNECTION_|NETWORK_|ADDRESS_UNREACHABLE|TIMED_OUT|PROXY_)/.test(
      err.message,
    )
  )
    return 'unreachable';
  if (/socket hang up|timeout/i.test(err.message)) return 'unreachable';
  return 'unknown';
}
