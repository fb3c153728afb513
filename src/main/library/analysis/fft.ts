import { simdPower, type SimdPower } from './fft-simd.js';

/**
 * Power spectra of real frames (no dependency: ~80 lines; the same in WebAssembly SIMD, fft-simd.ts,
 * where available). A real frame of `size` samples is
 * transformed as a complex one of size / 2 (even samples real, odd imaginary), then split into the
 * real frame's spectrum: half the butterflies of a complex transform of the whole frame.
 */
export class Fft {
  /** Bit reversal for the half-size complex transform. */
  private readonly rev: Uint32Array;
  /** e^(-2 pi i k / size), k = 0 .. size / 2 - 1. */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly simd: SimdPower | null;

  constructor(
    readonly size: number,
    /** false: JavaScript only, not WebAssembly SIMD (same results; for checking that). */
    simd = true,
  ) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new Error('FFT size must be a power of two, at least 4');
    const half = size / 2;
    const bits = Math.log2(half);
    this.rev = new Uint32Array(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let i = 0; i < half; i++) {
      this.cos[i] = Math.cos((-2 * Math.PI * i) / size);
      this.sin[i] = Math.sin((-2 * Math.PI * i) / size);
    }
    this.re = new Float64Array(half);
    this.im = new Float64Array(half);
    this.simd = simd ? simdPower(size, this.cos, this.sin, this.rev) : null;
  }

  /** Power spectrum |X[k]|^2, k = 0..size/2, of a real frame (already windowed). */
  power(frame: ArrayLike<number>, out: Float64Array): void {
    if (this.simd && frame instanceof Float64Array && frame.length >= this.size) {
      this.simd.power(frame, out);
      return;
    }
    const { re, im, rev, size, cos, sin } = this;
    const m = size >> 1;
    for (let i = 0; i < m; i++) {
      re[rev[i]] = frame[2 * i];
      im[rev[i]] = frame[2 * i + 1];
    }
    // The first stage's twiddle is 1: its butterflies need no multiplications.
    for (let a = 0; a < m; a += 2) {
      const br = re[a + 1],
        bi = im[a + 1];
      re[a + 1] = re[a] - br;
      im[a + 1] = im[a] - bi;
      re[a] += br;
      im[a] += bi;
    }
    for (let len = 4; len <= m; len <<= 1) {
      const half = len >> 1;
      // Twiddles of the size-m transform: every second one of the size-`size` table.
      const step = (2 * m) / len;
      for (let j = 0; j < half; j++) {
        const wr = cos[j * step];
        const wi = sin[j * step];
        for (let a = j; a < m; a += len) {
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    // Split: with Z the half-size transform, 2X[k] = (Z[k] + conj Z[m-k]) - i W^k (Z[k] - conj Z[m-k]).
    out[0] = (re[0] + im[0]) ** 2;
    out[m] = (re[0] - im[0]) ** 2;
    for (let k = 1; k < m; k++) {
      const ar = re[k],
        ai = im[k],
        cr = re[m - k],
        ci = im[m - k];
      const er = ar + cr,
        ei = ai - ci;
      const or = ai + ci,
        oi = cr - ar;
      const wr = cos[k],
        wi = sin[k];
      const xr = er + wr * or - wi * oi;
      const xi = ei + wr * oi + wi * or;
      out[k] = 0.25 * (xr * xr + xi * xi);
    }
  }
}
