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
 */
export async function writeFaceTensor(image: Mat, box: Box, spec: ModelSpec, out: Float32Array, offset: number): Promise<void> {
  const cv = opencv();
  const r = expandBox(box, spec);
  const pad = Math.max(0, -r.x, -r.y, r.x + r.width - image.cols, r.y + r.height - image.rows);
  const src = pad > 0 ? await image.copyMakeBorderAsync(pad, pad, pad, pad, cv.BORDER_REPLICATE) : image;
  const region = src.getRegion(new cv.Rect(r.x + pad, r.y + pad, r.width, r.height));
  const { width, height, channels, mean, std } = spec.input;
  let crop = region;
  if (channels === 1 && crop.channels === 3) crop = await crop.bgrToGrayAsync();
  if (channels === 3 && crop.channels === 1) crop = await crop.cvtColorAsync(cv.COLOR_GRAY2RGB);
  else if (channels === 3) crop = await crop.cvtColorAsync(cv.COLOR_BGR2RGB);
  const interp = crop.cols > width ? cv.INTER_AREA : cv.INTER_LINEAR;
  const resized = await crop.resizeAsync(height, width, 0, 0, interp);
  if (crop !== region) crop.release();
  if (src !== image) src.release();
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
