/** The analysis's own MP3 decode loop gives the samples mpg123-decoder's public decode() gives. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import { Mp3BlockDecoder } from '../../src/main/library/analysis/mp3-decoder.js';
import { ffmpeg } from '../helpers/audio.js';
import { tmp } from './helpers/fixtures.js';

function joined(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('MP3 block decoder', () => {
  it('decodes a real track to the same samples, bit for bit, as the package decoder', async () => {
    const file = join(tmp('mp3-block'), 'offshore.mp3');
    ffmpeg('-t', '40', '-i', join('assets', 'music', 'offshore.opus'), '-c:a', 'libmp3lame', '-b:a', '192k', file);
    const bytes = readFileSync(file);
    // Chunk sizes that do not line up with MP3 frames or the decoders' input buffer.
    const chunk = 100_003;

    const reference = new MPEGDecoder();
    await reference.ready;
    const want: Float32Array[][] = [[], []];
    let rate = 0;
    for (let at = 0; at < bytes.length; at += chunk) {
      const d = reference.decode(bytes.slice(at, at + chunk));
      if (d.samplesDecoded > 0) rate = d.sampleRate;
      d.channelData.forEach((c, ch) => want[ch].push(c));
    }
    reference.free();

    const blocks = await Mp3BlockDecoder.create();
    expect(blocks).not.toBeNull();
    const got: Float32Array[][] = [[], []];
    const rates = new Set<number>();
    const sink = (d: { channelData: Float32Array[]; samplesDecoded: number; sampleRate: number }) => {
      rates.add(d.sampleRate);
      // The block's buffers are reused: keep copies.
      d.channelData.forEach((c, ch) => got[ch].push(c.slice(0, d.samplesDecoded)));
      return false;
    };
    for (let at = 0; at < bytes.length; at += chunk) blocks!.decode(bytes.subarray(at, at + chunk), sink);
    blocks!.flush(sink);
    blocks!.free();

    expect([...rates]).toEqual([rate]);
    for (const ch of [0, 1]) {
      const a = joined(want[ch]);
      const b = joined(got[ch]);
      expect(a.length).toBeGreaterThan(rate * 39);
      expect(b.length).toBe(a.length);
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    }
  }, 60_000);
});
