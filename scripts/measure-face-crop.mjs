// Development step: how the Haar face box sits inside FER2013's face crops, so the app crops webcam
// faces the way the model saw faces in training. Writes training/face_crop.json (read by export.py):
//   margin  = extra border per side, as a fraction of the box side (crop side = box side * (1 + 2 margin))
//   offsetY = vertical shift of the crop centre from the box centre, as a fraction of the box side
//   node scripts/measure-face-crop.mjs [fer2013/train] [images per class]
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('@u4/opencv-build').Log.silence = true;
const cv = require('@u4/opencv4nodejs');
const root = process.argv[2] ?? new URL('../../shared/datasets/fer2013/train', import.meta.url).pathname;
const perClass = Number(process.argv[3] ?? 150);
const cascade = new cv.CascadeClassifier(new URL('../assets/models/haarcascade_frontalface_default.xml', import.meta.url).pathname);
const SIZE = 160; // as the app's detector enlarges small pictures
const ratios = [];
const offsets = [];
let seen = 0;
for (const c of readdirSync(root)) {
  const files = readdirSync(join(root, c)).sort();
  const step = Math.max(1, Math.floor(files.length / perClass));
  for (let i = 0; i < files.length && i / step < perClass; i += step) {
    seen++;
    const img = cv
      .imread(join(root, c, files[i]), cv.IMREAD_GRAYSCALE)
      .resize(SIZE, SIZE, 0, 0, cv.INTER_LINEAR)
      .equalizeHist();
    const { objects } = cascade.detectMultiScale(img, 1.1, 5, 0, new cv.Size(24, 24));
    if (objects.length !== 1) continue;
    const b = objects[0];
    ratios.push(SIZE / b.width);
    offsets.push((SIZE / 2 - (b.y + b.height / 2)) / b.height);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const r = median(ratios);
const result = { margin: Math.round(((r - 1) / 2) * 1000) / 1000, offsetY: Math.round(median(offsets) * 1000) / 1000 };
writeFileSync(new URL('../training/face_crop.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
console.log(`one face found in ${ratios.length} of ${seen} images; crop side / box side = ${r.toFixed(3)}`, result);
