/** Locks a session and a page down: no permissions, strict CSP, no navigation, no new windows. */
import { shell, type Session, type WebContents } from 'electron';
import { MEDIA_SCHEME } from '../../shared/contract.js';

/**
 * The renderer's policy. Its index.html carries the same policy as a meta tag (which is what applies
 * to file:// pages); the header covers any response that does go through the network stack, and adds
 * what a meta policy cannot say (frame-ancestors). Audio comes from the media protocol; the camera
 * preview arrives as data: JPEGs over IPC.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  `media-src 'self' ${MEDIA_SCHEME}:`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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

/** Only https links leave the app, and only to the system browser. */
export function openExternally(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:') return false;
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
