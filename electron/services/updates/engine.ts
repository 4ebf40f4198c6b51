// What the update service needs from an updater, and the adapter that
// provides it with electron-updater. The adapter takes the updater object
// from its caller: Electron main passes the real `autoUpdater`, tests pass an
// NsisUpdater built with a test AppAdapter and a Node HTTP executor, so the
// same code — ours and electron-updater's — runs in both.
import type { AppUpdater, ProgressInfo } from 'electron-updater';
import type { UpdateChannel } from '@shared/updates/feed';
import type { Logger } from '../logs/logger';

export interface UpdateOffer {
  version: string;
  releaseDate: string | null;
}

export interface DownloadProgress {
  percent: number;
  transferred: number;
  total: number;
  bytesPerSecond: number;
}

export interface UpdateEngine {
  /** The newer version the feed offers this installation (its rollout share included), or null. */
  check(): Promise<UpdateOffer | null>;
  /** Downloads the offered version and verifies its sha512 (and signature where the platform has one). */
  download(onProgress: (p: DownloadProgress) => void): Promise<void>;
  /** Quits the app and installs the downloaded update. */
  install(): void;
}

export interface ElectronUpdaterEngineOptions {
  /** The newsroom server's feed, e.g. https://rongmei.newsroom.cn/updates/ */
  feedUrl: string;
  channel: UpdateChannel;
  /** Asks the server for nothing newer than this (the client checks again itself). */
  pinVersion: string | null;
  logger: Logger;
  /**
   * Differential downloads ask for many byte ranges in one request (the
   * newsroom server answers multipart/byteranges). False: one range a request,
   * for proxies that mangle multipart answers.
   */
  multipleRangeRequests?: boolean;
}

/** The feed address electron-updater is given: the pin travels as ?max=, which it keeps on every request. */
export function feedAddress(feedUrl: string, pinVersion: string | null): string {
  const url = new URL(feedUrl);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  if (pinVersion) url.searchParams.set('max', pinVersion);
  return url.href;
}

export function electronUpdaterEngine(
  updater: AppUpdater,
  opts: ElectronUpdaterEngineOptions,
): UpdateEngine {
  const { logger } = opts;
  // electron-updater's own messages are about the feed and files, never about stories.
  updater.logger = {
    info: (m?: unknown) => logger.debug('updater.library', { message: String(m) }),
    warn: (m?: unknown) => logger.info('updater.library', { message: String(m) }),
    error: (m?: unknown) => logger.warn('updater.library', { message: String(m).split('\n')[0] }),
  };
  // We decide when to download (after the IT pin is checked) and install on quit if not before.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.channel = opts.channel;
  // Setting a channel allows downgrades; a newsroom PC never goes back a version by itself.
  updater.allowDowngrade = false;
  updater.setFeedURL({
    provider: 'generic',
    url: feedAddress(opts.feedUrl, opts.pinVersion),
    channel: opts.channel,
    useMultipleRangeRequest: opts.multipleRangeRequests ?? true,
  });

  return {
    async check() {
      const result = await updater.checkForUpdates();
      if (!result || !result.isUpdateAvailable) return null;
      // An unquoted date in a hand-edited feed file reaches us as a Date (js-yaml).
      const date: unknown = result.updateInfo.releaseDate;
      return {
        version: result.updateInfo.version,
        releaseDate:
          typeof date === 'string' ? date : date instanceof Date ? date.toISOString() : null,
      };
    },
    async download(onProgress) {
      const listener = (p: ProgressInfo) =>
        onProgress({
          percent: Math.min(100, Math.max(0, p.percent)),
          transferred: p.transferred,
          total: p.total,
          bytesPerSecond: p.bytesPerSecond,
        });
      updater.on('download-progress', listener);
      try {
        await updater.downloadUpdate();
      } finally {
        updater.off('download-progress', listener);
      }
    },
    install() {
      // Silent installer, then start the new version: the person only sees the app restart.
      updater.quitAndInstall(true, true);
    },
  };
}
