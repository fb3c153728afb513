// Draws the app and tray icons (a cassette tape with a stripe of the seven mood colours) into
// assets/icons/ as PNGs. Plain Node: shapes as signed distance fields, anti-aliased analytically.
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const OUT = new URL('../assets/icons/', import.meta.url);

// ---- PNG (RGBA, 8 bit) -------------------------------------------------------------------------
const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let i = 0; i < size * 4; i++) raw[y * (size * 4 + 1) + 1 + i] = Math.round(rgba[y * size * 4 + i] * 255);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes (design space is 512 x 512) ---------------------------------------------------------
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
/** Convex polygon, points clockwise in screen space. */
const polygon = (pts) => (x, y) => {
  let d = -Infinity;
  for (let i = 0; i < pts.length; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % pts.length];
    const len = Math.hypot(bx - ax, by - ay);
    d = Math.max(d, ((x - ax) * (by - ay) - (y - ay) * (bx - ax)) / len);
  }
  return d;
};
const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y));

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16) / 255, parseInt(h.slice(3, 5), 16) / 255, parseInt(h.slice(5, 7), 16) / 255, a];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * t);
const solid = (c) => () => c;
/** Diagonal gradient through several stops, top-left to bottom-right. */
const gradient = (stops, x0, y0, x1, y1) => (x, y) => {
  const t = Math.min(1, Math.max(0, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2)));
  const seg = Math.min(stops.length - 2, Math.floor(t * (stops.length - 1)));
  return mix(stops[seg], stops[seg + 1], t * (stops.length - 1) - seg);
};

// Mood colours, in the contract's order: angry, disgust, fear, happy, neutral, sad, surprise.
const MOODS = ['#f0524f', '#7cc46b', '#9a78e0', '#ffc93c', '#a7b0bd', '#3f86f7', '#ff8fcf'].map((c) => hex(c));
const CREAM = hex('#fff4e6');
const INK = hex('#2a1f3d');
const TAPE = hex('#4a3866');
const BODY = gradient([hex('#ff9259'), hex('#e8467c'), hex('#7a3ff0')], 32, 112, 480, 400);

function fullIcon() {
  const layers = [
    // soft shadow under the cassette
    { sdf: roundRect(40, 126, 488, 420, 44), color: solid([0.08, 0.04, 0.14, 0.28]), blur: 10 },
    { sdf: roundRect(32, 112, 480, 400, 40), color: BODY },
    // a light rim along the top edge
    { sdf: intersect(roundRect(32, 112, 480, 400, 40), (x, y) => -(y - 120)), color: solid([1, 1, 1, 0.18]) },
    { sdf: roundRect(72, 144, 440, 312, 24), color: solid(CREAM) },
  ];
  // seven mood stripes across the top of the label
  const stripe = roundRect(96, 164, 416, 190, 13);
  MOODS.forEach((c, i) => {
    const x0 = 96 + (i * 320) / 7;
    const x1 = 96 + ((i + 1) * 320) / 7;
    layers.push({ sdf: intersect(stripe, (x) => Math.max(x0 - x, x - x1)), color: solid(c) });
  });
  layers.push(
    { sdf: roundRect(138, 210, 374, 292, 41), color: solid(INK) },
    // tape running between the reels
    { sdf: roundRect(198, 268, 314, 276, 4), color: solid(TAPE) },
  );
  for (const cx of [200, 312]) {
    layers.push(
      { sdf: circle(cx, 251, 33), color: solid(TAPE) },
      { sdf: circle(cx, 251, 21), color: solid(CREAM) },
      { sdf: circle(cx, 251, 9), color: solid(INK) },
    );
    for (let k = 0; k < 6; k++) {
      const a = (k * Math.PI) / 3;
      const [tx, ty] = [cx + Math.cos(a) * 12, 251 + Math.sin(a) * 12];
      layers.push({ sdf: circle(tx, ty, 3.2), color: solid(INK) });
    }
  }
  layers.push(
    // the head opening at the bottom
    {
      sdf: polygon([
        [150, 400],
        [166, 340],
        [346, 340],
        [362, 400],
      ]),
      color: solid([0.16, 0.08, 0.3, 0.35]),
    },
    { sdf: circle(206, 372, 10), color: solid(INK) },
    { sdf: circle(306, 372, 10), color: solid(INK) },
    { sdf: roundRect(246, 362, 266, 382, 4), color: solid(INK) },
  );
  for (const [x, y] of [
    [54, 134],
    [458, 134],
    [54, 378],
    [458, 378],
  ]) {
    layers.push({ sdf: circle(x, y, 8), color: solid([1, 1, 1, 0.5]) }, { sdf: circle(x, y, 3), color: solid([0.2, 0.1, 0.3, 0.5]) });
  }
  return layers;
}

/** Fewer, bolder shapes that stay readable at 16-32 px. */
function smallIcon() {
  const layers = [
    { sdf: roundRect(16, 96, 496, 416, 64), color: BODY },
    { sdf: roundRect(64, 136, 448, 336, 36), color: solid(CREAM) },
  ];
  const stripe = roundRect(96, 160, 416, 200, 20);
  MOODS.forEach((c, i) => {
    const x0 = 96 + (i * 320) / 7;
    const x1 = 96 + ((i + 1) * 320) / 7;
    layers.push({ sdf: intersect(stripe, (x) => Math.max(x0 - x, x - x1)), color: solid(c) });
  });
  layers.push({ sdf: roundRect(128, 224, 384, 320, 48), color: solid(INK) });
  for (const cx of [184, 328])
    layers.push({ sdf: circle(cx, 272, 30), color: solid(CREAM) }, { sdf: circle(cx, 272, 12), color: solid(INK) });
  return layers;
}

/** macOS menu bar template: black and alpha only; the system tints it. */
function templateIcon() {
  return [
    { sdf: roundRect(16, 96, 496, 416, 64), color: solid([0, 0, 0, 1]) },
    { sdf: roundRect(112, 176, 400, 320, 72), erase: true },
    { sdf: circle(184, 248, 40), color: solid([0, 0, 0, 1]) },
    { sdf: circle(328, 248, 40), color: solid([0, 0, 0, 1]) },
    {
      sdf: polygon([
        [144, 416],
        [168, 360],
        [344, 360],
        [368, 416],
      ]),
      erase: true,
    },
  ];
}

function render(layers, size) {
  const px = 512 / size; // design units per pixel
  const out = new Float64Array(size * size * 4);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) * px;
      const y = (j + 0.5) * px;
      let [r, g, b, a] = [0, 0, 0, 0]; // premultiplied
      for (const l of layers) {
        const width = px + (l.blur ?? 0);
        const cover = Math.min(1, Math.max(0, 0.5 - l.sdf(x, y) / width));
        if (cover === 0) continue;
        if (l.erase) {
          r *= 1 - cover;
          g *= 1 - cover;
          b *= 1 - cover;
          a *= 1 - cover;
          continue;
        }
        const [cr, cg, cb, ca] = l.color(x, y);
        const k = ca * cover;
        r = cr * k + r * (1 - k);
        g = cg * k + g * (1 - k);
        b = cb * k + b * (1 - k);
        a = k + a * (1 - k);
      }
      const o = (j * size + i) * 4;
      out.set(a > 0 ? [r / a, g / a, b / a, a] : [0, 0, 0, 0], o);
    }
  }
  return png(size, out);
}

mkdirSync(OUT, { recursive: true });
const files = {
  'icon.png': render(fullIcon(), 512),
  'tray.png': render(smallIcon(), 32),
  'trayTemplate.png': render(templateIcon(), 16),
  'trayTemplate@2x.png': render(templateIcon(), 32),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(new URL(name, OUT), data);
  console.log(`assets/icons/${name}`);
}
