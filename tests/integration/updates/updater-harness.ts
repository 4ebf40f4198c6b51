// Runs electron-updater's own updater classes in Node, the way
// electron-builder's test suite does (test/src/helpers/updaterTestUtil.ts):
// an NsisUpdater built with a test AppAdapter and builder-util's Node HTTP
// executor, pointed at a real newsroom server on loopback. The executor's
// `download` takes the same path as electron-updater's Electron executor
// (builder-util-runtime's doDownload with sha512 checking), so a tampered
// file is refused by the library's real code, not by a test double.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { NodeHttpExecutor } from 'builder-util';
import {
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions,
} from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { UpdateChannel } from '@shared/updates/feed';
import {
  electronUpdaterEngine,
  type UpdateEngine,
} from '../../../electron/services/updates/engine';
import type { Logger } from '../../../electron/services/logs/logger';

export const UPDATER_CACHE_DIR = 'rongmei-updater';

/** An installed app as electron-updater sees it, with its folders in a temp dir. */
export class TestAppAdapter implements AppAdapter {
  readonly name = 'Rongmei';
  readonly isPackaged = true;
  constructor(
    readonly version: string,
    readonly root: string,
  ) {}
  get appUpdateConfigPath(): string {
    return path.join(this.root, 'resources', 'app-update.yml');
  }
  get userDataPath(): string {
    return path.join(this.root, 'user-data');
  }
  get baseCachePath(): string {
    return path.join(this.root, 'cache');
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {}
  onQuit(): void {}
}

export interface SeenRequest {
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

/** builder-util's NodeHttpExecutor plus electron-updater's `download` (verified) and a request log. */
export class RecordingHttpExecutor extends NodeHttpExecutor {
  readonly seen: SeenRequest[] = [];

  override createRequest(
    options: RequestOptions,
    callback: (response: IncomingMessage) => void,
  ): ClientRequest {
    const headers = (options.headers ?? {}) as Record<string, string>;
    const range = Object.entries(headers).find(([k]) => k.toLowerCase() === 'range')?.[1] ?? null;
    return super.createRequest(options, (response: IncomingMessage) => {
      const entry: SeenRequest = {
        path: String(options.path),
        range,
        status: response.statusCode ?? 0,
        bytes: 0,
      };
      this.seen.push(entry);
      response.on('data', (c: Buffer) => (entry.bytes += c.length));
      callback(response);
    }) as ClientRequest;
  }

  /** As ElectronHttpExecutor.download: stream to the file through the sha512 check. */
  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions & { redirect?: string } = {
        headers: (options.headers ?? undefined) as RequestOptions['headers'],
        redirect: 'manual',
      };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

export interface InstalledApp {
  adapter: TestAppAdapter;
  updater: NsisUpdater;
  executor: RecordingHttpExecutor;
  engine: UpdateEngine;
  /** Where a finished download lands. */
  pendingDir: string;
  cacheDir: string;
}

export interface InstallOptions {
  version: string;
  feedUrl: string;
  channel?: UpdateChannel;
  pinVersion?: string | null;
  /** electron-updater's staging user id (its last 4 bytes decide the rollout percentile). */
  stagingUserId?: string;
  /** Run the differential download (and let its errors surface, as in electron-updater's test mode). */
  differential?: boolean;
  multipleRangeRequests?: boolean;
  /** Bytes of the installer this version was installed with (for differential downloads). */
  installedWith?: Buffer;
  logger: Logger;
}

/** A staging user id whose rollout percentile is `p` (0–1): electron-updater reads its last 4 bytes. */
export function stagingIdAt(p: number): string {
  const v = Math.min(0xffffffff, Math.round(p * 0xffffffff));
  return `3f2b6c1e-4d5a-4b7c-8e9f-0000${v.toString(16).padStart(8, '0')}`;
}

const made: string[] = [];

/** Removes every installation made so far. */
export function removeInstalledApps(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function installApp(opts: InstallOptions): InstalledApp {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `rongmei-app-${opts.version}-`));
  made.push(root);
  const adapter = new TestAppAdapter(opts.version, root);
  fs.mkdirSync(path.dirname(adapter.appUpdateConfigPath), { recursive: true });
  // What electron-builder writes into resources/app-update.yml (no publisherName: nothing to verify on Linux).
  fs.writeFileSync(
    adapter.appUpdateConfigPath,
    `provider: generic\nurl: ${opts.feedUrl}\nupdaterCacheDirName: ${UPDATER_CACHE_DIR}\n`,
  );
  fs.mkdirSync(adapter.userDataPath, { recursive: true });
  if (opts.stagingUserId)
    fs.writeFileSync(path.join(adapter.userDataPath, '.updaterId'), opts.stagingUserId);
  const cacheDir = path.join(adapter.baseCachePath, UPDATER_CACHE_DIR);
  if (opts.installedWith) {
    fs.mkdirSync(cacheDir, { recursive: true });
    // NSIS keeps the installer a version was installed with; differential downloads start from it.
    fs.writeFileSync(path.join(cacheDir, 'installer.exe'), opts.installedWith);
  }
  const updater = new NsisUpdater(null, adapter);
  const executor = new RecordingHttpExecutor();
  // The two private settings electron-builder's own updater tests make: Node HTTP, and Windows feed files.
  const internals = updater as unknown as { httpExecutor: unknown; _testOnlyOptions: unknown };
  internals.httpExecutor = executor;
  internals._testOnlyOptions = {
    platform: 'win32',
    isUseDifferentialDownload: opts.differential ?? false,
  };
  const engine = electronUpdaterEngine(updater, {
    feedUrl: opts.feedUrl,
    channel: opts.channel ?? 'latest',
    pinVersion: opts.pinVersion ?? null,
    logger: opts.logger,
    multipleRangeRequests: opts.multipleRangeRequests,
  });
  return {
    adapter,
    updater,
    executor,
    engine,
    pendingDir: path.join(cacheDir, 'pending'),
    cacheDir,
  };
}
