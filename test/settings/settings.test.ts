import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/shared/contract.js';
import { SettingsService } from '../../src/main/settings/settings.js';

const dir = () => mkdtempSync(join(tmpdir(), 'moodtape-settings-'));

describe('settings', () => {
  it('starts with defaults and remembers changes across restarts', () => {
    const d = dir();
    const first = SettingsService.open(d);
    expect(first.notice).toBeNull();
    expect(first.settings.get()).toEqual(DEFAULT_SETTINGS);
    first.settings.update({ volume: 0.3, mode: 'live', lastMood: 'sad' });
    const again = SettingsService.open(d).settings.get();
    expect(again).toMatchObject({ volume: 0.3, mode: 'live', lastMood: 'sad' });
  });

  it('keeps Moodtape in the tray on close unless the user chose to quit on close, across restarts', () => {
    const d = dir();
    const first = SettingsService.open(d).settings;
    expect(first.get().quitOnClose).toBe(false);
    first.update({ quitOnClose: true });
    expect(SettingsService.open(d).settings.get().quitOnClose).toBe(true);
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ quitOnClose: 'yes' }));
    expect(SettingsService.open(d).settings.get().quitOnClose).toBe(false);
  });

  it('keeps a corrupt file aside, says so, and starts fresh', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), '{"volume": 0.4, ');
    const { settings, notice } = SettingsService.open(d);
    expect(notice?.code).toBe('settings-corrupt');
    expect(notice?.message).toMatch(/settings\.corrupt-/);
    const backup = readdirSync(d).find((f) => f.startsWith('settings.corrupt-'))!;
    expect(readFileSync(join(d, backup), 'utf8')).toBe('{"volume": 0.4, ');
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    settings.update({ volume: 0.6 });
    expect(existsSync(join(d, 'settings.json'))).toBe(true);
  });

  it('drops a bad value but keeps the good ones', () => {
    const d = dir();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ volume: 7, mode: 'live', cameraSource: 'cam.mp4' }));
    expect(SettingsService.open(d).settings.get()).toMatchObject({
      volume: DEFAULT_SETTINGS.volume,
      mode: 'live',
      cameraSource: 'cam.mp4',
    });
  });
});
