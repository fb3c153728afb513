import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEDIA_SCHEME } from '../../src/shared/contract.js';
import { fileResponse } from '../../src/main/library/media-response.js';
import { protocol, resetFakes } from './fake-electron.js';
import { fakeMoodtape } from './fake-moodtape.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { handleMediaProtocol, mediaHandler, trackIdFromUrl } = await import('../../src/main/electron/protocol.js');
const { APP_SCHEME, registerSchemes } = await import('../../src/main/electron/page-protocol.js');

// A real file on disk: 6000 bytes of a known pattern, served by the real fileResponse.
const dir = mkdtempSync(join(tmpdir(), 'moodtape-protocol-'));
const audio = join(dir, 'coherence.opus');
const bytes = Buffer.alloc(6000, 0).map((_, i) => (i * 7) % 251);
writeFileSync(audio, bytes);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const library: Record<string, string> = { 'demo-coherence': audio, 'with space é': audio };
const makeApp = () => fakeMoodtape((id, range) => fileResponse(library[id] ?? null, range));
const get = (url: string, init?: RequestInit) => mediaHandler(app)(new Request(url, init));
let app = makeApp();

describe('moodtape-media protocol', () => {
  beforeEach(() => {
    resetFakes();
    app = makeApp();
  });

  it('registers the page and media schemes as privileged in one call (media: standard, secure, stream, fetch, CORS) and handles it', async () => {
    registerSchemes();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) },
      {
        scheme: MEDIA_SCHEME,
        privileges: expect.objectContaining({ standard: true, secure: true, stream: true, supportFetchAPI: true, corsEnabled: true }),
      },
    ]);
    const undo = handleMediaProtocol(app);
    const res = await protocol.handlers.get(MEDIA_SCHEME)!(new Request(`${MEDIA_SCHEME}://track/demo-coherence`));
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(6000);
    undo();
    expect(protocol.unhandle).toHaveBeenCalledWith(MEDIA_SCHEME);
  });

  it('serves a whole track', async () => {
    const res = await get('moodtape-media://track/demo-coherence');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/ogg');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe('6000');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(app.media).toHaveBeenCalledWith('demo-coherence', null);
  });

  it('serves byte ranges (206) with the right slice', async () => {
    const res = await get('moodtape-media://track/demo-coherence', { headers: { range: 'bytes=1000-2047' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 1000-2047/6000');
    expect(res.headers.get('content-length')).toBe('1048');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(1000, 2048))).toBe(true);

    const tail = await get('moodtape-media://track/demo-coherence', { headers: { range: 'bytes=-100' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(5900))).toBe(true);

    const open = await get('moodtape-media://track/demo-coherence', { headers: { range: 'bytes=5990-' } });
    expect(Buffer.from(await open.arrayBuffer()).equals(bytes.subarray(5990))).toBe(true);
  });

  it('answers 416 for a range past the end', async () => {
    const res = await get('moodtape-media://track/demo-coherence', { headers: { range: 'bytes=7000-8000' } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */6000');
  });

  it('decodes percent-encoded ids', async () => {
    const res = await get(`moodtape-media://track/${encodeURIComponent('with space é')}`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(6000);
    expect(app.media).toHaveBeenCalledWith('with space é', null);
  });

  it('404s an unknown id', async () => {
    const res = await get('moodtape-media://track/no-such-track');
    expect(res.status).toBe(404);
  });

  it.each([
    ['a raw absolute path', `moodtape-media://track/${encodeURIComponent(audio)}`],
    ['a path in the URL', `moodtape-media://track${audio}`],
    ['a traversal', 'moodtape-media://track/../../etc/passwd'],
    ['an encoded traversal', 'moodtape-media://track/..%2F..%2Fetc%2Fpasswd'],
    ['dot-dot', 'moodtape-media://track/%2E%2E'],
    ['a backslash path', `moodtape-media://track/${encodeURIComponent('..\\..\\secret')}`],
    ['another host', 'moodtape-media://file/demo-coherence'],
    ['no id', 'moodtape-media://track/'],
    ['a query', 'moodtape-media://track/demo-coherence?path=/etc/passwd'],
  ])('never resolves %s (404 without asking the library)', async (_what, url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(app.media).not.toHaveBeenCalled();
  });

  it('refuses other methods, and HEAD has headers but no body', async () => {
    expect((await get('moodtape-media://track/demo-coherence', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('moodtape-media://track/demo-coherence', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('6000');
    expect(head.body).toBeNull();
  });

  it('turns a failing library into a 500, not a crash', async () => {
    app.media.mockRejectedValueOnce(new Error('disk on fire'));
    const res = await get('moodtape-media://track/demo-coherence');
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('disk on fire');
  });

  it('parses ids strictly', () => {
    expect(trackIdFromUrl('moodtape-media://track/abc')).toBe('abc');
    expect(trackIdFromUrl('https://track/abc')).toBeNull();
    expect(trackIdFromUrl('not a url')).toBeNull();
    expect(trackIdFromUrl(`moodtape-media://track/${'x'.repeat(300)}`)).toBeNull();
  });
});

describe('moodtape-media cover art', () => {
  it('serves a track cover by id and nothing by path', async () => {
    const cover = join(dir, 'cover.jpg');
    writeFileSync(cover, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const withCover = { ...makeApp(), cover: (id: string) => fileResponse(id === 'demo-coherence' ? cover : null, null) };
    const res = await mediaHandler(withCover)(new Request('moodtape-media://cover/demo-coherence'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect((await mediaHandler(withCover)(new Request('moodtape-media://cover/nope'))).status).toBe(404);
    expect((await mediaHandler(withCover)(new Request(`moodtape-media://cover/${encodeURIComponent(cover)}`))).status).toBe(404);
    // A shell without cover support answers 404 rather than failing.
    expect((await mediaHandler(makeApp())(new Request('moodtape-media://cover/demo-coherence'))).status).toBe(404);
  });
});
