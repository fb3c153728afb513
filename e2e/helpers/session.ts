/** One server + one browser page per test file, torn down afterwards, with the CSP watch checked. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openApp, type AppPage } from './browser.js';
import { startServer, type ServerHandle } from './server.js';

export interface Session {
  server: ServerHandle;
  browser: Browser;
  app: AppPage;
  page: Page;
  /** Fails the test when the page hit a CSP violation or an uncaught error. */
  expectNoProblems(): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(camera: string): Promise<Session> {
  const server = await startServer({ camera });
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const app = await openApp(browser, server.url);
    // The page is ready once it has the app's state: the mood picker is rendered from it.
    await app.page.locator('[data-testid="manual-mood-happy"]').waitFor({ timeout: 30_000 });
    const b = browser;
    return {
      server,
      browser: b,
      app,
      page: app.page,
      async expectNoProblems() {
        expect(await app.problems(), `console:\n${app.console.join('\n')}`).toEqual([]);
      },
      async close() {
        await app.close().catch(() => {});
        await b.close().catch(() => {});
        await server.stop();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await server.stop();
    throw e;
  }
}

/**
 * Opens a session before the enclosing describe block's tests (then runs `prepare` on it) and closes it
 * after them. Returns a getter, since the session exists only once the block's tests run.
 */
export function sessionForBlock(camera: string, prepare?: (s: Session) => Promise<void>): () => Session {
  let s: Session | undefined;
  beforeAll(async () => {
    s = await openSession(camera);
    await prepare?.(s);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => {
    if (!s) throw new Error('the app session did not open (see the error in beforeAll)');
    return s;
  };
}
