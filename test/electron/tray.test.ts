import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EMOTIONS } from '../../src/shared/contract.js';
import { FakeNotification, FakeTray, nativeImage, resetFakes } from './fake-electron.js';
import { fakeMoodtape, mood, type FakeMoodtape } from './fake-moodtape.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { createTray, moodMessage } = await import('../../src/main/electron/tray.js');

type Item = { label?: string; type?: string; checked?: boolean; click?: () => void; submenu?: Item[] };

function setup(m: FakeMoodtape = fakeMoodtape()) {
  const opts = { iconPath: '/assets/icons/tray.png', appIconPath: '/assets/icons/icon.png', showWindow: vi.fn(), quit: vi.fn() };
  const dispose = createTray(m, opts);
  const tray = FakeTray.instances.at(-1)!;
  const items = () => tray.menu!.template as Item[];
  const item = (label: string) => items().find((i) => i.label === label)!;
  return { m, opts, dispose, tray, items, item };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('tray', () => {
  beforeEach(() => resetFakes());

  it('shows the tray icon with the menu in order', () => {
    const { tray, items } = setup();
    expect(nativeImage.createFromPath).toHaveBeenCalledWith('/assets/icons/tray.png');
    expect(tray.tooltip).toBe('Moodtape');
    expect(
      items()
        .filter((i) => i.type !== 'separator')
        .map((i) => i.label),
    ).toEqual(['Quick mood', 'Mood', 'Music', 'Play / Pause', 'Next', 'Show window', 'Quit']);
  });

  it('quick mood runs one snapshot and names the mood in a notification', async () => {
    const { m, item } = setup();
    item('Quick mood').click!();
    await settle();
    expect(m.quickMood).toHaveBeenCalledTimes(1);
    expect(FakeNotification.instances).toHaveLength(1);
    const n = FakeNotification.instances[0]!;
    expect(n.options.body).toBe('You look happy — playing happy music');
    expect(n.shown).toBe(true);
  });

  it('quick mood reports the problem the app emitted when no mood came out', async () => {
    const m = fakeMoodtape();
    m.quickMood.mockImplementation(async () => {
      m.emit('error', { code: 'no-face', message: 'No face in view.', hint: 'Face the camera in good light.' });
      return null;
    });
    const { item } = setup(m);
    item('Quick mood').click!();
    await settle();
    const n = FakeNotification.instances[0]!;
    expect(n.options.title).toMatch(/could not read your mood/);
    expect(n.options.body).toBe('No face in view. Face the camera in good light.');
  });

  it('quick mood reports a thrown error too, and ignores clicks while one is running', async () => {
    const m = fakeMoodtape();
    let fail!: (e: unknown) => void;
    m.quickMood.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const { item } = setup(m);
    item('Quick mood').click!();
    item('Quick mood').click!();
    expect(m.quickMood).toHaveBeenCalledTimes(1);
    fail({ code: 'camera-unavailable', message: 'No camera found.', hint: '' });
    await settle();
    expect(FakeNotification.instances[0]!.options.body).toBe('No camera found.');
  });

  it('the mood submenu offers the seven emotions and picks one by hand', () => {
    const { m, item } = setup();
    const sub = item('Mood').submenu!;
    expect(sub.map((i) => i.label?.toLowerCase())).toEqual([...EMOTIONS]);
    sub.find((i) => i.label === 'Sad')!.click!();
    expect(m.chooseMood).toHaveBeenCalledWith('sad', 'tray');
  });

  it('the music submenu offers the intents, saves the one picked, and follows the saved setting', async () => {
    const { m, item } = setup();
    const checked = () => item('Music').submenu!.find((i) => i.checked)?.label;
    await settle();
    expect(checked()).toBe('Match my mood');
    item('Music').submenu!.find((i) => i.label === 'Lift my mood')!.click!();
    expect(m.call).toHaveBeenCalledWith('updateSettings', { intent: 'lift' });
    m.emit('settings', { ...m.settings, intent: 'calm' });
    expect(checked()).toBe('Calm me down');
  });

  it('checks the current mood as it changes', () => {
    const { m, item } = setup();
    expect(item('Mood').submenu!.some((i) => i.checked)).toBe(false);
    m.emit('mood', mood('surprise', 'live'));
    expect(item('Mood').submenu!.find((i) => i.checked)?.label).toBe('Surprise');
  });

  it('player, window and quit entries call the right things', () => {
    const { m, opts, item, tray } = setup();
    item('Play / Pause').click!();
    item('Next').click!();
    expect(m.sendCommand.mock.calls).toEqual([['play-pause'], ['next']]);
    item('Show window').click!();
    tray.emit('click');
    expect(opts.showWindow).toHaveBeenCalledTimes(2);
    item('Quit').click!();
    expect(opts.quit).toHaveBeenCalled();
  });

  it('dispose removes the icon and the subscription', () => {
    const { m, dispose, tray } = setup();
    dispose();
    expect(tray.destroyed).toBe(true);
    expect(m.listeners.size).toBe(0);
  });

  it('words every mood', () => {
    for (const e of EMOTIONS) expect(moodMessage(e)).toMatch(/^You look \w+ — playing \w+ music$/);
  });
});
