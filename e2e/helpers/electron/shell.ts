/**
 * The desktop app's bindings without Electron's binary: the real app (createMoodtape) in this
 * process, bound by the shell's real bindIpc and media-protocol handler (src/main/electron), whose
 * `electron` import is electron-main.ts here. The page comes from the shell's own page handler
 * (page-protocol.ts: the built renderer, with the header CSP), as the window's app://moodtape/ page
 * does; plain Chromium cannot load a custom scheme as a page, so the handler answers on a stand-in
 * https origin here. window.moodtape is built by the real preload bundle.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createMoodtape } from '../../../src/main/app/moodtape.js';
import type { Moodtape } from '../../../src/main/app/types.js';
import { bindIpc } from '../../../src/main/electron/ipc.js';
import { isAppPage, pageHandler } from '../../../src/main/electron/page-protocol.js';
import { handleMediaProtocol } from '../../../src/main/electron/protocol.js';
import { MEDIA_SCHEME } from '../../../src/shared/contract.js';
import { REPO_ROOT } from '../paths.js';
import { ipcMain, protocol } from './electron-main.js';
import { EMIT_FUNCTION, INVOKE_BINDING, pageBridgeScript } from './page-bridge.js';

/** Where the e2e run serves the page (the window uses app://moodtape). */
export const E2E_PAGE_ORIGIN = 'https://app.moodtape.invalid';
const PAGE_ORIGIN = E2E_PAGE_ORIGIN;

export interface ShellHandle {
  url: string;
  dataDir: string;
  output(): string;
  /** Wires a browser context as the window's contents: preload, IPC and the media scheme. */
  attach(context: BrowserContext): Promise<void>;
  /** The page events go to (the main window's webContents). */
  setPage(page: Page): void;
  stop(): Promise<void>;
}

export async function startShell(opts: { camera: string }): Promise<ShellHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'moodtape-e2e-electron-'));
  const rendererDir = join(REPO_ROOT, 'dist', 'renderer');
  const preload = readFileSync(join(REPO_ROOT, 'dist', 'preload', 'index.cjs'), 'utf8');
  const log: string[] = [];
  let moodtape: Moodtape;
  try {
    moodtape = await createMoodtape({ assetsDir: join(REPO_ROOT, 'assets'), dataDir, cameraSource: opts.camera, version: '0.0.0-e2e' });
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  let page: Page | null = null;
  const contents = {
    isDestroyed: () => !page || page.isClosed(),
    send(channel: string, ...args: unknown[]) {
      const p = page;
      if (!p || p.isClosed()) return;
      // Playwright runs evaluations in the order they were sent: events keep their order.
      p.evaluate(([fn, c, a]) => (globalThis as unknown as Record<string, (c: string, a: unknown[]) => void>)[fn]?.(c, a), [
        EMIT_FUNCTION,
        channel,
        args,
      ] as const).catch((e: Error) => log.push(`event ${String(args[0])} not delivered: ${e.message}`));
    },
  };
  const disposers = [
    handleMediaProtocol(moodtape, { pageOrigin: PAGE_ORIGIN }),
    bindIpc(moodtape, { isAppPage: (url) => isAppPage(url, PAGE_ORIGIN), target: () => contents as never }),
  ];

  return {
    url: `${PAGE_ORIGIN}/index.html`,
    dataDir,
    output: () => log.join('\n'),
    async attach(context) {
      await context.exposeBinding(INVOKE_BINDING, async (source, channel: string, args: unknown[]) => {
        const handler = ipcMain.handlers.get(channel);
        if (!handler) throw new Error(`No handler registered for '${channel}'`);
        return handler({ senderFrame: { url: source.frame.url() } }, ...args);
      });
      const servePage = pageHandler(rendererDir, PAGE_ORIGIN);
      await context.route(`${PAGE_ORIGIN}/**`, async (route) => {
        const req = route.request();
        const res = await servePage(new Request(req.url(), { method: req.method() }));
        await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
      });
      await context.route(new RegExp(`^${MEDIA_SCHEME}:`), async (route) => {
        const req = route.request();
        const handler = protocol.handlers.get(MEDIA_SCHEME);
        // Like Electron with no handler for the scheme: the request fails.
        if (!handler) return route.abort('failed');
        try {
          const res = await handler(new Request(req.url(), { method: req.method(), headers: req.headers() }));
          const body = Buffer.from(await res.arrayBuffer());
          await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body });
        } catch (e) {
          log.push(`${req.url()}: ${(e as Error).message}`);
          await route.abort('failed').catch(() => {});
        }
      });
      await context.addInitScript({ content: pageBridgeScript(preload) });
    },
    setPage(p) {
      page = p;
    },
    async stop() {
      page = null;
      for (const dispose of disposers.reverse()) dispose();
      await moodtape.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
