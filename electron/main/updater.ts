// Builds the desktop updater: the IT policy, electron-updater's autoUpdater
// for this platform, and the service that schedules checks and downloads.
// All decisions live in electron/services/updates (tested in Node); this
// file only supplies what exists in Electron alone.
import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { prereleaseTag } from '@shared/updates/semver';
import type { UpdateChannel } from '@shared/updates/feed';
import { loadUpdatePolicy } from '../services/updates/policy-file';
import { electronUpdaterEngine, type UpdateEngine } from '../services/updates/engine';
import { UpdateService } from '../services/updates/update-service';
import type { Logger } from '../services/logs/logger';

/** Never asked: the service does not call an engine while updates are off. */
const OFF: UpdateEngine = {
  check: async () => null,
  download: async () => undefined,
  install: () => undefined,
};

/**
 * The feed address the build was made with (electron-builder's `publish.url`,
 * written to resources/app-update.yml), unless it is the placeholder.
 */
function builtInFeedUrl(): string | null {
  try {
    const yml = fs.readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8');
    const url = /^url:\s*['"]?([^'"\s]+)/m.exec(yml)?.[1];
    return url && !url.includes('.invalid') ? url : null;
  } catch {
    return null;
  }
}

export function createUpdater(logger: Logger): UpdateService {
  const version = app.getVersion();
  const defaultChannel: UpdateChannel = prereleaseTag(version) === 'beta' ? 'beta' : 'latest';
  const policy = loadUpdatePolicy({
    platform: process.platform,
    env: process.env,
    allowEnvOverride: !app.isPackaged,
    defaults: {
      feedUrl: builtInFeedUrl(),
      channel: defaultChannel,
    },
  });
  const wanted = policy.enabled && policy.source !== 'invalid' && !!policy.feedUrl;
  const engine = !app.isPackaged
    ? null
    : wanted
      ? electronUpdaterEngine(electronUpdater.autoUpdater, {
          feedUrl: policy.feedUrl!,
          channel: policy.channel,
          pinVersion: policy.pinVersion,
          logger,
        })
      : OFF;
  return new UpdateService({ currentVersion: version, policy, engine, logger });
}
