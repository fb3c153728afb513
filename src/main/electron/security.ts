/** Locks a session and a page down: no permissions, strict CSP, no navigation, no new windows. */
import { shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';

/**
 * The renderer's one policy (src/shared/csp.ts): the app scheme answers the page with it as a header
 * (page-protocol.ts), index.html carries its meta form too; this covers any other page response.
 */
export { CONTENT_SECURITY_POLICY };

/** The camera runs in the main process through OpenCV: the page never needs a permission. */
export function lockSession(ses: Session, isAppPage: (url: string) => boolean): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const page = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    if (!page || !isAppPage(details.url)) return callback({});
    const headers = { ...details.responseHeaders };
    for (const k of Object.keys(headers)) if (k.toLowerCase() === 'content-security-policy') delete headers[k];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

/**
 * The links the app itself shows (the demo music's licences, where it came from): nothing else
 * leaves the app, so a page that was made to navigate somewhere cannot open arbitrary addresses
 * (or other apps' schemes) through the system.
 */
export const KNOWN_LINKS = ['https://creativecommons.org/licenses/', 'https://freepd.com/', 'https://incompetech.com/'];

/** Only the app's own known https links leave the app, and only to the system browser. */
export function openExternally(url: string, known: readonly string[] = KNOWN_LINKS): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || u.port) return false;
  if (!known.some((k) => u.href === k || (k.endsWith('/') && u.href.startsWith(k)))) return false;
  void shell.openExternal(u.href);
  return true;
}

/** The page stays the app's page: navigation elsewhere and window.open are refused. */
export function guardContents(contents: WebContents, isAppPage: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppPage(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}
