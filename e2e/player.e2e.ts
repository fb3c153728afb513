/**
 * The player people keep: OS media controls (navigator.mediaSession), the queue (reorder, remove,
 * play next, shuffle, repeat one), saved playlists, the session surviving a reload, and the history.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { byTestId, elapsedSeconds, expectPositionAdvances, focusRingCuts, playlistIds, queueRows, seekTo, text } from './helpers/ui.js';

// Keeps the media-session action handlers the page registers, so a test can press "next" as the OS would.
const CAPTURE_HANDLERS = `
  window.__mediaHandlers = {};
  if (navigator.mediaSession) {
    const set = navigator.mediaSession.setActionHandler.bind(navigator.mediaSession);
    navigator.mediaSession.setActionHandler = (action, handler) => {
      window.__mediaHandlers[action] = handler;
      set(action, handler);
    };
  }
`;

// Page-side code goes as strings: the e2e files are type-checked without the DOM library.
const mediaSession = (page: Page) =>
  page.evaluate(`({
    title: navigator.mediaSession.metadata?.title ?? null,
    artist: navigator.mediaSession.metadata?.artist ?? null,
    state: navigator.mediaSession.playbackState,
  })`) as Promise<{ title: string | null; artist: string | null; state: string }>;

const title = (page: Page) => text(page, 'now-playing-title');

describe('the player', () => {
  /** Every answer the page got that said "not found". */
  const notFound: string[] = [];
  const session = sessionForBlock(VIDEO.missing, async (s) => {
    s.page.on('response', (r) => {
      if (r.status() === 404) notFound.push(r.url());
    });
    s.page.on('requestfailed', (r) => {
      if (/cover/.test(r.url())) notFound.push(`${r.url()} (${r.failure()?.errorText})`);
    });
    await s.page.addInitScript({ content: CAPTURE_HANDLERS });
    await s.page.reload();
    await byTestId(s.page, 'manual-mood-happy').waitFor({ timeout: 30_000 });
  });

  it('keeps the OS media controls in step: metadata and playback state follow play, pause and next', async () => {
    const { page } = session();
    await byTestId(page, 'manual-mood-happy').click();
    await expect.poll(() => byTestId(page, 'playlist-item').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    await expectPositionAdvances(page, 1);
    expect(await mediaSession(page)).toEqual({ title: await title(page), artist: expect.any(String), state: 'playing' });
    // The demo tracks have no cover art: nothing asked for one, and the OS is shown none.
    expect(notFound).toEqual([]);
    expect(await page.evaluate('navigator.mediaSession.metadata.artwork.length')).toBe(0);

    // Enter on Play/Pause toggles and leaves the focus on the same button.
    await byTestId(page, 'pause').focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'play').waitFor();
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('play');
    await expect.poll(async () => (await mediaSession(page)).state).toBe('paused');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await mediaSession(page)).state).toBe('playing');

    const before = await title(page);
    await page.evaluate(`window.__mediaHandlers.nexttrack()`);
    await expect.poll(() => title(page), { timeout: 30_000 }).not.toBe(before);
    await expect.poll(async () => (await mediaSession(page)).title).toBe(await title(page));
    await expectPositionAdvances(page, 1);
    // The window's title (taskbar, Alt+Tab, the browser tab) names the song too.
    const { artist } = await mediaSession(page);
    expect(await page.title()).toBe(`${await title(page)} – ${artist} · Moodtape`);
  });

  it('reorders by keyboard and by button, removes, and "Play next" puts a library track after the current one', async () => {
    const { page } = session();
    const ids = await playlistIds(page);
    // Alt+Down on the last-but-one row swaps it with the last.
    const n = ids.length;
    // One Tab stop per list; the arrow keys move between rows.
    expect(await page.locator('[data-testid="playlist"] button:not([tabindex="-1"])').count()).toBe(1);
    expect(await page.locator('[data-testid="library-list"] button:not([tabindex="-1"])').count()).toBe(1);
    await byTestId(page, 'play-item')
      .nth(n - 3)
      .focus();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(`document.activeElement === document.querySelectorAll('[data-testid="play-item"]')[${n - 2}]`))
      .toBe(true);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => playlistIds(page)).toEqual([...ids.slice(0, n - 2), ids[n - 1], ids[n - 2]]);
    await byTestId(page, 'playlist-item')
      .nth(n - 1)
      .locator('[data-testid="move-up"]')
      .click();
    await expect.poll(() => playlistIds(page)).toEqual(ids);

    await byTestId(page, 'playlist-item')
      .nth(n - 1)
      .locator('[data-testid="remove"]')
      .click();
    await expect.poll(() => playlistIds(page)).toEqual(ids.slice(0, n - 1));

    const current = ids.indexOf(
      (await page.locator('[data-testid="playlist-item"][aria-current="true"]').getAttribute('data-track-id')) ?? '',
    );
    const row = page.locator(`[data-testid="library-row"]:not([data-track-id="${ids.join('"]):not([data-track-id="')}"])`).first();
    const newId = await row.getAttribute('data-track-id');
    await row.locator('[data-testid="library-play-next"]').click();
    await expect.poll(async () => (await playlistIds(page))[current + 1]).toBe(newId);

    // "Play now" of a track already queued jumps to it instead of adding a copy.
    const count = (await playlistIds(page)).length;
    await page.locator(`[data-testid="library-row"][data-track-id="${newId}"] [data-testid="library-play"]`).click();
    await expect
      .poll(async () => page.locator('[data-testid="playlist-item"][aria-current="true"]').getAttribute('data-track-id'))
      .toBe(newId);
    expect((await playlistIds(page)).length).toBe(count);
  });

  it('shuffle and repeat-one behave as a user expects', async () => {
    const { page } = session();
    await byTestId(page, 'shuffle').click();
    expect(await byTestId(page, 'shuffle').getAttribute('aria-pressed')).toBe('true');
    await byTestId(page, 'shuffle').click();
    expect(await byTestId(page, 'shuffle').getAttribute('aria-pressed')).toBe('false');

    await byTestId(page, 'repeat').click();
    await byTestId(page, 'repeat').click();
    expect(await byTestId(page, 'repeat').getAttribute('data-repeat')).toBe('one');
    const song = await title(page);
    const duration = Number(await byTestId(page, 'seek').getAttribute('max'));
    await seekTo(page, duration - 2);
    // It ends, and the same song starts again.
    await expect.poll(async () => elapsedSeconds(await text(page, 'position')), { timeout: 30_000 }).toBeLessThan(duration - 10);
    expect(await title(page)).toBe(song);
    await expectPositionAdvances(page, 1);
    await byTestId(page, 'repeat').click();
    expect(await byTestId(page, 'repeat').getAttribute('data-repeat')).toBe('off');
  });

  it('the seek bar moves with the clock, not in jumps; its arrow keys seek 5 s', async () => {
    const { page } = session();
    if ((await byTestId(page, 'play').count()) > 0) await byTestId(page, 'play').click();
    await seekTo(page, 21.5);
    await expectPositionAdvances(page, 1);
    // Read together: where the bar's thumb stands, and the clock beside it.
    const sample = () =>
      page.evaluate(`(() => {
        const seek = document.querySelector('[data-testid="seek"]');
        return [Number(seek.value), document.querySelector('[data-testid="position"]').textContent];
      })()`) as Promise<[number, string]>;
    for (let i = 0; i < 6; i++) {
      const [bar, clock] = await sample();
      const shown = elapsedSeconds(clock);
      expect(bar - shown, `bar ${bar}, clock ${clock}`).toBeGreaterThanOrEqual(-0.3);
      expect(bar - shown, `bar ${bar}, clock ${clock}`).toBeLessThan(1.3);
      await page.waitForTimeout(450);
    }
    await byTestId(page, 'pause').click();
    const at = elapsedSeconds(await text(page, 'position'));
    await byTestId(page, 'seek').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => elapsedSeconds(await text(page, 'position'))).toBeGreaterThanOrEqual(at + 4);
    expect(elapsedSeconds(await text(page, 'position'))).toBeLessThanOrEqual(at + 6);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => elapsedSeconds(await text(page, 'position'))).toBeLessThanOrEqual(at - 4);
    await byTestId(page, 'play').click();
  });

  it('lists what played in the history, with the skip flagged', async () => {
    const { page } = session();
    await byTestId(page, 'tab-history').click();
    await expect.poll(() => byTestId(page, 'history-entry').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="history-entry"][data-skipped="true"]').count()).toBeGreaterThan(0);
    expect(await text(page, 'history')).toMatch(/mood: happy/);
    await byTestId(page, 'tab-playlists').click();
  });

  it('saves the queue, brings the session back after a reload (paused), and loads the saved playlist', async () => {
    const { page } = session();
    const ids = await playlistIds(page);
    const song = await title(page);
    await byTestId(page, 'save-playlist').click();
    // The name field takes the focus: the keyboard user types at once.
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('save-playlist-name');
    await byTestId(page, 'save-playlist-name').fill('Road trip');
    await byTestId(page, 'save-playlist-confirm').click();
    await expect.poll(() => text(page, 'saved-playlist-name')).toBe('Road trip');
    await byTestId(page, 'rename-playlist').first().click();
    expect(await page.evaluate(`document.activeElement?.getAttribute('data-testid')`)).toBe('rename-input');
    // The rename field's focus ring shows whole, in a small window and a large one, light and dark.
    for (const [width, height] of [
      [800, 600],
      [1280, 800],
    ]) {
      for (const colorScheme of ['dark', 'light'] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await byTestId(page, 'rename-input').focus();
        expect(await focusRingCuts(page), `${width}x${height} ${colorScheme}`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await page.locator('form.rename button[type="button"]').click();
    await byTestId(page, 'pause').click();
    const at = elapsedSeconds(await text(page, 'position'));
    const rows = await queueRows(page);
    // The mood's picks say why they are here (a track added from the library has no such line).
    expect(rows.filter((r) => r.reason?.includes('your happy mood')).length).toBeGreaterThan(2);

    await page.reload();
    await byTestId(page, 'manual-mood-happy').waitFor({ timeout: 30_000 });
    await expect.poll(() => playlistIds(page), { timeout: 30_000 }).toEqual(ids);
    expect(await title(page)).toBe(song);
    // Each row comes back with the line that says why its track is there.
    expect(await queueRows(page)).toEqual(rows);
    await byTestId(page, 'play').waitFor();
    await expect.poll(async () => elapsedSeconds(await text(page, 'position'))).toBeGreaterThanOrEqual(Math.max(0, at - 6));

    await byTestId(page, 'clear-queue').click();
    await expect.poll(() => byTestId(page, 'playlist-item').count()).toBe(0);
    await byTestId(page, 'load-playlist').first().click();
    await expect.poll(() => playlistIds(page)).toEqual(ids);
    // Loaded as a saved playlist, not picked for a mood: no row says a mood chose it.
    expect((await queueRows(page)).map((r) => r.reason)).toEqual(ids.map(() => null));
    await expectPositionAdvances(page, 1);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
