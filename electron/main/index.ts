// Electron main: lifecycle, the window, IPC wiring and security policy.
// The work itself is done by the services built in createHost().
import { app, BrowserWindow, Menu } from 'electron';
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

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let win: BrowserWindow | null = null;
let host: Host | null = null;

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

function start(): void {
  hardenSession();
  serveRenderer(path.join(here, '../renderer'));
  const userData = app.getPath('userData');
  const databaseKey = loadDatabaseKey(userData, (m) => console.warn(`[rongmei] ${m}`));
  host = createHost({
    dataDir: userData,
    host: 'electron',
    version: app.getVersion(),
    databaseKey,
  });
  wireIpc(host, devServerUrl);
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
  host?.close();
  host = null;
});
