/**
 * One app + one browser page per test file, torn down afterwards, with the CSP watch checked.
 * The app is `moodtape serve` (default) or the desktop bindings (MOODTAPE_E2E_TRANSPORT=electron).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openApp, type AppPage } from './browser.js';
import { E2E_PAGE_ORIGIN, startShell } from './electron/shell.js';
import { startServer } from './server.js';
import { TRANSPORT } from './transport.js';

/** The running app, whichever transport: where its data lives, what it printed, how to stop it. */
export interface AppHandle {
  url: string;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export interface Session {
  server: AppHandle;
  browser: Browser;
  app: AppPage;
  page: Page;
  /** Fails the test when the page hit a CSP violation or an uncaught error. */
  expectNoProblems(): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(camera: string): Promise<Session> {
  const shell = TRANSPORT === 'electron' ? await startShell({ camera }) : null;
  const server: AppHandle = shell ?? (await startServer({ camera }));
  let browser: Browser | null = null;
  try {
    browser = await launchBrowser();
    const app = await openApp(
      browser,
      server.url,
      shell ? { prepare: (context) => shell.attach(context), opened: (page) => shell.setPage(page) } : {},
    );
    // The page is ready once it has the app's state: the mood picker is rendered from it.
    await app.page.locator('[data-testid="manual-mood-happy"]').waitFor({ timeout: 30_000 });
    if (shell) {
      // The page really is the desktop one: from the shell's page handler, talking through the preload's bridge.
      const where = await app.page.evaluate('[location.origin, typeof window.moodtape]');
      expect(where, 'the desktop transport page').toEqual([E2E_PAGE_ORIGIN, 'object']);
    }
    const b = browser;
    return {
      server,
      browser: b,
      app,
      page: app.page,
      async expectNoProblems() {
        expect(await app.problems(), `console:\n${app.console.join('\n')}\n--- app ---\n${server.output()}`).toEqual([]);
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
