// Session- and app-wide guards: no permissions but desktop notifications for
// our own pages, no navigation away from our pages, no new windows, no
// webviews; http(s) links go to the OS browser after the user confirms.
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import { isAppUrl, isExternalLinkAllowed, isPermissionAllowed } from './navigation-policy';

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
}

async function confirmExternal(win: BrowserWindow | null, url: string): Promise<void> {
  if (!isExternalLinkAllowed(url)) return;
  const zh = app.getLocale().startsWith('zh');
  const options = {
    type: 'question' as const,
    buttons: zh ? ['在浏览器中打开', '取消'] : ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: zh ? '在系统浏览器中打开此链接？' : 'Open this link in your browser?',
    detail: url,
  };
  const { response } = win
    ? await dialog.showMessageBox(win, options)
    : await dialog.showMessageBox(options);
  if (response === 0) await shell.openExternal(url);
}

export function guardWebContents(
  getWindow: () => BrowserWindow | null,
  devServerUrl?: string,
): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) {
        event.preventDefault();
        void confirmExternal(getWindow(), url);
      }
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void confirmExternal(getWindow(), url);
      return { action: 'deny' };
    });
  });
}
