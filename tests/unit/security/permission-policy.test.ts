import { describe, expect, it } from 'vitest';
import { isPermissionAllowed } from '../../../electron/main/navigation-policy';

describe('Electron permission policy', () => {
  it('lets our own pages show desktop notifications and nothing else', () => {
    expect(isPermissionAllowed('notifications', 'app://rongmei/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://rongmei')).toBe(true);
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen'])
      expect(isPermissionAllowed(p, 'app://rongmei/index.html')).toBe(false);
  });
  it('gives other origins nothing', () => {
    expect(isPermissionAllowed('notifications', 'https://evil.example/')).toBe(false);
    expect(isPermissionAllowed('notifications', '')).toBe(false);
  });
});
