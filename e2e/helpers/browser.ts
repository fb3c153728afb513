/**
 * Debian's Chromium through playwright-core, with a watch on what a user would never see but
 * we care about: CSP violations and uncaught page errors.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MOODTAPE_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--autoplay-policy=no-user-gesture-required',
      // The desktop transport loads the renderer from file:// (its module scripts, as Electron allows).
      '--allow-file-access-from-files',
    ],
  });
}

// Runs before the page's own scripts; records every CSP violation the page meets.
const CSP_WATCH = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
  });
`;

export interface AppPage {
  page: Page;
  /** Console lines, for failure messages. */
  console: string[];
  /** CSP violations (from the page and the console) and uncaught errors; empty when all is well. */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens the app's page; `prepare` wires the context first (the desktop bridge), `opened` sees the page before it loads. */
export async function openApp(
  browser: Browser,
  url: string,
  hooks: { prepare?: (context: BrowserContext) => Promise<void>; opened?: (page: Page) => void } = {},
): Promise<AppPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await hooks.prepare?.(context);
  const page = await context.newPage();
  hooks.opened?.(page);
  const consoleLines: string[] = [];
  const errors: string[] = [];
  await page.addInitScript({ content: CSP_WATCH });
  page.on('console', (m) => {
    const line = `[${m.type()}] ${m.text()}`;
    consoleLines.push(line);
    if (/Content Security Policy/i.test(m.text())) errors.push(`console: ${line}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  const response = await page.goto(url);
  // file:// pages have no HTTP response to check.
  if (!url.startsWith('file:') && (!response || !response.ok())) throw new Error(`GET ${url} answered ${response?.status()}`);
  return {
    page,
    console: consoleLines,
    async problems() {
      const csp = page.isClosed() ? [] : ((await page.evaluate('window.__cspViolations || []')) as string[]);
      return [...csp.map((v) => `CSP: ${v}`), ...errors];
    },
    close: () => context.close(),
  };
}
