import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTags } from '../../src/main/library/tags.js';
import { mp3Tone } from '../helpers/audio.js';

const dir = mkdtempSync(join(tmpdir(), 'moodtape-decode-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A pseudo-random fill (the same bytes every run).
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

describe('an import checks that the audio decodes', () => {
  const good = join(dir, 'good.mp3');
  const bad = join(dir, 'bad.mp3');
  mp3Tone(good, { seconds: 6 });
  // A real MP3 header and first frames, then noise: the tags read, the audio does not play.
  writeFileSync(bad, Buffer.concat([readFileSync(good).subarray(0, 2000), noise(300_000)]));

  it('takes a good MP3', async () => {
    expect(await readTags(good)).toMatchObject({ ok: true });
  });

  it('turns away an MP3 whose audio after the header is noise, saying it is damaged', async () => {
    const r = await readTags(bad);
    expect(r).toMatchObject({ ok: false, kind: 'corrupt' });
    expect(r.ok ? '' : r.message).toMatch(/damaged|does not decode/);
  });
});
