/** Synthetic music for the library tests: real PCM written as WAV, no recorded audio needed. */

const RATE = 22050;

/** Deterministic noise, so test audio is the same on every run. */
function noise(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}

const midiHz = (m: number) => 440 * 2 ** ((m - 69) / 12);

export interface SynthOptions {
  seconds: number;
  bpm: number;
  /** Chords as MIDI note lists, one per bar. */
  chords: number[][];
  drums: boolean;
  /** Brightness: number of harmonics per note. */
  harmonics: number;
  /** Overdrive gain (1 = clean): loud rock and dance music are dense and saturated. */
  drive: number;
  /** Target RMS level in dBFS (a soft limiter keeps the peaks in range). */
  rmsDb: number;
}

export function synth(o: SynthOptions): Float32Array {
  const n = Math.floor(o.seconds * RATE);
  const out = new Float32Array(n);
  const beat = 60 / o.bpm;
  const rnd = noise(7);
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const bar = Math.floor(t / (4 * beat));
    const chord = o.chords[bar % o.chords.length];
    const inBeat = t % beat;
    let v = 0;
    // Each chord note re-struck on every beat, decaying: a pulse the tempo tracker can hear.
    const env = o.drums ? 0.6 + 0.4 * Math.exp(-inBeat * 6) : Math.exp(-inBeat * 1.5);
    for (const m of chord) {
      const f = midiHz(m);
      for (let h = 1; h <= o.harmonics; h++) v += (Math.sin(2 * Math.PI * f * h * t) / h) * env;
    }
    v /= chord.length * 1.5;
    if (o.drive > 1) v = Math.tanh(v * o.drive) * 0.6;
    if (o.drums) {
      v += Math.sin(2 * Math.PI * 55 * inBeat) * Math.exp(-inBeat * 25) * 0.9;
      const half = t % (beat / 2);
      v += rnd() * Math.exp(-half * 60) * 0.35;
      // Snare on beats 2 and 4.
      const twoBeats = t % (2 * beat);
      if (twoBeats >= beat) v += rnd() * Math.exp(-(twoBeats - beat) * 18) * 0.6;
    }
    out[i] = v;
  }
  let sq = 0;
  for (const v of out) sq += v * v;
  const gain = 10 ** (o.rmsDb / 20) / Math.sqrt(sq / n);
  for (let i = 0; i < n; i++) out[i] = Math.tanh(out[i] * gain * 1.2) / 1.2;
  return out;
}

/** 16-bit PCM WAV bytes. */
export function wav(pcm: Float32Array, rate = RATE, channels = 1): Buffer {
  const frames = pcm.length / channels;
  const buf = Buffer.alloc(44 + pcm.length * 2);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + pcm.length * 2, 4);
  buf.write('WAVE', 8, 'latin1');
  buf.write('fmt ', 12, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * channels * 2, 28);
  buf.writeUInt16LE(channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(frames * channels * 2, 40);
  for (let i = 0; i < pcm.length; i++) buf.writeInt16LE(Math.round(Math.max(-1, Math.min(1, pcm[i])) * 32767), 44 + i * 2);
  return buf;
}

const C = 60;
/** Fast, loud, major, with drums: should read as high arousal, positive valence. */
export const upbeat = (seconds = 20) =>
  synth({
    seconds,
    bpm: 140,
    chords: [
      [C, C + 4, C + 7],
      [C + 5, C + 9, C + 12],
      [C + 7, C + 11, C + 14],
      [C, C + 4, C + 7],
    ],
    drums: true,
    harmonics: 8,
    drive: 4,
    rmsDb: -11,
  });
/** Slow, quiet, minor, no drums: should read as low arousal, negative valence. */
export const mournful = (seconds = 20) =>
  synth({
    seconds,
    bpm: 60,
    chords: [
      [57, 60, 64],
      [62, 65, 69],
      [64, 67, 71],
      [57, 60, 64],
    ],
    drums: false,
    harmonics: 2,
    drive: 1,
    rmsDb: -32,
  });
