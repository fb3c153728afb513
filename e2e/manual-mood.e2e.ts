/** Picking a mood by hand works without any camera, and a new mood never cuts the song. */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, expectPositionAdvances, playlistIds, text } from './helpers/ui.js';

describe('manual mood', () => {
  const session = sessionForBlock(VIDEO.missing);

  it('plays a playlist for a mood picked by hand', async () => {
    const { page } = session();
    await byTestId(page, 'manual-mood-sad').click();
    await expect.poll(() => text(page, 'mood-label'), { timeout: 30_000 }).toBe('sad');
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expectPositionAdvances(page);
  });

  it('queues a new mood as "Up next" without cutting the song, and "Play now" switches', async () => {
    const { page } = session();
    const playing = await text(page, 'now-playing');
    const before = await playlistIds(page);
    await byTestId(page, 'manual-mood-happy').click();
    await expect.poll(() => text(page, 'mood-label')).toBe('happy');
    await byTestId(page, 'up-next').waitFor({ timeout: 30_000 });
    expect(await text(page, 'up-next')).toContain('happy');
    expect(await text(page, 'now-playing')).toBe(playing);
    expect(await playlistIds(page)).toEqual(before);

    await byTestId(page, 'play-now').click();
    expect(await byTestId(page, 'up-next').count()).toBe(0);
    await expect.poll(() => playlistIds(page)).not.toEqual(before);
    await expect.poll(() => text(page, 'now-playing'), { timeout: 30_000 }).not.toBe(playing);
    await expectPositionAdvances(page, 1);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
