import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { fileResponse } from '../../src/main/library/media-response.js';

const music = join(import.meta.dirname, '../../assets/music');
const demo = new Catalogue(music);

async function bytes(body: Readable | null) {
  const chunks: Buffer[] = [];
  for await (const c of body!) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('track audio over HTTP semantics', () => {
  it('serves a whole demo track as Ogg audio', async () => {
    const path = demo.pathOf('offshore')!;
    const r = await fileResponse(path, null);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('audio/ogg');
    const b = await bytes(r.body);
    expect(b.length).toBe(statSync(path).size);
    expect(b.subarray(0, 4).toString()).toBe('OggS');
  });

  it('serves byte ranges, so the player can seek', async () => {
    const path = demo.pathOf('offshore')!;
    const size = statSync(path).size;
    const r = await fileResponse(path, 'bytes=100-199');
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect((await bytes(r.body)).length).toBe(100);
    const tail = await fileResponse(path, 'bytes=-10');
    expect((await bytes(tail.body)).length).toBe(10);
    expect((await fileResponse(path, `bytes=${size + 5}-`)).status).toBe(416);
  });

  it('knows tracks by id only', async () => {
    expect(demo.pathOf('../../etc/passwd')).toBeNull();
    expect(demo.pathOf(join(music, 'offshore.opus'))).toBeNull();
    expect((await fileResponse(demo.pathOf('nope'), null)).status).toBe(404);
  });
});
