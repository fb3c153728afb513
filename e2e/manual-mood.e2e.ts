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

  it('fits an 800x600 window: camera buttons on one line, one Snapshot control, titles readable', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 800, height: 600 });
    try {
      const lineHeight = (id: string) =>
        byTestId(page, id).evaluate((el) => {
          const box = el.getBoundingClientRect();
          // (The e2e files are typed without the DOM library: the page's own getComputedStyle, typed here.)
          type Sizes = Record<'paddingTop' | 'paddingBottom' | 'borderTopWidth' | 'borderBottomWidth' | 'lineHeight' | 'fontSize', string>;
          const style = (globalThis as unknown as { getComputedStyle(e: unknown): Sizes }).getComputedStyle(el);
          const inner =
            box.height -
            parseFloat(style.paddingTop) -
            parseFloat(style.paddingBottom) -
            parseFloat(style.borderTopWidth) -
            parseFloat(style.borderBottomWidth);
          return inner / parseFloat(style.lineHeight === 'normal' ? String(1.2 * parseFloat(style.fontSize)) : style.lineHeight);
        });
      await expect.poll(() => lineHeight('camera-toggle')).toBeLessThan(1.6);
      expect(await lineHeight('snapshot')).toBeLessThan(1.6);
      // The mode switch is the one control named Snapshot; the action says what it does.
      expect(await page.getByRole('button', { name: /snapshot/i }).count()).toBe(1);
      // The intent buttons beside the mood plane: each on one line, none past the edge of its card.
      for (const i of ['match', 'lift', 'calm', 'energise']) expect(await lineHeight(`intent-${i}`), i).toBeLessThan(1.6);
      const pastCard = await page.evaluate(`(() => {
        const edge = document.querySelector('[data-testid="intent-match"]').closest('.card').getBoundingClientRect().right;
        return [...document.querySelectorAll('[data-testid^="intent-"]')]
          .filter((b) => b.getBoundingClientRect().right > edge - 1)
          .map((b) => b.textContent.trim());
      })()`);
      expect(pastCard).toEqual([]);
      // The playing row's title is not cut: it fits its box (wrapping if it must).
      const title = byTestId(page, 'playlist-item').first().locator('.title');
      expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
