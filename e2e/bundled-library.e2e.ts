/** The bundled library covers the mood plane: every mood picked by hand gets a real playlist, none widened. */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, EMOTION_NAMES, text } from './helpers/ui.js';

describe('the bundled library', () => {
  const session = sessionForBlock(VIDEO.missing);

  it('gives every mood at least 6 tracks, none widened', async () => {
    const { page } = session();
    for (const emotion of EMOTION_NAMES) {
      await byTestId(page, `manual-mood-${emotion}`).click();
      await expect.poll(() => text(page, 'mood-label'), { timeout: 30_000 }).toBe(emotion);
      // A song is under way after the first mood: the new list waits as "Up next" until asked for.
      if (emotion !== EMOTION_NAMES[0]) {
        await byTestId(page, 'up-next').waitFor({ timeout: 30_000 });
        expect(await text(page, 'up-next')).toContain(emotion);
        await byTestId(page, 'play-now').click();
      }
      await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
      const reasons = await byTestId(page, 'reason').allTextContents();
      expect(reasons.length, emotion).toBeGreaterThanOrEqual(6);
      for (const r of reasons) expect(r).toContain(`your ${emotion} mood`);
      if ((await byTestId(page, 'playlist-note').count()) > 0) expect(await text(page, 'playlist-note')).not.toMatch(/widened/);
    }
  });

  it('describes the playing song by its music mood, and its colour follows that mood (no face-emotion colour)', async () => {
    const { page } = session();
    const chip = await text(page, 'now-playing-mood');
    expect(['joyful', 'energetic', 'tense', 'dark', 'melancholic', 'calm', 'tender']).toContain(chip);
    expect(await page.evaluate(`document.documentElement.dataset.musicMood`)).toBe(chip);
    expect(await page.evaluate(`document.documentElement.dataset.mood ?? null`)).toBeNull();
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
