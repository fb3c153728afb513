/*
 * Power spectrum of a real frame, as src/main/library/analysis/fft.ts computes it (a complex transform
 * of half the size, then the split), with two butterflies at a time in WebAssembly SIMD (one per lane
 * of a vector of two doubles). Each output is made by the same operations in the same order as in the
 * JavaScript (butterflies of one stage are independent, so running them in another order changes
 * nothing), and WebAssembly has no fused multiply-add: the results are the same doubles.
 * Built by scripts/fft/build.sh into src/main/library/analysis/fft-wasm.ts.
 */
#include <stdlib.h>
#include <wasm_simd128.h>

void *fft_alloc(int bytes) { return malloc(bytes); }

#define LD(p) wasm_v128_load(p)
#define ST(p, v) wasm_v128_store(p, v)
#define SWAP(v) wasm_i64x2_shuffle(v, v, 1, 0)

/*
 * frame: size doubles in; out: size / 2 + 1 doubles (out[0] and out[size / 2] are left to the caller);
 * re, im: size / 2 doubles of work space; cs, sn: the size / 2 twiddles e^(-2 pi i k / size); rev: the
 * bit reversal of the size / 2 transform. size >= 8.
 */
void fft_power(const double *frame, double *out, double *re, double *im, const double *cs, const double *sn,
               const unsigned *rev, int size) {
  const int m = size >> 1;
  for (int i = 0; i < m; i++) {
    re[rev[i]] = frame[2 * i];
    im[rev[i]] = frame[2 * i + 1];
  }
  for (int a = 0; a < m; a += 2) {
    const double br = re[a + 1], bi = im[a + 1];
    re[a + 1] = re[a] - br;
    im[a + 1] = im[a] - bi;
    re[a] += br;
    im[a] += bi;
  }
  for (int len = 4; len <= m; len <<= 1) {
    const int half = len >> 1;
    const int step = (2 * m) / len;
    for (int j = 0; j < half; j += 2) {
      const v128_t wr = wasm_f64x2_make(cs[j * step], cs[(j + 1) * step]);
      const v128_t wi = wasm_f64x2_make(sn[j * step], sn[(j + 1) * step]);
      for (int a = j; a < m; a += len) {
        const int b = a + half;
        const v128_t rb = LD(re + b), ib = LD(im + b), ra = LD(re + a), ia = LD(im + a);
        /* tr = re[b] wr - im[b] wi; ti = re[b] wi + im[b] wr */
        const v128_t tr = wasm_f64x2_sub(wasm_f64x2_mul(rb, wr), wasm_f64x2_mul(ib, wi));
        const v128_t ti = wasm_f64x2_add(wasm_f64x2_mul(rb, wi), wasm_f64x2_mul(ib, wr));
        ST(re + b, wasm_f64x2_sub(ra, tr));
        ST(im + b, wasm_f64x2_sub(ia, ti));
        ST(re + a, wasm_f64x2_add(ra, tr));
        ST(im + a, wasm_f64x2_add(ia, ti));
      }
    }
  }
  const v128_t quarter = wasm_f64x2_splat(0.25);
  int k = 1;
  for (; k + 1 < m; k += 2) {
    /* lanes k, k + 1; their mirrors m - k, m - k - 1 are loaded from m - k - 1 and swapped */
    const v128_t ar = LD(re + k), ai = LD(im + k);
    const v128_t cr = SWAP(LD(re + m - k - 1)), ci = SWAP(LD(im + m - k - 1));
    const v128_t er = wasm_f64x2_add(ar, cr), ei = wasm_f64x2_sub(ai, ci);
    const v128_t or = wasm_f64x2_add(ai, ci), oi = wasm_f64x2_sub(cr, ar);
    const v128_t wr = LD(cs + k), wi = LD(sn + k);
    /* xr = er + wr or - wi oi; xi = ei + wr oi + wi or, left to right */
    const v128_t xr = wasm_f64x2_sub(wasm_f64x2_add(er, wasm_f64x2_mul(wr, or)), wasm_f64x2_mul(wi, oi));
    const v128_t xi = wasm_f64x2_add(wasm_f64x2_add(ei, wasm_f64x2_mul(wr, oi)), wasm_f64x2_mul(wi, or));
    ST(out + k, wasm_f64x2_mul(quarter, wasm_f64x2_add(wasm_f64x2_mul(xr, xr), wasm_f64x2_mul(xi, xi))));
  }
  for (; k < m; k++) {
    const double ar = re[k], ai = im[k], cr = re[m - k], ci = im[m - k];
    const double er = ar + cr, ei = ai - ci, or = ai + ci, oi = cr - ar;
    const double wr = cs[k], wi = sn[k];
    const double xr = er + wr * or - wi * oi, xi = ei + wr * oi + wi * or;
    out[k] = 0.25 * (xr * xr + xi * xi);
  }
}
