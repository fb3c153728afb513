import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, type FakeSession, resetFakes, screen, session, shell } from './fake-electron.js';
import { fakeMoodtape } from './fake-moodtape.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { createMainWindow, restoreBounds, DEFAULT_SIZE } = await import('../../src/main/electron/window.js');
const { CONTENT_SECURITY_POLICY, guardContents, lockSession } = await import('../../src/main/electron/security.js');
const { APP_PAGE_URL, isAppPage } = await import('../../src/main/electron/page-protocol.js');

const root = join('/opt', 'moodtape');
const paths = {
  preload: join(root, 'dist', 'preload', 'index.cjs'),
  rendererDir: join(root, 'dist', 'renderer'),
  assets: join(root, 'assets'),
  trayIcon: join(root, 'assets', 'icons', 'tray.png'),
  appIcon: join(root, 'assets', 'icons', 'icon.png'),
};
const appUrl = APP_PAGE_URL;
const isOurs = (url: string) => isAppPage(url);
const navEvent = () => ({ preventDefault: vi.fn() });

describe('main window', () => {
  beforeEach(() => resetFakes());
  afterEach(() => vi.useRealTimers());

  it('is created locked down, with the sandboxed preload, and loads the built renderer', async () => {
    const win = (await createMainWindow(fakeMoodtape(), paths, isOurs)) as unknown as FakeBrowserWindow;
    expect(win.options.webPreferences).toMatchObject({
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(win.options.show).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith('app://moodtape/index.html');
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('restores the saved size, position and maximized state', async () => {
    const m = fakeMoodtape();
    m.settings.window = { width: 1300, height: 900, x: 40, y: 60, maximized: true };
    const win = (await createMainWindow(m, paths, isOurs)) as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ width: 1300, height: 900, x: 40, y: 60 });
    expect(win.maximize).toHaveBeenCalled();
  });

  it('drops a saved position that is off every display, and uses defaults with nothing saved', () => {
    const areas = screen.getAllDisplays().map((d) => d.workArea);
    expect(restoreBounds({ width: 1000, height: 700, x: 5000, y: 3000, maximized: false }, areas)).toEqual({ width: 1000, height: 700 });
    expect(restoreBounds({ width: 100, height: 100, maximized: false }, areas)).toEqual({ width: 720, height: 520 });
    expect(restoreBounds(null, areas)).toEqual(DEFAULT_SIZE);
  });

  it('saves window state to settings, debounced, and again on close', async () => {
    vi.useFakeTimers();
    const m = fakeMoodtape();
    const win = (await createMainWindow(m, paths, isOurs)) as unknown as FakeBrowserWindow;
    m.call.mockClear();
    win.setBounds({ width: 1200, height: 800 });
    win.setBounds({ x: 10, y: 20 });
    expect(m.call).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(m.call).toHaveBeenCalledTimes(1);
    expect(m.call).toHaveBeenCalledWith('updateSettings', { window: { width: 1200, height: 800, x: 10, y: 20, maximized: false } });
    win.maximize();
    win.emit('close');
    expect(m.call).toHaveBeenLastCalledWith('updateSettings', { window: expect.objectContaining({ maximized: true }) });
    expect(m.settings.window).toMatchObject({ width: 1200, maximized: true });
  });

  it('blocks navigation away from the app page and opens only https links in the browser', async () => {
    const win = (await createMainWindow(fakeMoodtape(), paths, isOurs)) as unknown as FakeBrowserWindow;
    const wc = win.webContents;

    const same = navEvent();
    wc.emit('will-navigate', same, `${appUrl}#/about`);
    expect(same.preventDefault).not.toHaveBeenCalled();

    for (const url of ['https://freepd.com/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      const e = navEvent();
      wc.emit('will-navigate', e, url);
      expect(e.preventDefault).toHaveBeenCalled();
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://freepd.com/');

    const redirect = navEvent();
    wc.emit('will-redirect', redirect, 'https://elsewhere.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = navEvent();
    wc.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every window.open, handing https links to the system browser', () => {
    const wc = new FakeBrowserWindow({ width: 1, height: 1 }).webContents;
    guardContents(wc as never, isOurs);
    expect(wc.openHandler!({ url: 'https://incompetech.com/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: 'http://insecure.example/' })).toEqual({ action: 'deny' });
    expect(wc.openHandler!({ url: appUrl })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://incompetech.com/');
  });

  it('opens only the app’s own known links: any other https address, or a look-alike, stays in', () => {
    const wc = new FakeBrowserWindow({ width: 1, height: 1 }).webContents;
    guardContents(wc as never, isOurs);
    for (const url of [
      'https://evil.example/',
      'https://creativecommons.org.evil.example/licenses/',
      'https://user@creativecommons.org/licenses/by/3.0/',
      'https://creativecommons.org:8443/licenses/by/3.0/',
      'smb://server/share',
      'ms-settings:privacy',
    ])
      wc.openHandler!({ url });
    expect(shell.openExternal).not.toHaveBeenCalled();
    wc.openHandler!({ url: 'https://creativecommons.org/licenses/by/3.0/' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://creativecommons.org/licenses/by/3.0/');
  });
});

describe('session lock-down', () => {
  beforeEach(() => resetFakes());

  it('denies every permission request and check (the camera is used by OpenCV in main, never getUserMedia)', () => {
    lockSession(session.defaultSession as never, isOurs);
    const ses = session.defaultSession as FakeSession;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      ses.requestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.checkHandler!(null, permission, 'file://', {})).toBe(false);
    }
    expect(ses.deviceHandler!({})).toBe(false);
  });

  it('adds the CSP header to the app page, replacing any other, and leaves other responses alone', () => {
    lockSession(session.defaultSession as never, isOurs);
    const ses = session.defaultSession as FakeSession;
    const callback = vi.fn();
    ses.headersListener!(
      { url: appUrl, resourceType: 'mainFrame', responseHeaders: { 'content-security-policy': ['default-src *'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const other = vi.fn();
    ses.headersListener!({ url: 'moodtape-media://track/x', resourceType: 'media', responseHeaders: {} }, other);
    expect(other).toHaveBeenCalledWith({});
  });

  it('has a strict policy: no inline or remote script, no plugins, media only from the media scheme', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/media-src 'self' moodtape-media:;/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
