/**
 * The paper's loop, end to end: snapshot -> mood -> playlist -> audio plays -> next -> replace
 * -> stop, with a video file as the camera.
 */
import { describe, expect, it } from 'vitest';
import { MUSIC_MOODS } from '../src/shared/contract.js';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, elapsedSeconds, expectMoodShown, expectPositionAdvances, playlistIds, text } from './helpers/ui.js';

describe('snapshot to music', () => {
  const session = sessionForBlock(VIDEO.happyFace);

  it('reads a mood from one snapshot and starts a fitting playlist', async () => {
    const { page } = session();
    await byTestId(page, 'snapshot').click();
    const mood = await expectMoodShown(page);
    expect(await text(page, 'mood-confidence')).toMatch(/^\d{1,3}%$/);
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Nothing was playing, so the new playlist starts by itself and the clock moves.
    await expectPositionAdvances(page);
    const first = byTestId(page, 'playlist-item').first();
    expect(await text(page, 'now-playing')).toContain(((await first.locator('.title').textContent()) ?? '').trim());
    // A snapshot turns the camera off again afterwards.
    await expect.poll(() => text(page, 'camera-status')).toMatch(/camera off/i);
    console.log(`snapshot mood: ${mood} (${await text(page, 'mood-confidence')})`);

    const shot = process.env.MOODTAPE_SCREENSHOT;
    if (shot) {
      await page.mouse.move(1, 1);
      await page.screenshot({ path: shot });
    }
  });

  it('skips to the next track', async () => {
    const { page } = session();
    const before = await text(page, 'now-playing');
    await byTestId(page, 'next').click();
    await expect.poll(() => text(page, 'now-playing'), { timeout: 30_000 }).not.toBe(before);
    await expectPositionAdvances(page, 1);
  });

  it('replaces a playlist entry with another track from the library, filtered by music mood', async () => {
    const { page } = session();
    const ids = await playlistIds(page);
    const index = ids.length - 1;
    await byTestId(page, 'playlist-item').nth(index).locator('[data-testid="replace"]').click();
    await byTestId(page, 'replace-option').first().waitFor();
    // The filter chips are the music moods; picking one leaves only its tracks.
    const mood = ((await byTestId(page, 'replace-option-mood').first().textContent()) ?? '').trim();
    expect(MUSIC_MOODS).toContain(mood);
    await byTestId(page, 'replace-mood-filter').getByRole('button', { name: mood, exact: true }).click();
    await expect
      .poll(async () => new Set((await byTestId(page, 'replace-option-mood').allTextContents()).map((m) => m.trim())))
      .toEqual(new Set([mood]));
    const option = byTestId(page, 'replace-option').first();
    const chosen = await option.getAttribute('data-track-id');
    expect(chosen).toBeTruthy();
    expect(ids).not.toContain(chosen);
    await option.click();
    await expect.poll(() => playlistIds(page)).toEqual([...ids.slice(0, index), chosen]);
    expect(await byTestId(page, 'replace-picker').count()).toBe(0);
  });

  it('stops', async () => {
    const { page } = session();
    await byTestId(page, 'stop').click();
    await byTestId(page, 'play').waitFor();
    await expect.poll(async () => elapsedSeconds(await text(page, 'position'))).toBe(0);
    await page.waitForTimeout(1500);
    expect(elapsedSeconds(await text(page, 'position'))).toBe(0);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
