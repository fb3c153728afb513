/** The power spectrum in WebAssembly SIMD gives the JavaScript loops' results to the last bit, and both are the DFT's. */
import { describe, expect, it } from 'vitest';
import { Fft } from '../../src/main/library/analysis/fft.js';
import { simdAvailable } from '../../src/main/library/analysis/fft-simd.js';

function frame(size: number, seed: number): Float64Array {
  let s = seed;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 30 - 1) * 0.3;
  return Float64Array.from({ length: size }, (_, i) => Math.sin(i * 0.37) * 0.5 + Math.sin(i * 2.1) * 0.2 + noise());
}

const bytes = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

describe('power spectrum (fft.ts)', () => {
  it('is the same to the last bit in WebAssembly SIMD as in JavaScript, for every size the analysis uses and more', () => {
    expect(simdAvailable()).toBe(true);
    for (const size of [4, 8, 16, 64, 512, 2048, 4096]) {
      const [simd, js] = [new Fft(size), new Fft(size, false)];
      for (let seed = 1; seed <= 5; seed++) {
        const x = frame(size, seed);
        const a = new Float64Array(size / 2 + 1);
        const b = new Float64Array(size / 2 + 1);
        simd.power(x, a);
        js.power(x, b);
        expect(bytes(a).equals(bytes(b))).toBe(true);
      }
    }
  });

  it("equals the DFT's power", () => {
    const size = 64;
    const x = frame(size, 3);
    const got = new Float64Array(size / 2 + 1);
    new Fft(size).power(x, got);
    for (let k = 0; k <= size / 2; k++) {
      let re = 0,
        im = 0;
      for (let n = 0; n < size; n++) {
        re += x[n] * Math.cos((2 * Math.PI * k * n) / size);
        im -= x[n] * Math.sin((2 * Math.PI * k * n) / size);
      }
      expect(got[k]).toBeCloseTo(re * re + im * im, 9);
    }
  });
});
