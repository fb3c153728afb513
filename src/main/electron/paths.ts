/** Where the shell finds its files: the app folder (repo root or app.asar) and the assets. */
import { app } from 'electron';
import { join } from 'node:path';
import { assetsDir } from '../core/paths.js';

export interface ShellPaths {
  preload: string;
  /** The built renderer (index.html and its files), served as app://moodtape/ (page-protocol.ts). */
  rendererDir: string;
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
    rendererDir: join(root, 'dist', 'renderer'),
    assets,
    // macOS menu bar icons are monochrome template images (trayTemplate@2x.png is picked up automatically).
    trayIcon: join(icons, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
    appIcon: join(icons, 'icon.png'),
  };
}
