/**
 * Fft.power in WebAssembly SIMD (scripts/fft/fft.c, two butterflies at a time, one per lane of a
 * vector of two doubles): each output made by the same operations in the same order as the
 * JavaScript, so the same results. One module instance per thread, with buffers per transform size;
 * where WebAssembly SIMD is not available, Fft keeps its JavaScript loops.
 */
import { FFT_WASM } from './fft-wasm.js';
import { instantiateEmbedded } from './wasm-api.js';

interface Exports {
  memory: { buffer: ArrayBuffer };
  fft_alloc(bytes: number): number;
  fft_power(frame: number, out: number, re: number, im: number, cs: number, sn: number, rev: number, size: number): void;
}

/** A transform size's buffers and tables in the module's memory. */
export class SimdPower {
  private readonly frame: Float64Array;
  private readonly out: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly ptr: number[];

  constructor(
    private readonly x: Exports,
    readonly size: number,
    cos: Float64Array,
    sin: Float64Array,
    rev: Uint32Array,
  ) {
    const half = size / 2;
    const alloc = (bytes: number) => {
      const p = x.fft_alloc(bytes);
      if (!p) throw new Error('out of WebAssembly memory');
      return p;
    };
    const [frame, out, re, im, cs, sn, rv] = [size * 8, (half + 1) * 8, half * 8, half * 8, half * 8, half * 8, half * 4].map(alloc);
    const mem = x.memory.buffer;
    this.frame = new Float64Array(mem, frame, size);
    this.out = new Float64Array(mem, out, half + 1);
    this.re = new Float64Array(mem, re, half);
    this.im = new Float64Array(mem, im, half);
    new Float64Array(mem, cs, half).set(cos);
    new Float64Array(mem, sn, half).set(sin);
    new Uint32Array(mem, rv, half).set(rev);
    this.ptr = [frame, out, re, im, cs, sn, rv];
  }

  power(frame: Float64Array, out: Float64Array): void {
    const [f, o, re, im, cs, sn, rv] = this.ptr;
    this.frame.set(frame.subarray(0, this.size));
    this.x.fft_power(f, o, re, im, cs, sn, rv, this.size);
    const m = this.size >> 1;
    out.set(this.out.subarray(0, m));
    out[0] = (this.re[0] + this.im[0]) ** 2;
    out[m] = (this.re[0] - this.im[0]) ** 2;
  }
}

let module: Exports | null | undefined;
const bySize = new Map<number, SimdPower | null>();

/** The module, instantiated once per thread, or null without WebAssembly SIMD. */
function instance(): Exports | null {
  if (module === undefined) {
    try {
      module = instantiateEmbedded<Exports>(FFT_WASM);
    } catch {
      // No WebAssembly SIMD here (an old CPU or runtime): the JavaScript loops instead.
      module = null;
    }
  }
  return module;
}

/** Whether the power spectrum runs in WebAssembly SIMD here. */
export function simdAvailable(): boolean {
  return instance() !== null;
}

/**
 * The thread's SIMD power spectrum for `size`, or null without WebAssembly SIMD. The tables must be
 * Fft's for that size (they are kept per size, from the first call).
 */
export function simdPower(size: number, cos: Float64Array, sin: Float64Array, rev: Uint32Array): SimdPower | null {
  const known = bySize.get(size);
  if (known !== undefined) return known;
  const x = instance();
  let p: SimdPower | null = null;
  try {
    if (x && size >= 8) p = new SimdPower(x, size, cos, sin, rev);
  } catch {
    p = null;
  }
  bySize.set(size, p);
  return p;
}
