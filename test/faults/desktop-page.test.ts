/**
 * The desktop page's scheme (app://moodtape) and the media scheme's CORS, probed as an attacker
 * would: traversal out of the renderer folder, other hosts, look-alike origins. Electron's own
 * primitives are faked; the handlers are the shell's real ones.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp.js';

vi.mock('electron', async () => (await import('../electron/fake-electron.js')).electron);
const { APP_ORIGIN, isAppPage, pageHandler } = await import('../../src/main/electron/page-protocol.js');
const { mediaHandler } = await import('../../src/main/electron/protocol.js');

const dir = mkdtempSync(join(tmpdir(), 'moodtape-page-'));
const renderer = join(dir, 'renderer');
mkdirSync(join(renderer, 'assets'), { recursive: true });
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Moodtape</title>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'not for the page');
const page = pageHandler(renderer);
const get = (url: string) => page(new Request(url));

describe('app://moodtape, the desktop page', () => {
  it('serves the built renderer with the header CSP (frame-ancestors included) and the security headers', async () => {
    const r = await get(`${APP_ORIGIN}/index.html`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(`${APP_ORIGIN}/`)).status).toBe(200);
    expect(await (await get(`${APP_ORIGIN}/assets/app.js`)).text()).toBe('console.log(1)');
  });

  it.each([
    ['an encoded traversal', `${APP_ORIGIN}/%2e%2e/secret.txt`],
    ['an encoded slash traversal', `${APP_ORIGIN}/assets%2f..%2f..%2fsecret.txt`],
    ['a backslash', `${APP_ORIGIN}/..%5csecret.txt`],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://moodtape.evil/index.html'],
    ['a missing file', `${APP_ORIGIN}/nope.js`],
  ])('answers 404 to %s, never a file outside the renderer', async (_what, url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('not for the page');
  });

  it('only the page itself is the app page for IPC', () => {
    expect(isAppPage(`${APP_ORIGIN}/index.html#/about`)).toBe(true);
    expect(isAppPage(`${APP_ORIGIN}/assets/app.js`)).toBe(false);
    expect(isAppPage(`file://${renderer}/index.html`)).toBe(false);
    expect(isAppPage('app://moodtape.evil/index.html')).toBe(false);
  });
});

describe('media CORS', () => {
  const app = {
    media: async () => ({ status: 200 as const, headers: { 'content-type': 'audio/ogg' }, body: Readable.from([Buffer.from('ogg')]) }),
  };
  const handler = mediaHandler(app, { pageOrigin: APP_ORIGIN });
  const ask = (origin: string | null) => handler(new Request('moodtape-media://track/offshore', { headers: origin ? { origin } : {} }));

  it('names the page’s origin for the page, and nobody else (never *)', async () => {
    expect((await ask(APP_ORIGIN)).headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    for (const other of ['null', 'https://evil.example', 'app://moodtape.evil', 'file://']) {
      expect((await ask(other)).headers.get('access-control-allow-origin')).toBeNull();
    }
    expect((await ask(null)).headers.get('access-control-allow-origin')).toBeNull();
  });
});
