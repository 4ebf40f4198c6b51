// Where the app's windows may go: only our own pages. Links in stories open
// in the system browser, and only http(s) ones, after the user confirms.
export const APP_ORIGIN = 'app://rongmei';

export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (`${u.protocol}//${u.host}` === APP_ORIGIN) return true;
    if (devServerUrl) {
      const dev = new URL(devServerUrl);
      return u.origin === dev.origin;
    }
    return false;
  } catch {
    return false;
  }
}

/** Links that may be handed to the OS browser (after confirmation). */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'https:' || u.protocol === 'http:') &&
      u.hostname.length > 0 &&
      !u.username &&
      !u.password
    );
  } catch {
    return false;
  }
}

/**
 * Permissions our own pages may use: only desktop notifications (something
 * landed in my review queue). Everything else — camera, microphone,
 * geolocation, clipboard reads… — stays denied, and no other origin gets any.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl);
}
