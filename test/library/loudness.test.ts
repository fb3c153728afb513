import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDecoder } from '../../src/main/library/analysis/decode.js';
import { ffmpegLoudness, measureLoudness, normalisationGain, parseEbur128Summary } from '../../src/main/library/analysis/loudness.js';
import { SimdKWeight } from '../../src/main/library/analysis/kweight-simd.js';
import { LoudnessMeter } from '../../src/main/library/analysis/loudness-meter.js';
import { tmp } from './helpers/fixtures.js';
import { wav } from './helpers/synth.js';

/** A sine of `dbfs` peak level for `seconds`, in the channels listed (the others silent). */
function tone(rate: number, hz: number, dbfs: number, seconds: number): Float32Array {
  const a = 10 ** (dbfs / 20);
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = a * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}

/** Every sample of a real recording, in the decoder's chunks. */
async function decodeChunks(file: string): Promise<{ rate: number; chunks: Float32Array[][] }> {
  const decoder = await makeDecoder('ogg-opus');
  await decoder.ready;
  const bytes = readFileSync(file);
  const chunks: Float32Array[][] = [];
  let rate = 0;
  for (let at = 0; at < bytes.length; at += 65536) {
    const d = await decoder.decode(bytes.slice(at, at + 65536));
    if (d.samplesDecoded === 0) continue;
    rate = d.sampleRate;
    chunks.push(d.channelData.map((c) => c.slice(0, d.samplesDecoded)));
  }
  decoder.free();
  return { rate, chunks };
}

function measure(rate: number, parts: [dbfs: number, seconds: number][], inChannels: boolean[], hz = 997) {
  const meter = new LoudnessMeter(rate, inChannels.length);
  for (const [dbfs, seconds] of parts) {
    const t = tone(rate, hz, dbfs, seconds);
    const silent = new Float32Array(t.length);
    meter.push(
      inChannels.map((on) => (on ? t : silent)),
      t.length,
    );
  }
  return meter.result();
}

describe('loudness (EBU R128 / BS.1770)', () => {
  it('reads a 997 Hz sine at 0 dBFS in one channel as -3.01 LUFS, at 48 and 44.1 kHz', () => {
    expect(measure(48000, [[0, 20]], [true, false]).integratedLufs).toBeCloseTo(-3.01, 1);
    expect(measure(44100, [[0, 20]], [true, false]).integratedLufs).toBeCloseTo(-3.01, 1);
    expect(measure(48000, [[0, 20]], [true]).integratedLufs).toBeCloseTo(-3.01, 1);
  });

  it('passes the EBU Tech 3341 cases: stereo -23 dBFS at 1 kHz, and the two gates', () => {
    expect(measure(48000, [[-23, 20]], [true, true], 1000).integratedLufs).toBeCloseTo(-23, 1);
    // Case 3: quiet passages 13 LU down are gated out by the relative gate.
    const relative = measure(
      48000,
      [
        [-36, 10],
        [-23, 60],
        [-36, 10],
      ],
      [true, true],
      1000,
    );
    expect(relative.integratedLufs).toBeCloseTo(-23, 1);
    // Case 4: below -70 LUFS is gated out absolutely.
    const absolute = measure(
      48000,
      [
        [-72, 10],
        [-36, 10],
        [-23, 60],
        [-36, 10],
        [-72, 10],
      ],
      [true, true],
      1000,
    );
    expect(absolute.integratedLufs).toBeCloseTo(-23, 1);
  });

  it('finds the true peak between samples and never lets the gain push it over -1 dBTP', () => {
    // A quarter-rate sine sampled off its crests: the samples peak at -3 dB, the wave at 0 dB.
    const rate = 48000;
    const x = new Float32Array(rate * 5);
    for (let i = 0; i < x.length; i++) x[i] = 0.999 * Math.sin((2 * Math.PI * i) / 4 + Math.PI / 4);
    const meter = new LoudnessMeter(rate, 1);
    meter.push([x], x.length);
    const l = meter.result();
    expect(l.truePeakDb).toBeGreaterThan(-0.5);
    expect(normalisationGain({ integratedLufs: -30, truePeakDb: -6 })).toBeCloseTo(5, 5);
    expect(normalisationGain({ integratedLufs: -10, truePeakDb: 0 })).toBeCloseTo(-8, 5);
    expect(normalisationGain({ integratedLufs: -Infinity, truePeakDb: -100 })).toBe(0);
  });

  it('measures a WAV file the same way as the signal in memory', async () => {
    const dir = tmp('loud');
    const file = join(dir, 'tone.wav');
    const t = tone(44100, 997, -10, 10);
    const stereo = new Float32Array(t.length * 2);
    for (let i = 0; i < t.length; i++) stereo[2 * i] = t[i];
    writeFileSync(file, wav(stereo, 44100, 2));
    expect((await measureLoudness(file)).integratedLufs).toBeCloseTo(-13.01, 1);
  });

  it("agrees with ffmpeg's ebur128 within 1 LU on real music", async () => {
    for (const name of ['coherence.opus', 'battle-theme.opus']) {
      const file = join('assets', 'music', name);
      const [ours, ffmpeg] = await Promise.all([measureLoudness(file), ffmpegLoudness(file)]);
      expect(Math.abs(ours.integratedLufs - ffmpeg.integratedLufs)).toBeLessThan(1);
      expect(Math.abs(ours.truePeakDb - ffmpeg.truePeakDb)).toBeLessThan(1);
    }
  }, 120_000);

  it('finds the same true peak skipping the blocks that cannot hold it as interpolating every sample, on real music', async () => {
    const { rate, chunks } = await decodeChunks(join('assets', 'music', 'farm.opus'));
    const skipping = new LoudnessMeter(rate, 2);
    for (const c of chunks) skipping.push(c, c[0].length);
    // The exhaustive meter gets the same audio in other chunk sizes (1 sample up to whole seconds).
    const all = chunks[0].map((_, ch) => {
      const joined = new Float32Array(chunks.reduce((n, c) => n + c[0].length, 0));
      let at = 0;
      for (const c of chunks) {
        joined.set(c[ch], at);
        at += c[ch].length;
      }
      return joined;
    });
    const exhaustive = new LoudnessMeter(rate, 2, { exhaustiveTruePeak: true });
    const sizes = [1, 11, 12, 31, 32, 33, 4799, 48000];
    for (let at = 0, i = 0; at < all[0].length; i++) {
      const n = Math.min(sizes[i % sizes.length], all[0].length - at);
      exhaustive.push(
        all.map((x) => x.subarray(at, at + n)),
        n,
      );
      at += n;
    }
    const fast = skipping.result();
    const slow = exhaustive.result();
    expect(fast.truePeakDb).toBe(slow.truePeakDb);
    expect(Math.abs(fast.integratedLufs - slow.integratedLufs)).toBeLessThan(1e-9);
    // The peak lies between samples here (so the interpolation decides it), and most blocks were skipped.
    const samplePeak = all.reduce((m, x) => x.reduce((a, v) => Math.max(a, Math.abs(v)), m), 0);
    expect(fast.truePeakDb).toBeGreaterThan(20 * Math.log10(samplePeak) + 0.01);
    expect(skipping.interpolated).toBeLessThan(skipping.seen / 10);
    expect(exhaustive.interpolated).toBe(exhaustive.seen);
  }, 120_000);

  it('gives the same loudness to the last bit with the K-weighting in WebAssembly SIMD as in JavaScript', async () => {
    expect(SimdKWeight.create()).not.toBeNull();
    const { rate, chunks } = await decodeChunks(join('assets', 'music', 'farm.opus'));
    const music = chunks.slice(0, 40);
    // Real music in the decoder's chunks; 5.1 noise at 192 kHz in odd chunk sizes (pairs and a channel alone, long segments).
    const cases: { rate: number; channels: number; chunks: Float32Array[][] }[] = [{ rate, channels: 2, chunks: music }];
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1) * 0.5;
    const surround: Float32Array[][] = [1, 4799, 19201, 32769, 70000].map((n) =>
      Array.from({ length: 5 }, () => Float32Array.from({ length: n }, noise)),
    );
    cases.push({ rate: 192000, channels: 6, chunks: surround });
    for (const c of cases) {
      const [simd, js] = [true, false].map((on) => {
        const meter = new LoudnessMeter(c.rate, c.channels, { simd: on });
        for (const chunk of c.chunks) meter.push(chunk, chunk[0].length);
        return meter.result();
      });
      expect(simd.integratedLufs).toBe(js.integratedLufs);
      expect(simd.truePeakDb).toBe(js.truePeakDb);
      expect(Number.isFinite(simd.integratedLufs)).toBe(true);
    }
  }, 60_000);

  it("parses ffmpeg 5.1's ebur128 summary", () => {
    const stderr = `[Parsed_ebur128_0 @ 0x55] t: 9.9  M: -20.1 S: -20.0  I: -20.0 LUFS\n[Parsed_ebur128_0 @ 0x55] Summary:\n\n  Integrated loudness:\n    I:         -17.5 LUFS\n    Threshold: -27.8 LUFS\n\n  Loudness range:\n    LRA:         6.2 LU\n\n  True peak:\n    Peak:       -1.4 dBFS\n`;
    expect(parseEbur128Summary(stderr)).toEqual({ integratedLufs: -17.5, truePeakDb: -1.4 });
    expect(parseEbur128Summary('no summary here')).toBeNull();
  });
});
