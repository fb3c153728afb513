/** The main window: locked-down webPreferences, the built renderer, size and position remembered. */
import { BrowserWindow, screen, type Rectangle } from 'electron';
import type { AppState, WindowState } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';
import type { ShellPaths } from './paths.js';
import { APP_PAGE_URL } from './page-protocol.js';
import { guardContents } from './security.js';

export const DEFAULT_SIZE = { width: 1100, height: 760 };
export const MIN_SIZE = { width: 720, height: 520 };
const SAVE_DELAY_MS = 500;

/** Saved bounds, dropping a position that no longer lands on any display. */
export function restoreBounds(saved: WindowState | null, workAreas: Rectangle[]): Partial<Rectangle> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const width = Math.max(MIN_SIZE.width, saved.width);
  const height = Math.max(MIN_SIZE.height, saved.height);
  if (saved.x === undefined || saved.y === undefined) return { width, height };
  const { x, y } = saved;
  // At least a grabbable strip of the title bar must be visible on some display.
  const visible = workAreas.some((a) => x + width - 64 > a.x && x + 64 < a.x + a.width && y >= a.y - 8 && y + 32 < a.y + a.height);
  return visible ? { x, y, width, height } : { width, height };
}

async function savedWindowState(moodtape: Moodtape): Promise<WindowState | null> {
  const res = await moodtape.call('getState', null);
  return res.ok ? (res.value as AppState).settings.window : null;
}

export async function createMainWindow(moodtape: Moodtape, paths: ShellPaths, isAppPage: (url: string) => boolean): Promise<BrowserWindow> {
  const saved = await savedWindowState(moodtape);
  const win = new BrowserWindow({
    ...restoreBounds(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    ),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Moodtape',
    backgroundColor: '#17131f',
    autoHideMenuBar: true,
    ...(process.platform === 'darwin' ? {} : { icon: paths.appIcon }),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Tray "quick mood" starts music with no click in the page; keep the player ticking when hidden.
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
    },
  });
  if (saved?.maximized) win.maximize();
  guardContents(win.webContents, isAppPage);
  rememberWindowState(win, moodtape);
  win.once('ready-to-show', () => win.show());
  // From the app scheme (page-protocol.ts), never file://.
  await win.loadURL(APP_PAGE_URL);
  return win;
}

/** Writes size, position and maximized to settings, debounced, and once more on close. */
export function rememberWindowState(win: BrowserWindow, moodtape: Moodtape): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    const window: WindowState = { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() };
    void moodtape.call('updateSettings', { window });
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', save);
}
