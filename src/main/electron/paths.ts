/** Where the shell finds its files: the app folder (repo root or app.asar) and the assets. */
import { app } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetsDir } from '../core/paths.js';

export interface ShellPaths {
  preload: string;
  rendererHtml: string;
  assets: string;
  trayIcon: string;
  appIcon: string;
}

/** Dev (`electron .`): the repo root; packaged: resources/app.asar with assets beside it in resources/assets. */
export function shellPaths(): ShellPaths {
  const root = app.getAppPath();
  const assets = app.isPackaged ? join(process.resourcesPath, 'assets') : assetsDir();
  const icons = join(assets, 'icons');
  return {
    preload: join(root, 'dist', 'preload', 'index.cjs'),
    rendererHtml: join(root, 'dist', 'renderer', 'index.html'),
    assets,
    // macOS menu bar icons are monochrome template images (trayTemplate@2x.png is picked up automatically).
    trayIcon: join(icons, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    appIcon: join(icons, 'icon.png'),
  };
}

/** True only for the app's own page (file:// URL of the renderer's index.html, any hash or query). */
export function isAppPage(url: string, rendererHtml: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'file:') return false;
  u.hash = '';
  u.search = '';
  let path: string;
  try {
    path = resolve(fileURLToPath(u));
  } catch {
    return false;
  }
  const want = resolve(rendererHtml);
  return process.platform === 'win32' ? path.toLowerCase() === want.toLowerCase() : path === want;
}
