/*
 * The loudness meter's loops in WebAssembly SIMD. K-weighting (the meter's two biquads) of two
 * channels at once, one in each lane of a 128-bit vector of two doubles: the same operations in the
 * same order as the meter's JavaScript loop, and WebAssembly has no fused multiply-add, so the
 * results are the same doubles. And the true peak's block maxima, four samples at a time.
 * Built by scripts/kweight/build.sh into src/main/library/analysis/kweight-wasm.ts.
 */
#include <wasm_simd128.h>

#define CAP 32768

/* Channel a's samples at [0, CAP), channel b's at [CAP, 2 CAP). */
static float io[2 * CAP];
/* a: x1 x2 y1 y2 z1 z2, b: x1 x2 y1 y2 z1 z2 (the meter's layout), then the two sums of squares. */
static double st[14];
/* Shelf b0 b1 b2 a1 a2, high pass a1 a2. */
static double coef[7];

float *kw_io(void) { return io; }
double *kw_state(void) { return st; }
double *kw_coef(void) { return coef; }
int kw_cap(void) { return CAP; }

void kw_pair(int from, int n) {
  const v128_t b0 = wasm_f64x2_splat(coef[0]), b1 = wasm_f64x2_splat(coef[1]), b2 = wasm_f64x2_splat(coef[2]);
  const v128_t a1 = wasm_f64x2_splat(coef[3]), a2 = wasm_f64x2_splat(coef[4]);
  const v128_t h1 = wasm_f64x2_splat(coef[5]), h2 = wasm_f64x2_splat(coef[6]);
  const v128_t two = wasm_f64x2_splat(2.0);
  v128_t x1 = wasm_f64x2_make(st[0], st[6]), x2 = wasm_f64x2_make(st[1], st[7]);
  v128_t y1 = wasm_f64x2_make(st[2], st[8]), y2 = wasm_f64x2_make(st[3], st[9]);
  v128_t z1 = wasm_f64x2_make(st[4], st[10]), z2 = wasm_f64x2_make(st[5], st[11]);
  v128_t sum = wasm_f64x2_make(st[12], st[13]);
  const float *a = io + from, *b = io + CAP + from;
  for (int i = 0; i < n; i++) {
    const v128_t v = wasm_f64x2_make((double)a[i], (double)b[i]);
    /* y = b0 v + b1 x1 + b2 x2 - a1 y1 - a2 y2, left to right */
    const v128_t y = wasm_f64x2_sub(
        wasm_f64x2_sub(wasm_f64x2_add(wasm_f64x2_add(wasm_f64x2_mul(b0, v), wasm_f64x2_mul(b1, x1)), wasm_f64x2_mul(b2, x2)),
                       wasm_f64x2_mul(a1, y1)),
        wasm_f64x2_mul(a2, y2));
    /* z = y - 2 y1 + y2 - h1 z1 - h2 z2, left to right */
    const v128_t z = wasm_f64x2_sub(
        wasm_f64x2_sub(wasm_f64x2_add(wasm_f64x2_sub(y, wasm_f64x2_mul(two, y1)), y2), wasm_f64x2_mul(h1, z1)),
        wasm_f64x2_mul(h2, z2));
    x2 = x1;
    x1 = v;
    y2 = y1;
    y1 = y;
    z2 = z1;
    z1 = z;
    sum = wasm_f64x2_add(sum, wasm_f64x2_mul(z, z));
  }
  st[0] = wasm_f64x2_extract_lane(x1, 0); st[6] = wasm_f64x2_extract_lane(x1, 1);
  st[1] = wasm_f64x2_extract_lane(x2, 0); st[7] = wasm_f64x2_extract_lane(x2, 1);
  st[2] = wasm_f64x2_extract_lane(y1, 0); st[8] = wasm_f64x2_extract_lane(y1, 1);
  st[3] = wasm_f64x2_extract_lane(y2, 0); st[9] = wasm_f64x2_extract_lane(y2, 1);
  st[4] = wasm_f64x2_extract_lane(z1, 0); st[10] = wasm_f64x2_extract_lane(z1, 1);
  st[5] = wasm_f64x2_extract_lane(z2, 0); st[11] = wasm_f64x2_extract_lane(z2, 1);
  st[12] = wasm_f64x2_extract_lane(sum, 0); st[13] = wasm_f64x2_extract_lane(sum, 1);
}

/* The true peak's sample peaks: the largest |x| of each 32-sample block of tp_x[0, n) into tp_max. */
#define TP_CAP 65536
#define TP_BLOCK 32
static float tp_x[TP_CAP];
static float tp_max[TP_CAP / TP_BLOCK];

float *tp_io(void) { return tp_x; }
float *tp_maxima(void) { return tp_max; }
int tp_cap(void) { return TP_CAP; }

/* n a multiple of TP_BLOCK, at most TP_CAP. Maxima of absolute values are exact in any order; pmax
   keeps the running maximum where a sample is NaN, as the JavaScript's comparisons do. */
void tp_blocks(int n) {
  for (int b = 0; b < n / TP_BLOCK; b++) {
    const float *x = tp_x + b * TP_BLOCK;
    v128_t m0 = wasm_f32x4_splat(0), m1 = m0;
    for (int i = 0; i < TP_BLOCK; i += 8) {
      m0 = wasm_f32x4_pmax(m0, wasm_f32x4_abs(wasm_v128_load(x + i)));
      m1 = wasm_f32x4_pmax(m1, wasm_f32x4_abs(wasm_v128_load(x + i + 4)));
    }
    m0 = wasm_f32x4_pmax(m0, m1);
    m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 2, 3, 0, 1));
    m0 = wasm_f32x4_pmax(m0, wasm_i32x4_shuffle(m0, m0, 1, 0, 3, 2));
    tp_max[b] = wasm_f32x4_extract_lane(m0, 0);
  }
}
