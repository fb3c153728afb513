/**
 * The user's own music: real audio files (made with ffmpeg here) and a fake one dropped on the
 * window, progress and a summary naming the fake, the tracks in the library, one played, its mood
 * corrected by a pick and on the plane, and another file added with the Add-music button.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUSIC_MOODS } from '../src/shared/contract.js';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { chooseFiles, diskDataTransfer } from './helpers/transport.js';
import { byTestId, expectPositionAdvances, playlistIds, text } from './helpers/ui.js';
import { ffmpeg } from '../test/helpers/audio.js';

/** A row of the library, found by its title. */
const row = (page: Page, title: string) =>
  byTestId(page, 'library-row').filter({ has: page.locator(`[data-testid="library-title"]:text-is("${title}")`) });

describe('your own music library', () => {
  const session = sessionForBlock(VIDEO.missing);
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moodtape-e2e-music-'));
    // A calm tone, a fast loud click track, a low hum (for the button), and a text file posing as an mp3.
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-c:a', 'libopus', join(dir, 'calm_tone.opus'));
    ffmpeg('-f', 'lavfi', '-i', "aevalsrc='0.9*sin(2*PI*1500*t)*lt(mod(t\\,0.125)\\,0.015)':d=4:s=44100", join(dir, 'fast_clicks.wav'));
    ffmpeg('-f', 'lavfi', '-i', 'sine=frequency=110:duration=3', '-c:a', 'libopus', join(dir, 'low_hum.opus'));
    writeFileSync(join(dir, 'fake.mp3'), 'This is not music, only text with an mp3 name.\n'.repeat(50));
    writeFileSync(join(dir, 'notes.txt'), 'not audio: skipped quietly');
  });

  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports files dropped on the window, shows progress and a summary naming the fake file', async () => {
    const { page } = session();
    const dataTransfer = await diskDataTransfer(
      page,
      ['calm_tone.opus', 'fast_clicks.wav', 'fake.mp3', 'notes.txt'].map((name) => join(dir, name)),
    );

    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await byTestId(page, 'drop-overlay').waitFor({ timeout: 10_000 });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    expect(await byTestId(page, 'drop-overlay').count()).toBe(0);

    // Progress shows while it works (or the run is already over on a fast machine).
    await page.locator('[data-testid="import-progress"], [data-testid="import-summary"]').first().waitFor({ timeout: 30_000 });
    const summary = byTestId(page, 'import-summary');
    await summary.waitFor({ timeout: 120_000 });
    const said = await text(page, 'import-summary');
    expect(said).toMatch(/2 added/);
    expect(said).toMatch(/could not be read/);
    const problems = await byTestId(page, 'import-problem').allTextContents();
    expect(problems.join('\n')).toContain('fake.mp3');
    expect(problems.join('\n')).not.toContain('calm_tone');
    expect(said).not.toContain('notes.txt');
  });

  it('lists the new tracks in the library, with their music moods', async () => {
    const { page } = session();
    await byTestId(page, 'library-origin').selectOption('user');
    await expect.poll(() => row(page, 'calm tone').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => row(page, 'fast clicks').count(), { timeout: 30_000 }).toBe(1);
    // Analysis finishes: no row stays "analysing…".
    await expect
      .poll(async () => (await byTestId(page, 'library-state').allTextContents()).filter((t) => t.includes('analysing')).length, {
        timeout: 120_000,
      })
      .toBe(0);
    const mood = (await row(page, 'calm tone').locator('[data-testid="library-mood"]').textContent())?.trim();
    expect(MUSIC_MOODS).toContain(mood);
    // The chip wears its music mood's colour.
    expect(await row(page, 'calm tone').getAttribute('class')).toContain(`music-${mood}`);

    // The search narrows the list.
    await byTestId(page, 'library-search').fill('clicks');
    await expect.poll(() => byTestId(page, 'library-row').count(), { timeout: 10_000 }).toBe(1);
    await byTestId(page, 'library-search').fill('');
    await expect.poll(() => byTestId(page, 'library-row').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  });

  it('plays a library track at once', async () => {
    const { page } = session();
    await row(page, 'calm tone').locator('[data-testid="library-play"]').click();
    await expect.poll(() => text(page, 'now-playing-title'), { timeout: 30_000 }).toBe('calm tone');
    await expectPositionAdvances(page, 1);
    // The playing track is marked in the library, and only it.
    expect(await row(page, 'calm tone').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-testid="library-row"][aria-current="true"]').count()).toBe(1);
  });

  it('corrects a mood by picking a music mood, resets it, and places it on the plane', async () => {
    const { page } = session();
    const r = row(page, 'fast clicks');
    const before = ((await r.locator('[data-testid="library-mood"]').textContent()) ?? '').trim();
    const pick = before === 'tense' ? 'tender' : 'tense';
    await r.locator('[data-testid="library-mood"]').click();
    await r.locator('[data-testid="mood-editor"]').waitFor();
    // The correction speaks the library's words: music moods, not face emotions.
    const offered = await r.locator('[data-testid="mood-select"] option:not([disabled])').allTextContents();
    expect(offered.map((o) => o.trim())).toEqual([...MUSIC_MOODS]);
    await r.locator('[data-testid="mood-select"]').selectOption(pick);
    await expect.poll(async () => (await r.locator('[data-testid="library-mood"]').textContent())?.trim(), { timeout: 10_000 }).toBe(pick);
    expect(await r.locator('[data-testid="library-state"]').textContent()).toContain('your correction');

    await r.locator('[data-testid="mood-reset"]').click();
    await expect
      .poll(async () => (await r.locator('[data-testid="library-mood"]').textContent())?.trim(), { timeout: 10_000 })
      .toBe(before);
    expect(await r.locator('[data-testid="library-state"]').count()).toBe(0);

    // Low valence, low arousal on the plane (x 20 %, y 72.5 %) is the "sad" target itself: melancholic music.
    const plane = r.locator('[data-testid="mood-plane"]');
    const box = (await plane.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.2, box.y + box.height * 0.725);
    await expect
      .poll(async () => (await r.locator('[data-testid="library-mood"]').textContent())?.trim(), { timeout: 10_000 })
      .toBe('melancholic');
    expect(await r.locator('[data-testid="library-state"]').textContent()).toContain('your correction');
  });

  it('adds a file with the Add-music button', async () => {
    const { page } = session();
    await byTestId(page, 'import-summary-dismiss').click();
    await chooseFiles(page, byTestId(page, 'add-music-input'), [join(dir, 'low_hum.opus')]);
    await byTestId(page, 'import-summary').waitFor({ timeout: 120_000 });
    expect(await text(page, 'import-summary')).toMatch(/1 added/);
    await expect.poll(() => row(page, 'low hum').count(), { timeout: 30_000 }).toBe(1);
  });

  it('"Only my music" makes the next playlist from the user\'s tracks alone', async () => {
    const { page } = session();
    const mine = await byTestId(page, 'library-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-track-id')));
    expect(mine.length).toBe(3);
    await byTestId(page, 'only-my-music').check();
    // Only tracks that fit the mood are picked: the correction above put one of mine on the sad target.
    await byTestId(page, 'manual-mood-sad').click();
    await expect
      .poll(
        async () => {
          // A song still under way queues the new playlist as "Up next": take it now.
          if ((await byTestId(page, 'play-now').count()) > 0) await byTestId(page, 'play-now').click();
          const ids = await playlistIds(page);
          return (
            (await page.locator('#playlist-title').textContent())?.includes('sad') && ids.length > 0 && ids.every((id) => mine.includes(id))
          );
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    expect(await byTestId(page, 'only-my-music').isChecked()).toBe(true);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
