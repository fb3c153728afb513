/** The live preview: a small JPEG with face boxes drawn, sent to the renderer and never stored. */
import type { Box, Frame } from '../../shared/contract.js';
import { opencv, type Mat } from './opencv.js';

const PREVIEW_WIDTH = 320;

export async function previewFrame(frame: Mat, faces: Box[]): Promise<Frame> {
  const cv = opencv();
  const scale = Math.min(1, PREVIEW_WIDTH / frame.cols);
  const small = scale < 1 ? await frame.resizeAsync(Math.round(frame.rows * scale), PREVIEW_WIDTH, 0, 0, cv.INTER_AREA) : frame.copy();
  faces.forEach((b, i) => {
    const rect = new cv.Rect(Math.round(b.x * scale), Math.round(b.y * scale), Math.round(b.width * scale), Math.round(b.height * scale));
    // Largest face (the one that counts) in the accent colour, others grey.
    small.drawRectangle(rect, i === 0 ? new cv.Vec3(120, 220, 80) : new cv.Vec3(160, 160, 160), 2);
  });
  const jpeg = await cv.imencodeAsync('.jpg', small, [cv.IMWRITE_JPEG_QUALITY, 70]);
  small.release();
  return {
    jpeg: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
    width: frame.cols,
    height: frame.rows,
    faces,
    at: Date.now(),
    detection: null,
  };
}
