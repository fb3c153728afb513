/**
 * The queue follows the song: a long queue scrolls on its own, and when the song changes the
 * playing row is scrolled into the list's view (the page and the focus stay where they were).
 */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, queueRows } from './helpers/ui.js';

// Page-side code goes as strings: the e2e files are type-checked without the DOM library.
const PLAYING_ROW_SHOWN = `(() => {
  const list = document.querySelector('[data-testid="playlist"]');
  const row = list.querySelector('[aria-current="true"]');
  if (!row) return 'no playing row';
  const b = list.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const top = b.top + list.clientTop;
  return r.top >= top - 0.5 && r.bottom <= top + list.clientHeight + 0.5 ? 'shown' : 'out of view';
})()`;

describe('the queue follows the song', () => {
  const session = sessionForBlock(VIDEO.missing);

  it('scrolls the playing row into the list view on Next, leaving the page and the focus alone', async () => {
    const { page } = session();
    await page.setViewportSize({ width: 1280, height: 560 });
    await byTestId(page, 'manual-mood-happy').click();
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);
    const list = byTestId(page, 'playlist');
    // The list scrolls by itself: it is taller than the room it has.
    expect(await list.evaluate((el) => el.scrollHeight > el.clientHeight + 20)).toBe(true);
    await list.scrollIntoViewIfNeeded();
    const pageY = await page.evaluate('window.scrollY');
    const next = byTestId(page, 'next');
    const n = await byTestId(page, 'playlist-item').count();
    for (let i = 1; i < n; i++) {
      await next.click();
      await expect.poll(async () => (await queueRows(page)).findIndex((r) => r.current), { timeout: 15_000 }).toBe(i);
      await expect.poll(() => page.evaluate(PLAYING_ROW_SHOWN), { timeout: 5_000 }).toBe('shown');
    }
    expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await page.evaluate('window.scrollY')).toBe(pageY);
    expect(await page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('next');

    // Previous back to the first song: the list scrolls back up (at once when less motion is asked for).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await byTestId(page, 'playlist-item')
      .first()
      .locator('[data-testid="play-item"]')
      .evaluate((el) => (el as unknown as { click(): void }).click());
    await expect.poll(async () => (await queueRows(page)).findIndex((r) => r.current), { timeout: 15_000 }).toBe(0);
    expect(await page.evaluate(PLAYING_ROW_SHOWN)).toBe('shown');
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
