/**
 * The analysis's own MP3 decode loop, on the -O3 build of mpg123 (assets/wasm/mpg123.wasm), gives
 * the samples mpg123-decoder's public decode() gives, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MPEGDecoder } from 'mpg123-decoder';
import { Mp3BlockDecoder } from '../../src/main/library/analysis/mp3-decoder.js';
import { MPG123_WASM_FILE, ownMpg123 } from '../../src/main/library/analysis/mpg123-wasm.js';
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

/** Both channels of `bytes` decoded by the package's decode(), and by the block decoder. */
async function bothWays(bytes: Uint8Array, chunk: number) {
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
  // The -O3 build, not the fallback to the package's WASM.
  expect(blocks!.build).toBe('own');
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
  return { rate, rates: [...rates], want: want.map(joined), got: got.map(joined) };
}

async function withEnv<T>(vars: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const sameBits = (a: Float32Array, b: Float32Array) => a.length === b.length && Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe('MP3 block decoder', () => {
  const file = join(tmp('mp3-block'), 'offshore.mp3');
  ffmpeg('-t', '40', '-i', join('assets', 'music', 'offshore.opus'), '-c:a', 'libmp3lame', '-b:a', '192k', file);

  it('decodes a real track to the same samples, bit for bit, as the package decoder', async () => {
    // Chunk sizes that do not line up with MP3 frames or the decoders' input buffer.
    const r = await bothWays(readFileSync(file), 100_003);
    expect(r.rates).toEqual([r.rate]);
    for (const ch of [0, 1]) {
      expect(r.want[ch].length).toBeGreaterThan(r.rate * 39);
      expect(sameBits(r.got[ch], r.want[ch])).toBe(true);
    }
  }, 60_000);

  it('decodes mono, 44.1 kHz, 22.05 kHz and VBR files, and MPEG layer II, to the same samples', async () => {
    const cases: Record<string, string[]> = {
      'mono-44k.mp3': ['-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k'],
      'stereo-22k-vbr.mp3': ['-ar', '22050', '-c:a', 'libmp3lame', '-q:a', '4'],
      'layer2.mp2': ['-c:a', 'mp2', '-b:a', '192k'],
    };
    for (const [name, args] of Object.entries(cases)) {
      const path = join(tmp('mp3-block'), name);
      ffmpeg('-t', '12', '-i', join('assets', 'music', 'forest-theme.opus'), ...args, path);
      const r = await bothWays(readFileSync(path), 65_536);
      for (const ch of [0, 1]) {
        expect(r.want[ch].length, name).toBeGreaterThan(r.rate * 11);
        expect(sameBits(r.got[ch], r.want[ch]), name).toBe(true);
      }
    }
  }, 60_000);

  it("falls back to the package's WASM where the own build cannot be used", async () => {
    const blocks = await withEnv({ MOODTAPE_MPG123: 'package' }, () => Mp3BlockDecoder.create());
    expect(blocks?.build).toBe('package');
    blocks?.free();
    expect(ownMpg123(join(tmp('mp3-block'), 'missing.wasm'))).toBeNull();
    const damaged = join(tmp('mp3-block'), 'damaged.wasm');
    writeFileSync(damaged, readFileSync(join('assets', 'wasm', MPG123_WASM_FILE)).subarray(0, 5000));
    expect(ownMpg123(damaged)).toBeNull();
  });

  it('gets past damaged data as the package decoder does, to the same samples', async () => {
    const bytes = readFileSync(file);
    // 40 kB of noise in the middle: mpg123 resyncs on the next good frame.
    let seed = 1;
    for (let i = bytes.length / 2; i < bytes.length / 2 + 40_000; i++)
      bytes[Math.floor(i)] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const errors = console.error;
    let logged = 0;
    console.error = () => void logged++; // the package decoder logs each bad frame
    try {
      const r = await bothWays(bytes, 65_536);
      expect(logged).toBeGreaterThan(0);
      for (const ch of [0, 1]) {
        expect(r.want[ch].length).toBeGreaterThan(r.rate * 35);
        expect(sameBits(r.got[ch], r.want[ch])).toBe(true);
      }
    } finally {
      console.error = errors;
    }
  }, 60_000);
});
