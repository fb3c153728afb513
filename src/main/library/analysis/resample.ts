/**
 * Mono, low-rate PCM for analysis: channels averaged, then an anti-alias low-pass and linear
 * interpolation to the analysis rate. Mood features live well below 10 kHz, so this simple
 * resampler is enough and costs far less than a polyphase one.
 */

/** Average of the channels, sample by sample. */
export function downmix(channels: Float32Array[], length = channels[0]?.length ?? 0): Float32Array {
  const out = new Float32Array(length);
  if (channels.length === 0) return out;
  for (const ch of channels) for (let i = 0; i < length; i++) out[i] += ch[i];
  if (channels.length > 1) for (let i = 0; i < length; i++) out[i] /= channels.length;
  return out;
}

/**
 * Second-order Butterworth low-pass, run twice (4th order, zero extra phase care needed for features).
 * Both runs in one loop: the second reads the first's output as it would from a Float32Array.
 */
function lowPass(x: Float32Array, cutoffHz: number, rate: number): Float32Array {
  const w = Math.tan((Math.PI * cutoffHz) / rate);
  const q = Math.SQRT1_2;
  const n = 1 / (1 + w / q + w * w);
  const b0 = w * w * n;
  const b1 = 2 * b0;
  const a1 = 2 * (w * w - 1) * n;
  const a2 = (1 - w / q + w * w) * n;
  const out = new Float32Array(x.length);
  let x1 = 0,
    x2 = 0,
    y1 = 0,
    y2 = 0,
    u1 = 0,
    u2 = 0,
    z1 = 0,
    z2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const r = b0 * v + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = v;
    y2 = y1;
    y1 = r;
    const u = Math.fround(r);
    const s = b0 * u + b1 * u1 + b0 * u2 - a1 * z1 - a2 * z2;
    u2 = u1;
    u1 = u;
    z2 = z1;
    z1 = s;
    out[i] = s;
  }
  return out;
}

export function resample(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return x;
  const filtered = to < from ? lowPass(x, 0.45 * to, from) : x;
  const ratio = from / to;
  const n = Math.floor(x.length / ratio);
  const out = new Float32Array(n);
  if (Number.isInteger(ratio)) {
    for (let i = 0; i < n; i++) out[i] = filtered[i * ratio];
    return out;
  }
  for (let i = 0; i < n; i++) {
    const p = i * ratio;
    const j = Math.floor(p);
    const f = p - j;
    out[i] = filtered[j] * (1 - f) + (j + 1 < filtered.length ? filtered[j + 1] : 0) * f;
  }
  return out;
}
