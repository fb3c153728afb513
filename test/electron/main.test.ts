/** The entry point wires everything on ready and disposes the app (camera off) before quitting. */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC_PREFIX, MEDIA_SCHEME, METHODS } from '../../src/shared/contract.js';
import type { MoodtapeOptions } from '../../src/main/app/types.js';
import { app, FakeBrowserWindow, FakeTray, ipcMain, Menu, protocol } from './fake-electron.js';
import { fakeMoodtape } from './fake-moodtape.js';

const h = vi.hoisted(() => ({
  moodtape: null as null | ReturnType<typeof import('./fake-moodtape.js').fakeMoodtape>,
  stores: [] as Array<{ cwd: string; name: string }>,
}));

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
vi.mock('electron-store', () => ({
  default: class {
    path: string;
    data = new Map<string, unknown>();
    constructor(opts: { cwd: string; name: string }) {
      h.stores.push(opts);
      this.path = join(opts.cwd, `${opts.name}.json`);
    }
    get(k: string) {
      return this.data.get(k);
    }
    set(k: string, v: unknown) {
      this.data.set(k, v);
    }
  },
}));
vi.mock('../../src/main/app/moodtape.js', () => ({
  createMoodtape: vi.fn(async (opts: MoodtapeOptions) => {
    opts.openStore?.({ cwd: opts.dataDir, name: 'settings' });
    return h.moodtape!;
  }),
}));

describe('electron main', () => {
  it('starts, wires the shell around the app, and disposes it on quit', async () => {
    h.moodtape = fakeMoodtape();
    process.argv.push('--camera', '/videos/face.webm');
    const { createMoodtape } = await import('../../src/main/app/moodtape.js');
    await import('../../src/main/electron/main.js');

    // Before ready: the page's and the media scheme are privileged and the single-instance lock is taken.
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
      },
      { scheme: MEDIA_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true, stream: true, supportFetchAPI: true }) },
    ]);
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(createMoodtape).not.toHaveBeenCalled();

    app.ready();
    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
    await vi.waitFor(() => expect(FakeBrowserWindow.instances[0]!.loaded).not.toBeNull());
    // The page from the app scheme, never file://.
    expect(FakeBrowserWindow.instances[0]!.loaded).toBe('app://moodtape/index.html');

    const opts = vi.mocked(createMoodtape).mock.calls[0]![0];
    expect(opts).toMatchObject({ dataDir: app.getPath('userData'), version: '1.2.3', cameraSource: '/videos/face.webm' });
    expect(opts.assetsDir).toMatch(/assets$/);
    expect(h.stores).toEqual([{ cwd: app.getPath('userData'), name: 'settings' }]);

    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loaded).toBe('app://moodtape/index.html');
    expect(protocol.handlers.has('app')).toBe(true);
    expect(win.options.webPreferences.preload).toBe(join(app.appPath, 'dist', 'preload', 'index.cjs'));
    expect([...ipcMain.handlers.keys()]).toHaveLength(METHODS.length);
    expect(ipcMain.handlers.has(IPC_PREFIX + 'snapshot')).toBe(true);
    expect(protocol.handlers.has(MEDIA_SCHEME)).toBe(true);
    expect(FakeTray.instances).toHaveLength(1);

    // A second launch brings the window back instead of opening another.
    win.minimized = true;
    app.emit('second-instance');
    await vi.waitFor(() => expect(win.restore).toHaveBeenCalled());
    expect(win.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);

    // The application menu is there, with the player's actions.
    const labels = (Menu.applicationMenu!.template as Array<{ label?: string; submenu?: Array<{ label?: string }> }>).flatMap((i) => [
      i.label,
      ...(i.submenu ?? []).map((s) => s.label),
    ]);
    expect(labels).toEqual(expect.arrayContaining(['Play / Pause', 'Next', 'Quick Mood', 'Quit When the Window Closes']));

    // Closing the window keeps the app in the tray: hidden, not gone; the tray brings it back.
    win.close();
    expect(win.destroyed).toBe(false);
    expect(win.isVisible()).toBe(false);
    expect(h.moodtape.dispose).not.toHaveBeenCalled();
    FakeTray.instances[0]!.emit('click');
    await vi.waitFor(() => expect(win.isVisible()).toBe(true));

    // Quit: the first will-quit is held until the app (camera included) is disposed.
    const exited = new Promise<void>((r) => app.once('test:exited', () => r()));
    app.quit();
    expect(h.moodtape.dispose).toHaveBeenCalledTimes(1);
    await exited;
    expect(ipcMain.handlers.size).toBe(0);
    expect(protocol.handlers.has(MEDIA_SCHEME)).toBe(false);
    expect(FakeTray.instances[0]!.destroyed).toBe(true);
    expect(h.moodtape.dispose).toHaveBeenCalledTimes(1);
  });
});
