/**
 * A music file that cannot be read: the player says which track and what to do, skips it, and
 * the music goes on. The browser answers the first track's audio with the app's own 404
 * ("No such track"), which is what both transports send for a file gone from disk.
 */
import { describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { MEDIA_URL, mediaTrackId } from './helpers/transport.js';
import { byTestId, expectErrorShown, expectPositionAdvances, text } from './helpers/ui.js';

describe('missing music file', () => {
  let broken: string | null = null;
  const session = sessionForBlock(VIDEO.missing, async (s) => {
    await s.page.route(MEDIA_URL, async (route) => {
      const id = mediaTrackId(route.request());
      broken ??= id;
      if (id === broken) await route.fulfill({ status: 404, contentType: 'text/plain', body: 'No such track' });
      else await route.fallback();
    });
  });

  it('names the track, skips it, and keeps playing', async () => {
    const { page } = session();
    await byTestId(page, 'manual-mood-neutral').click();
    await byTestId(page, 'playlist-item').first().waitFor({ timeout: 30_000 });
    const firstTitle = ((await byTestId(page, 'playlist-item').first().locator('.title').textContent()) ?? '').trim();

    const message = await expectErrorShown(page, /could not play/i);
    expect(message).toContain(firstTitle);
    expect(message).toMatch(/missing or unreadable/i);
    expect(broken).toBeTruthy();

    await expect.poll(() => text(page, 'now-playing'), { timeout: 30_000 }).not.toContain(firstTitle);
    await expectPositionAdvances(page);
    expect(await byTestId(page, 'playlist-item').count()).toBeGreaterThan(1);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
