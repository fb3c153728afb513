/** The application menu: usual roles, the player's actions with accelerators, and the quit-on-close setting. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate, PLAYER_ACCELERATORS, type MenuActions } from '../../src/main/electron/menu.js';

const actions = (): MenuActions & Record<string, ReturnType<typeof vi.fn>> => ({
  command: vi.fn(),
  chooseMood: vi.fn(),
  quickMood: vi.fn(),
  showWindow: vi.fn(),
  quit: vi.fn(),
  setQuitOnClose: vi.fn(),
});

const items = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  t.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
const byLabel = (t: MenuItemConstructorOptions[], label: string) => items(t).find((i) => i.label === label)!;
const click = (i: MenuItemConstructorOptions, checked?: boolean) => (i.click as (item: { checked?: boolean }) => void)({ checked });

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has About, Edit, View zoom and Window on %s', (platform) => {
    const t = appMenuTemplate(actions(), { quitOnClose: false }, platform);
    const roles = items(t).map((i) => i.role);
    for (const role of ['about', 'editMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'minimize']) expect(roles).toContain(role);
    expect(t.find((i) => i.role === 'windowMenu')).toBeTruthy();
  });

  it('runs the player actions with modifier accelerators (Space and arrows stay the page’s)', () => {
    const a = actions();
    const t = appMenuTemplate(a, { quitOnClose: false }, 'linux');
    for (const [label, command] of [
      ['Play / Pause', 'play-pause'],
      ['Next', 'next'],
      ['Previous', 'previous'],
      ['Stop', 'stop'],
    ] as const) {
      const item = byLabel(t, label);
      expect(item.accelerator).toBe(PLAYER_ACCELERATORS[command]);
      expect(String(item.accelerator)).toMatch(/^CmdOrCtrl\+/);
      click(item);
      expect(a.command).toHaveBeenLastCalledWith(command);
    }
    click(byLabel(t, 'Quick Mood'));
    expect(a.quickMood).toHaveBeenCalled();
    click(byLabel(t, 'Sad'));
    expect(a.chooseMood).toHaveBeenCalledWith('sad');
  });

  it('accelerators are unique', () => {
    const acc = items(appMenuTemplate(actions(), { quitOnClose: false }, 'linux'))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(acc).size).toBe(acc.length);
  });

  it('shows and changes the quit-on-close setting, and Quit quits', () => {
    const a = actions();
    const t = appMenuTemplate(a, { quitOnClose: true }, 'linux');
    const item = byLabel(t, 'Quit When the Window Closes');
    expect(item.type).toBe('checkbox');
    expect(item.checked).toBe(true);
    click(item, false);
    expect(a.setQuitOnClose).toHaveBeenCalledWith(false);
    click(byLabel(t, 'Quit'));
    expect(a.quit).toHaveBeenCalled();
    click(byLabel(appMenuTemplate(a, { quitOnClose: false }, 'darwin'), 'Quit Moodtape'));
    expect(a.quit).toHaveBeenCalledTimes(2);
  });
});
