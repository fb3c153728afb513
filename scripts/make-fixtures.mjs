// Development step (output committed): test fixtures from FER2013 publictest faces.
//   node scripts/make-fixtures.mjs [path/to/fer2013]
// - test/fixtures/faces/<class>/: 12 face crops per class (accuracy floor test, `moodtape eval --crops`)
// - test/fixtures/frames/: camera-like pictures: one face, two faces, no face, too dark
// - test/fixtures/video/: camera videos for end-to-end tests (happy face, happy then sad, no face)
// Needs the built OpenCV binding and ffmpeg.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('@u4/opencv-build').Log.silence = true;
const cv = require('@u4/opencv4nodejs');
const fer = process.argv[2] ?? new URL('../../shared/datasets/fer2013/publictest', import.meta.url).pathname;
const out = new URL('../test/fixtures/', import.meta.url).pathname;
const CLASSES = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];
const PER_CLASS = 12;

for (const c of CLASSES) {
  const dir = join(out, 'faces', c);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = readdirSync(join(fer, c)).sort();
  const step = Math.floor(files.length / PER_CLASS);
  for (let i = 0; i < PER_CLASS; i++) copyFileSync(join(fer, c, files[i * step]), join(dir, files[i * step]));
}

// A camera-like frame: mid-grey background with faces placed at the given spots, 640x480 BGR.
function frame(faces) {
  const img = new cv.Mat(480, 640, cv.CV_8UC3, [96, 100, 104]);
  for (const { file, x, y, size } of faces) {
    const face = cv.imread(file).resize(size, size, 0, 0, cv.INTER_CUBIC);
    face.copyTo(img.getRegion(new cv.Rect(x, y, size, size)));
  }
  return img;
}
const pick = (c, name) => join(fer, c, name);
const HAPPY = process.env.HAPPY ?? 'PublicTest_2392481.jpg';
const SAD = process.env.SAD ?? 'PublicTest_28707949.jpg';
const frames = join(out, 'frames');
mkdirSync(frames, { recursive: true });
cv.imwrite(join(frames, 'happy-face.png'), frame([{ file: pick('happy', HAPPY), x: 200, y: 100, size: 240 }]));
cv.imwrite(join(frames, 'sad-face.png'), frame([{ file: pick('sad', SAD), x: 200, y: 100, size: 240 }]));
cv.imwrite(
  join(frames, 'two-faces.png'),
  frame([
    { file: pick('happy', HAPPY), x: 40, y: 120, size: 260 },
    { file: pick('sad', SAD), x: 400, y: 160, size: 180 },
  ]),
);
cv.imwrite(join(frames, 'no-face.png'), frame([]));
cv.imwrite(join(frames, 'dark.png'), new cv.Mat(480, 640, cv.CV_8UC3, [8, 8, 8]));

const video = join(out, 'video');
mkdirSync(video, { recursive: true });
const ff = (args) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const still = (png, seconds, mp4) =>
  ff([
    '-loop',
    '1',
    '-t',
    String(seconds),
    '-i',
    join(frames, png),
    '-r',
    '15',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-crf',
    '30',
    join(video, mp4),
  ]);
still('happy-face.png', 4, 'happy-face.mp4');
still('no-face.png', 2, 'no-face.mp4');
ff([
  '-loop',
  '1',
  '-t',
  '4',
  '-i',
  join(frames, 'happy-face.png'),
  '-loop',
  '1',
  '-t',
  '6',
  '-i',
  join(frames, 'sad-face.png'),
  '-filter_complex',
  '[0:v][1:v]concat=n=2:v=1[v]',
  '-map',
  '[v]',
  '-r',
  '15',
  '-c:v',
  'libx264',
  '-pix_fmt',
  'yuv420p',
  '-crf',
  '30',
  join(video, 'happy-then-sad.mp4'),
]);
console.log('fixtures written to', out);
