import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ffmpegLoudness,
  LoudnessMeter,
  measureLoudness,
  normalisationGain,
  parseEbur128Summary,
} from '../../src/main/library/analysis/loudness.js';
import { tmp } from './helpers/fixtures.js';
import { wav } from './helpers/synth.js';

/** A sine of `dbfs` peak level for `seconds`, in the channels listed (the others silent). */
function tone(rate: number, hz: number, dbfs: number, seconds: number): Float32Array {
  const a = 10 ** (dbfs / 20);
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = a * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
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

  it("parses ffmpeg 5.1's ebur128 summary", () => {
    const stderr = `[Parsed_ebur128_0 @ 0x55] t: 9.9  M: -20.1 S: -20.0  I: -20.0 LUFS\n[Parsed_ebur128_0 @ 0x55] Summary:\n\n  Integrated loudness:\n    I:         -17.5 LUFS\n    Threshold: -27.8 LUFS\n\n  Loudness range:\n    LRA:         6.2 LU\n\n  True peak:\n    Peak:       -1.4 dBFS\n`;
    expect(parseEbur128Summary(stderr)).toEqual({ integratedLufs: -17.5, truePeakDb: -1.4 });
    expect(parseEbur128Summary('no summary here')).toBeNull();
  });
});
