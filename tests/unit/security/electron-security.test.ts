import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {
  mainWindowOptions,
  secureWebPreferences,
  DEFAULT_WINDOW_STATE,
} from '../../../electron/main/window-options';
import { isAppUrl, isExternalLinkAllowed } from '../../../electron/main/navigation-policy';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '@shared/security/csp';

describe('window options', () => {
  it('turn on every item of the Electron security checklist', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    const opts = mainWindowOptions(DEFAULT_WINDOW_STATE, '/app/preload.cjs');
    expect(opts.webPreferences).toEqual(prefs);
    expect(opts.show).toBe(false);
  });

  it('never open smaller than the desk layout needs', () => {
    const opts = mainWindowOptions({ width: 200, height: 100, maximized: false }, 'p');
    expect(opts.width).toBeGreaterThanOrEqual(1024);
    expect(opts.height).toBeGreaterThanOrEqual(640);
  });
});

describe('navigation policy', () => {
  it('allows only our own pages', () => {
    expect(isAppUrl('app://rongmei/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://rongmei.example.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('hands only plain http(s) links to the OS browser', () => {
    expect(isExternalLinkAllowed('https://www.news.cn/')).toBe(true);
    expect(isExternalLinkAllowed('http://example.com/a?b=c')).toBe(true);
    for (const bad of [
      'file:///C:/Windows/system32/calc.exe',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@host/',
      'ms-msdt:/id',
    ]) {
      expect(isExternalLinkAllowed(bad)).toBe(false);
    }
  });
});

describe('content security policy', () => {
  it('is the same in index.html as in the headers, minus frame-ancestors', () => {
    const html = fs.readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('allows no inline script, no eval and no remote origins', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
