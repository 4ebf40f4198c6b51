// The options every Rongmei window is created with, kept apart from the
// code that creates windows so tests can check them without Electron.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1366, height: 768, maximized: false };

/** Electron's security checklist, applied to the only kind of window we open. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(
  state: WindowState,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    x: state.x,
    y: state.y,
    width: Math.max(state.width, 1024),
    height: Math.max(state.height, 640),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: '融媒 Rongmei',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}
