/**
 * The loudness meter's loops in WebAssembly SIMD: the K-weighting of two channels at once (one
 * channel per lane of a vector of two doubles), the same operations in the same order as the meter's
 * JavaScript loop, so the same results in about half the instructions; and the true peak's block
 * maxima, four samples at a time (a maximum of absolute values is exact in any order). The module
 * (scripts/kweight/kweight.c, 1.3 KiB) is compiled once per thread; where WebAssembly SIMD is not
 * available the meter keeps its JavaScript loops.
 */
import { KWEIGHT_WASM } from './kweight-wasm.js';
import { instantiateEmbedded } from './wasm-api.js';

interface Exports {
  memory: { buffer: ArrayBuffer };
  kw_io(): number;
  kw_state(): number;
  kw_coef(): number;
  kw_cap(): number;
  kw_pair(from: number, n: number): void;
  tp_io(): number;
  tp_maxima(): number;
  tp_cap(): number;
  tp_blocks(n: number): void;
}

export class SimdKWeight {
  /** Most samples per channel one call takes. */
  readonly cap: number;
  private readonly a: Float32Array;
  private readonly b: Float32Array;
  /** Channel a's x1 x2 y1 y2 z1 z2, channel b's, then their two sums of squares. */
  private readonly st: Float64Array;
  private readonly coef: Float64Array;
  private readonly tpIn: Float32Array;
  private readonly tpMax: Float32Array;

  private constructor(private readonly x: Exports) {
    this.cap = x.kw_cap();
    const io = x.kw_io();
    this.a = new Float32Array(x.memory.buffer, io, this.cap);
    this.b = new Float32Array(x.memory.buffer, io + 4 * this.cap, this.cap);
    this.st = new Float64Array(x.memory.buffer, x.kw_state(), 14);
    this.coef = new Float64Array(x.memory.buffer, x.kw_coef(), 7);
    const tpCap = x.tp_cap();
    this.tpIn = new Float32Array(x.memory.buffer, x.tp_io(), tpCap);
    this.tpMax = new Float32Array(x.memory.buffer, x.tp_maxima(), tpCap / TP_BLOCK);
  }

  static create(): SimdKWeight | null {
    try {
      return new SimdKWeight(instantiateEmbedded<Exports>(KWEIGHT_WASM));
    } catch {
      // No WebAssembly SIMD here (an old CPU or runtime): the meter's JavaScript loop instead.
      return null;
    }
  }

  /**
   * K-weights samples [from, from + n) of xa and xb (n <= cap) with `coef` (shelf b0 b1 b2 a1 a2,
   * high pass a1 a2), continuing from state[o, o + 12) (both channels' filter memories, as the meter
   * keeps them) and updating it; adds the squares of the output to sums[c] and sums[c + 1].
   */
  pair(
    coef: Float64Array,
    state: Float64Array,
    o: number,
    sums: Float64Array,
    c: number,
    xa: Float32Array,
    xb: Float32Array,
    from: number,
    n: number,
  ): void {
    this.coef.set(coef);
    const st = this.st;
    for (let i = 0; i < 12; i++) st[i] = state[o + i];
    st[12] = sums[c];
    st[13] = sums[c + 1];
    this.a.set(xa.subarray(from, from + n));
    this.b.set(xb.subarray(from, from + n));
    this.x.kw_pair(0, n);
    for (let i = 0; i < 12; i++) state[o + i] = st[i];
    sums[c] = st[12];
    sums[c + 1] = st[13];
  }

  /**
   * The largest |sample| of each `block`-sample block of x[0, length) into out[at...] (a shorter last
   * block too), as true-peak.ts's blockMaxima; returns the largest of all. null where `block` is not
   * the module's.
   */
  blockMaxima(x: Float32Array, length: number, out: Float64Array, at: number, block: number): number | null {
    if (block !== TP_BLOCK) return null;
    let all = 0;
    let b = at;
    const whole = length - (length % TP_BLOCK);
    for (let from = 0; from < whole;) {
      const n = Math.min(whole - from, this.tpIn.length);
      this.tpIn.set(x.subarray(from, from + n));
      this.x.tp_blocks(n);
      const m = this.tpMax;
      for (let i = 0; i < n / TP_BLOCK; i++, b++) {
        const v = m[i];
        out[b] = v;
        if (v > all) all = v;
      }
      from += n;
    }
    if (whole < length) {
      let m = 0;
      for (let i = whole; i < length; i++) {
        const a = Math.abs(x[i]);
        if (a > m) m = a;
      }
      out[b] = m;
      if (m > all) all = m;
    }
    return all;
  }
}

/** The block size of the module's true-peak maxima. */
const TP_BLOCK = 32;

let shared: SimdKWeight | null | undefined;

/** The thread's instance (calls are synchronous, so meters can share it), or null without WebAssembly SIMD. */
export function simdKWeight(): SimdKWeight | null {
  if (shared === undefined) shared = SimdKWeight.create();
  return shared;
}
