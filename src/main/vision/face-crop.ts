/** Turns a face box into the model's input: margin, grey/colour, resize, normalise (all from the sidecar). */
import type { Box } from '../../shared/contract.js';
import type { ModelSpec } from './model-spec.js';
import { opencv, type Mat } from './opencv.js';

/** The box grown by the training margin (FER2013 crops show a little around the face). */
export function expandBox(box: Box, spec: ModelSpec): Box {
  const m = spec.faceCrop.margin;
  const dy = (spec.faceCrop.offsetY ?? 0) * box.height;
  return {
    x: Math.round(box.x - m * box.width),
    y: Math.round(box.y - m * box.height + dy),
    width: Math.round(box.width * (1 + 2 * m)),
    height: Math.round(box.height * (1 + 2 * m)),
  };
}

/**
 * Writes one face into `out` at `offset` (CHW, float32). `image` is grey (1 channel) or BGR (3);
 * parts of the crop outside the frame repeat the edge pixels, as at the frame border the face is cut.
 * Synchronous OpenCV calls on purpose: every step works on the face crop alone (a few hundred pixels
 * a side), less work than a trip to a worker thread and back.
 */
export async function writeFaceTensor(image: Mat, box: Box, spec: ModelSpec, out: Float32Array, offset: number): Promise<void> {
  const cv = opencv();
  const r = expandBox(box, spec);
  const x0 = clamp(r.x, 0, image.cols - 1);
  const y0 = clamp(r.y, 0, image.rows - 1);
  const x1 = clamp(r.x + r.width, x0 + 1, image.cols);
  const y1 = clamp(r.y + r.height, y0 + 1, image.rows);
  const inside = image.getRegion(new cv.Rect(x0, y0, x1 - x0, y1 - y0));
  // Only the crop is padded (not the whole frame): the same pixels, as the padding repeats the frame's edge.
  const [top, bottom, left, right] = [y0 - r.y, r.y + r.height - y1, x0 - r.x, r.x + r.width - x1].map((p) => Math.max(0, p));
  const padded = top || bottom || left || right ? inside.copyMakeBorder(top, bottom, left, right, cv.BORDER_REPLICATE) : inside;
  const { width, height, channels, mean, std } = spec.input;
  let crop = padded;
  if (channels === 1 && crop.channels === 3) crop = crop.bgrToGray();
  if (channels === 3 && crop.channels === 1) crop = crop.cvtColor(cv.COLOR_GRAY2RGB);
  else if (channels === 3) crop = crop.cvtColor(cv.COLOR_BGR2RGB);
  const interp = crop.cols > width ? cv.INTER_AREA : cv.INTER_LINEAR;
  const resized = crop.resize(height, width, 0, 0, interp);
  if (crop !== padded) crop.release();
  if (padded !== inside) padded.release();
  const px = resized.getData(); // HWC uint8, continuous after resize
  resized.release();
  const plane = width * height;
  for (let c = 0; c < channels; c++) {
    const mu = mean[c];
    const inv = 1 / std[c];
    const base = offset + c * plane;
    for (let i = 0; i < plane; i++) out[base + i] = (px[i * channels + c] / 255 - mu) * inv;
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
