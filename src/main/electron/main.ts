/** Electron entry: one instance; the services, then window, tray, menu, media protocol and IPC around them. */
import { app, type BrowserWindow, dialog, Menu, session, systemPreferences } from 'electron';
import Store from 'electron-store';
import { createMoodtape } from '../app/moodtape.js';
import type { KeyValueStore, Moodtape } from '../app/types.js';
import type { Settings } from '../../shared/contract.js';
import { cameraArg } from './args.js';
import { withCameraAccess } from './camera-access.js';
import { closeToTray } from './close-to-tray.js';
import { bindIpc } from './ipc.js';
import { appMenuTemplate } from './menu.js';
import { APP_ORIGIN, handlePageProtocol, isAppPage, registerSchemes } from './page-protocol.js';
import { shellPaths } from './paths.js';
import { handleMediaProtocol } from './protocol.js';
import { lockSession } from './security.js';
import { createTray, quickMoodNotice, showNotice } from './tray.js';
import { createMainWindow } from './window.js';

// Must happen before 'ready': the page's scheme and the media scheme.
registerSchemes();
// A fresh profile for the desktop smoke test (npm run test:electron).
if (process.env.MOODTAPE_USER_DATA) app.setPath('userData', process.env.MOODTAPE_USER_DATA);

/**
 * Settings and the library live in Electron's userData folder through electron-store. Serve mode
 * and the CLI use their own folder by default (~/.config/moodtape-serve); the file format is
 * conf's, so `--data-dir` pointed at userData reads the desktop app's files.
 */
const openStore = ({ name }: { cwd: string; name: string }): KeyValueStore =>
  new Store<Record<string, unknown>>({ cwd: app.getPath('userData'), name });

let moodtape: Moodtape | null = null;
let win: BrowserWindow | null = null;
let opening: Promise<BrowserWindow> | null = null;
const disposers: Array<() => void> = [];
/** A quit has begun (tray or menu Quit, Cmd+Q, quit-on-close): windows then really close. */
let quitRequested = false;
let quitOnClose = false;
let trayMenu: Menu | null = null;

async function showWindow(): Promise<void> {
  if (!moodtape) return;
  if (!win || win.isDestroyed()) {
    if (opening) {
      // Another call is already opening it (and wires it up).
      await opening;
      return;
    }
    const paths = shellPaths();
    opening = createMainWindow(moodtape, paths, (url) => isAppPage(url)).finally(() => (opening = null));
    const w = (win = await opening);
    w.on('closed', () => {
      if (win === w) win = null;
    });
    closeToTray(w, {
      quitOnClose: () => quitOnClose,
      quitting: () => quitRequested,
      quit: () => app.quit(),
      hidden: () =>
        showNotice(
          { title: 'Moodtape is still here', body: 'It keeps playing in the tray. Quit it from the tray or the menu.' },
          paths.appIcon,
        ),
    });
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('app.moodtape.desktop');
  const paths = shellPaths();
  const isOurs = (url: string) => isAppPage(url);
  const cameraSource = cameraArg(process.argv);
  const services: Moodtape = await createMoodtape({
    assetsDir: paths.assets,
    dataDir: app.getPath('userData'),
    openStore,
    version: app.getVersion(),
    instanceName: 'the Moodtape app',
    ...(cameraSource ? { cameraSource } : {}),
  });
  // macOS asks the user before the camera opens.
  const m = withCameraAccess(services, systemPreferences);
  moodtape = m;
  lockSession(session.defaultSession, isOurs);
  disposers.push(handlePageProtocol(paths.rendererDir));
  // Media answers CORS to the page's own origin only (Web Audio may then read it).
  disposers.push(handleMediaProtocol(m, { pageOrigin: APP_ORIGIN }));
  disposers.push(bindIpc(m, { isAppPage: isOurs, target: () => (win && !win.isDestroyed() ? win.webContents : null) }));
  disposers.push(
    createTray(m, {
      iconPath: paths.trayIcon,
      appIconPath: paths.appIcon,
      showWindow: () => void showWindow(),
      quit: () => app.quit(),
      onMenu: (menu) => (trayMenu = menu),
    }),
  );
  disposers.push(await setupAppMenu(m, paths.appIcon));
  // The desktop smoke test reads the tray menu back through Playwright.
  if (process.env.MOODTAPE_TEST_HOOKS === '1') Object.assign(globalThis, { __moodtapeTrayMenu: () => trayMenu });
  await showWindow();
}

/** The application menu, rebuilt when the quit-on-close setting changes. */
async function setupAppMenu(m: Moodtape, appIcon: string): Promise<() => void> {
  const state = await m.call('getState', null);
  if (state.ok) quitOnClose = Boolean((state.value as { settings: Settings }).settings.quitOnClose);
  const render = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate(
          {
            command: (c) => m.sendCommand(c),
            chooseMood: (e) => void m.chooseMood(e, 'manual'),
            // The window shows the mood (or the problem) itself; a notice only when it is hidden.
            quickMood: () => void quickMoodNotice(m).then((n) => (win?.isVisible() ? undefined : showNotice(n, appIcon))),
            showWindow: () => void showWindow(),
            quit: () => app.quit(),
            setQuitOnClose: (quit) => void m.call('updateSettings', { quitOnClose: quit }),
          },
          { quitOnClose },
          process.platform,
        ),
      ),
    );
  render();
  return m.subscribe((name, payload) => {
    if (name !== 'settings') return;
    const next = Boolean((payload as Settings).quitOnClose);
    if (next !== quitOnClose) {
      quitOnClose = next;
      render();
    }
  });
}

/** Stops the camera and the services once, before the process goes. */
let quitting: 'no' | 'disposing' | 'done' = 'no';
async function shutdown(): Promise<void> {
  for (const dispose of disposers.splice(0).reverse()) {
    try {
      dispose();
    } catch (e) {
      console.error(e);
    }
  }
  const m = moodtape;
  moodtape = null;
  if (m) await Promise.race([m.dispose(), new Promise((r) => setTimeout(r, 3000))]);
}

function fail(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  console.error(e);
  dialog.showErrorBox('Moodtape could not start', message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => void showWindow());
  app.on('activate', () => void showWindow());
  app.on('before-quit', () => (quitRequested = true));
  // Closing the window hides it (close-to-tray) or quits (quit-on-close); the tray keeps the app otherwise.
  app.on('window-all-closed', () => {});
  app.on('will-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'disposing') return;
    quitting = 'disposing';
    void shutdown()
      .catch((e) => console.error(e))
      .finally(() => {
        quitting = 'done';
        app.quit();
      });
  });
  app.whenReady().then(start).catch(fail);
}
