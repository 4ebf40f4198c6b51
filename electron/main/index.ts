// Electron main: lifecycle, the window, IPC wiring and security policy.
// The work itself is done by the services built in createHost().
import { app, BrowserWindow, dialog, Menu, Notification } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHost, type Host } from '../services/host/create-host';
import { mainWindowOptions } from './window-options';
import { loadWindowState, saveWindowState } from './window-state';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { wireIpc } from './ipc';
import { guardWebContents, hardenSession } from './security';
import { APP_ORIGIN } from './navigation-policy';
import { loadDatabaseKey } from './database-key';
import { createUpdater } from './updater';
import { createFileLogger, errorFields, type FileLogger } from '../services/logs/logger';
import type { UpdateService } from '../services/updates/update-service';

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let win: BrowserWindow | null = null;
let host: Host | null = null;
let logger: FileLogger | null = null;
let updater: UpdateService | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  guardWebContents(() => win, devServerUrl);
  void app.whenReady().then(start);
}

function createWindow(): void {
  const userData = app.getPath('userData');
  const state = loadWindowState(userData);
  win = new BrowserWindow(mainWindowOptions(state, path.join(here, '../preload/index.cjs')));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win?.show());
  const remember = () => {
    if (!win || win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(userData, { ...b, maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('closed', () => (win = null));
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

/** Asks where to put a diagnostics zip (the desktop by default) and writes it there. */
async function saveFile(suggestedName: string, bytes: Uint8Array): Promise<string | null> {
  const options = {
    defaultPath: path.join(app.getPath('desktop'), suggestedName),
    filters: [{ name: 'Zip', extensions: ['zip'] }],
  };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  if (r.canceled || !r.filePath) return null;
  fs.writeFileSync(r.filePath, bytes);
  return r.filePath;
}

function start(): void {
  hardenSession();
  serveRenderer(path.join(here, '../renderer'));
  const userData = app.getPath('userData');
  // JSON lines, 5 × 2 MB, ids and codes only (see electron/services/logs/logger.ts).
  const log = createFileLogger({
    dir: app.getPath('logs'),
    maxBytes: 2 * 1024 * 1024,
    files: 5,
    level: process.env.RONGMEI_LOG_LEVEL === 'debug' ? 'debug' : 'info',
    echo: !app.isPackaged,
  });
  logger = log;
  log.info('app.started', {
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
  });
  const databaseKey = loadDatabaseKey(userData, (m) => log.warn('database.key', { message: m }));
  updater = createUpdater(log);
  host = createHost({
    dataDir: userData,
    host: 'electron',
    version: app.getVersion(),
    databaseKey,
    logger: log,
    logFiles: () => log.file.existing(),
    updates: updater,
    saveFile,
    chooseExportFolder: async () => {
      const options = {
        properties: ['openDirectory', 'createDirectory'] as Array<
          'openDirectory' | 'createDirectory'
        >,
      };
      const r = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    log: (m, err) => log.warn('host.warning', { message: m, ...errorFields(err) }),
    desktopNotify: ({ title, body }) => {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body, silent: false });
      n.on('click', () => {
        if (win?.isMinimized()) win.restore();
        win?.focus();
      });
      n.show();
    },
  });
  wireIpc(host, devServerUrl, (m, err) =>
    log.error('host.call_crashed', { message: m, ...errorFields(err) }),
  );
  updater.start();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('before-quit', () => {
  // Pending summaries and compaction; every edit is already on disk.
  updater?.stop();
  host?.close();
  host = null;
  logger?.info('app.quit');
  logger?.close();
  logger = null;
});
