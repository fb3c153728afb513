/**
 * The real desktop app, once through: the window opens, a snapshot of a video-file camera gives a
 * mood and a playlist, the music plays, the tray menu has the quick-mood item, closing the window
 * keeps the app in the tray, and quitting leaves no process behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, VIDEO } from '../helpers/paths.js';
import { byTestId, expectMoodShown, expectPositionAdvances } from '../helpers/ui.js';

const electronPath = createRequire(import.meta.url)('electron') as unknown as string;

/** Electron's helper processes (zygote, renderer, GPU, utility) under the main one; Linux only. */
function childPids(pid: number): number[] {
  if (process.platform !== 'linux') return [];
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('desktop app (real Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'moodtape-electron-'));
    const env = { ...process.env, MOODTAPE_USER_DATA: userData, MOODTAPE_TEST_HOOKS: '1' } as Record<string, string>;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await _electron.launch({ executablePath: electronPath, args: ['.', '--camera', VIDEO.happyFace], cwd: REPO_ROOT, env });
    page = await app.firstWindow();
    await byTestId(page, 'manual-mood-happy').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await app?.close().catch(() => {});
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens the window from file:// with the preload bridge', async () => {
    expect(await page.evaluate('[location.protocol, typeof window.moodtape]')).toEqual(['file:', 'object']);
  });

  it('snapshot -> mood -> playlist -> the music plays', async () => {
    await byTestId(page, 'snapshot').click();
    await expectMoodShown(page);
    await byTestId(page, 'playlist-item').first().waitFor({ timeout: 30_000 });
    await expectPositionAdvances(page);
  });

  it('has the quick-mood item in the tray menu', async () => {
    const labels = await app.evaluate(() => {
      const menu = (globalThis as unknown as { __moodtapeTrayMenu?: () => { items: { label: string }[] } | null }).__moodtapeTrayMenu?.();
      return menu ? menu.items.map((i) => i.label) : null;
    });
    expect(labels).toContain('Quick mood');
  });

  it('closing the window keeps the app in the tray; Quit leaves no process behind', async () => {
    const pid = app.process().pid!;
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()))).toEqual([false]);
    expect(app.process().exitCode).toBeNull();

    const pids = [pid, ...childPids(pid)];
    const exited = new Promise<void>((r) => app.process().once('exit', () => r()));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await exited;
    await expect.poll(() => pids.filter(alive), { timeout: 15_000 }).toEqual([]);
  });
});
