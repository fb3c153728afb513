/**
 * The application menu: the usual roles (About, Edit for the text fields, View zoom, Window), the
 * player's actions with accelerators, and the quit-on-close setting. The player's keys need a
 * modifier: plain Space and arrows belong to the page (src/renderer/player/shortcuts.ts) and text fields.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { EMOTIONS, type Emotion, type PlayerCommand } from '../../shared/contract.js';

export interface MenuActions {
  command(command: PlayerCommand): void;
  chooseMood(emotion: Emotion): void;
  quickMood(): void;
  showWindow(): void;
  quit(): void;
  setQuitOnClose(quit: boolean): void;
}

export const PLAYER_ACCELERATORS: Record<PlayerCommand, string> = {
  'play-pause': 'CmdOrCtrl+P',
  next: 'CmdOrCtrl+Alt+Right',
  previous: 'CmdOrCtrl+Alt+Left',
  stop: 'CmdOrCtrl+.',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function appMenuTemplate(
  actions: MenuActions,
  state: { quitOnClose: boolean },
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const quitOnClose: MenuItemConstructorOptions = {
    label: 'Quit When the Window Closes',
    type: 'checkbox',
    checked: state.quitOnClose,
    click: (item) => actions.setQuitOnClose(Boolean(item.checked)),
  };
  const quit: MenuItemConstructorOptions = {
    label: mac ? 'Quit Moodtape' : 'Quit',
    accelerator: 'CmdOrCtrl+Q',
    click: () => actions.quit(),
  };
  const first: MenuItemConstructorOptions = mac
    ? {
        label: 'Moodtape',
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          quitOnClose,
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          quit,
        ],
      }
    : { label: '&File', submenu: [quitOnClose, { type: 'separator' }, quit] };
  const player: MenuItemConstructorOptions = {
    label: '&Player',
    submenu: [
      { label: 'Play / Pause', accelerator: PLAYER_ACCELERATORS['play-pause'], click: () => actions.command('play-pause') },
      { label: 'Next', accelerator: PLAYER_ACCELERATORS.next, click: () => actions.command('next') },
      { label: 'Previous', accelerator: PLAYER_ACCELERATORS.previous, click: () => actions.command('previous') },
      { label: 'Stop', accelerator: PLAYER_ACCELERATORS.stop, click: () => actions.command('stop') },
      { type: 'separator' },
      { label: 'Quick Mood', accelerator: 'CmdOrCtrl+Shift+M', click: () => actions.quickMood() },
      {
        label: 'Mood',
        submenu: EMOTIONS.map((e, i) => ({ label: capital(e), accelerator: `CmdOrCtrl+${i + 1}`, click: () => actions.chooseMood(e) })),
      },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: '&Window',
    role: 'windowMenu',
    submenu: [
      { role: 'minimize' },
      ...(mac ? [{ role: 'zoom' as const }, { type: 'separator' as const }, { role: 'front' as const }] : [{ role: 'close' as const }]),
      { type: 'separator' },
      { label: 'Show Moodtape', click: () => actions.showWindow() },
    ],
  };
  const help: MenuItemConstructorOptions = { label: '&Help', role: 'help', submenu: mac ? [] : [{ role: 'about' }] };
  return [first, { role: 'editMenu' }, view, player, windowMenu, ...(mac ? [] : [help])];
}
