import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fileResponse } from '../../src/main/library/media-response.js';
import { fakeMoodtape } from './fake-moodtape.js';

vi.mock('electron', async () => (await import('./fake-electron.js')).electron);
const { mediaCorsHeaders, mediaHandler } = await import('../../src/main/electron/protocol.js');

const dir = mkdtempSync(join(tmpdir(), 'moodtape-media-cors-'));
const audio = join(dir, 'a.opus');
writeFileSync(audio, Buffer.alloc(1000, 1));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = 'app://moodtape';
const handler = mediaHandler(
  fakeMoodtape((id, range) => fileResponse(id === 'a' ? audio : null, range)),
  { pageOrigin: PAGE },
);
const get = (origin?: string, range?: string) =>
  handler(new Request('moodtape-media://track/a', { headers: { ...(origin ? { origin } : {}), ...(range ? { range } : {}) } }));

describe('who may read the media (CORS)', () => {
  it("lets the app's own page read the audio (so Web Audio can raise a quiet track), ranges included", async () => {
    const res = await get(PAGE, 'bytes=0-99');
    expect(res.status).toBe(206);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('access-control-expose-headers')).toContain('content-range');
    expect(res.headers.get('vary')).toBe('Origin');
  });

  it('names no one else: not another origin, not an opaque one, never "*"', async () => {
    for (const origin of ['https://evil.example', 'null', undefined]) {
      const res = await get(origin);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(mediaCorsHeaders('null', 'null')).toEqual({ vary: 'Origin' });
    expect(mediaCorsHeaders(PAGE, undefined)).toEqual({ vary: 'Origin' });
  });
});
