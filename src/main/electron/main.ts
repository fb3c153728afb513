/** Electron entry: one instance; the services, then window, tray, media protocol and IPC around them. */
import { app, type BrowserWindow, dialog, session } from 'electron';
import Store from 'electron-store';
import { createMoodtape } from '../app/moodtape.js';
import type { KeyValueStore, Moodtape } from '../app/types.js';
import { cameraArg } from './args.js';
import { bindIpc } from './ipc.js';
import { isAppPage, shellPaths } from './paths.js';
import { handleMediaProtocol, registerMediaScheme } from './protocol.js';
import { lockSession } from './security.js';
import { createTray } from './tray.js';
import { createMainWindow } from './window.js';

// Must happen before 'ready'.
registerMediaScheme();

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

async function showWindow(): Promise<void> {
  if (!moodtape) return;
  if (!win || win.isDestroyed()) {
    const paths = shellPaths();
    opening ??= createMainWindow(moodtape, paths, (url) => isAppPage(url, paths.rendererHtml)).finally(() => (opening = null));
    win = await opening;
    win.on('closed', () => (win = null));
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('app.moodtape.desktop');
  const paths = shellPaths();
  const isOurs = (url: string) => isAppPage(url, paths.rendererHtml);
  const cameraSource = cameraArg(process.argv);
  const m: Moodtape = await createMoodtape({
    assetsDir: paths.assets,
    dataDir: app.getPath('userData'),
    openStore,
    version: app.getVersion(),
    ...(cameraSource ? { cameraSource } : {}),
  });
  moodtape = m;
  lockSession(session.defaultSession, isOurs);
  disposers.push(handleMediaProtocol(m));
  disposers.push(bindIpc(m, { isAppPage: isOurs, target: () => (win && !win.isDestroyed() ? win.webContents : null) }));
  disposers.push(
    createTray(m, {
      iconPath: paths.trayIcon,
      appIconPath: paths.appIcon,
      showWindow: () => void showWindow(),
      quit: () => app.quit(),
    }),
  );
  await showWindow();
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
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
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
