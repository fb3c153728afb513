/**
 * Which binding the e2e run drives: `serve` (default: the app over loopback HTTP/WebSocket in
 * Chromium) or `electron` (MOODTAPE_E2E_TRANSPORT=electron: the desktop window's bindings, see
 * electron/shell.ts). Tests stay transport-blind by using the helpers here for what differs.
 */
import type { Locator, Page, Request } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { MEDIA_SCHEME } from '../../src/shared/contract.js';
import { FILE_PATHS } from './electron/page-bridge.js';

export type Transport = 'serve' | 'electron';

export const TRANSPORT: Transport = process.env.MOODTAPE_E2E_TRANSPORT === 'electron' ? 'electron' : 'serve';

/** Audio requests of the player: /media/<id>?token= (serve) or moodtape-media://track/<id> (electron). */
export const MEDIA_URL = new RegExp(`/media/|^${MEDIA_SCHEME}://track/`);

/** The track id an audio request asks for, on either transport. */
export function mediaTrackId(request: Request | string): string {
  const u = new URL(typeof request === 'string' ? request : request.url());
  const path = u.protocol === `${MEDIA_SCHEME}:` ? u.pathname.slice(1) : u.pathname.slice('/media/'.length);
  return decodeURIComponent(path);
}

/**
 * A DataTransfer holding files from the disk, as a file manager's drag would: the bytes (what a
 * browser page gets) and, in the desktop window, each file's path (webUtils.getPathForFile).
 */
export async function diskDataTransfer(page: Page, paths: string[]) {
  const files = paths.map((path) => ({ path, name: basename(path), b64: readFileSync(path).toString('base64') }));
  return page.evaluateHandle(
    ({ files, registry }) => {
      // Runs in the page (DOM types are not in this project's Node tsconfig).
      const g = globalThis as unknown as Record<string, unknown> & { DataTransfer: new () => { items: { add(file: File): unknown } } };
      const dt = new g.DataTransfer();
      const reg = g[registry] as { register(f: File, p: string): void } | undefined;
      for (const f of files) {
        const file = new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name);
        reg?.register(file, f.path);
        dt.items.add(file);
      }
      return dt;
    },
    { files, registry: FILE_PATHS },
  );
}

/** Picks files from the disk in a file input (Add music), with their paths known to the desktop bridge. */
export async function chooseFiles(page: Page, input: Locator, paths: string[]): Promise<void> {
  await page.evaluate(
    ({ files, registry }) => {
      const reg = (globalThis as unknown as Record<string, { registerName(n: string, p: string): void } | undefined>)[registry];
      for (const f of files) reg?.registerName(f.name, f.path);
    },
    { files: paths.map((path) => ({ path, name: basename(path) })), registry: FILE_PATHS },
  );
  await input.setInputFiles(paths);
}
