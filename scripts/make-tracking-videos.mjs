// Development step (output committed): camera-like videos for face tracking, snapshots and the
// real-time benchmark, made with ffmpeg from the committed face pictures in test/fixtures/frames.
//   node scripts/make-tracking-videos.mjs
// - moving-face-640x480.mp4 / moving-face-1280x720.mp4: a happy face that crosses the frame, a gap
//   with no face, a smaller sad face that moves back and down, then a happy face that drifts; on a
//   textured background (a plain one flatters the cascade). Segments and labels: moving-face.json.
// - face-after-a-second.mp4: one second of an empty room, then a happy face (snapshots must wait for it).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const frames = join(root, 'test/fixtures/frames');
const out = join(root, 'test/fixtures/video');
const FPS = 15;
const ff = (args) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
const x264 = ['-r', String(FPS), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '28', '-preset', 'slow'];

/** Seconds, label (null: no face), face side and path as fractions of the frame height/width. */
const SEGMENTS = [
  { from: 0, to: 3, emotion: 'happy', face: 'happy', size: 0.42, x: [0.05, 0.6], y: [0.2, 0.3] },
  { from: 3, to: 4, emotion: null },
  { from: 4, to: 7, emotion: 'sad', face: 'sad', size: 0.33, x: [0.65, 0.1], y: [0.1, 0.45] },
  { from: 7, to: 9, emotion: 'happy', face: 'happy', size: 0.46, x: [0.3, 0.4], y: [0.25, 0.2] },
];
const DURATION = SEGMENTS.at(-1).to;

function moving(width, height, file) {
  // Static texture (compresses to little): slow waves and a few dark "furniture" blocks.
  const bg =
    `color=c=gray:s=${width}x${height}:r=${FPS}:d=${DURATION},format=yuv420p,` +
    `geq=lum='110+28*sin(X/${(width / 17).toFixed(1)}+Y/${(height / 9).toFixed(1)})+18*cos(X/${(width / 58).toFixed(1)})*sin(Y/${(height / 26).toFixed(1)})':cb=128:cr=128,` +
    `drawbox=x=${Math.round(width * 0.82)}:y=${Math.round(height * 0.1)}:w=${Math.round(width * 0.12)}:h=${Math.round(height * 0.8)}:color=0x403830:t=fill,` +
    `drawbox=x=0:y=${Math.round(height * 0.86)}:w=${width}:h=${Math.round(height * 0.14)}:color=0x5a5048:t=fill`;
  const inputs = ['-f', 'lavfi', '-i', bg];
  const chains = [];
  let last = '0:v';
  SEGMENTS.filter((s) => s.face).forEach((s, i) => {
    inputs.push('-loop', '1', '-i', join(frames, `${s.face}-face.png`));
    const side = Math.round(s.size * height);
    const [x0, x1] = s.x.map((f) => f * width);
    const [y0, y1] = s.y.map((f) => f * height);
    const span = s.to - s.from;
    const p = `(t-${s.from})/${span}`;
    chains.push(`[${i + 1}:v]crop=240:240:200:100,scale=${side}:${side}[f${i}]`);
    chains.push(
      `[${last}][f${i}]overlay=x='${x0}+(${x1 - x0})*${p}':y='${y0}+(${y1 - y0})*${p}':enable='between(t,${s.from},${s.to - 0.001})':shortest=0:eof_action=pass[o${i}]`,
    );
    last = `o${i}`;
  });
  ff([...inputs, '-filter_complex', chains.join(';'), '-map', `[${last}]`, '-t', String(DURATION), ...x264, join(out, file)]);
}

moving(640, 480, 'moving-face-640x480.mp4');
moving(1280, 720, 'moving-face-1280x720.mp4');
writeFileSync(
  join(out, 'moving-face.json'),
  JSON.stringify(
    {
      about:
        'Segments of moving-face-640x480.mp4 and moving-face-1280x720.mp4 (seconds; emotion null: no face). Made by scripts/make-tracking-videos.mjs.',
      fps: FPS,
      segments: SEGMENTS.map(({ from, to, emotion }) => ({ from, to, emotion })),
    },
    null,
    2,
  ) + '\n',
);

ff([
  '-loop',
  '1',
  '-t',
  '1',
  '-i',
  join(frames, 'no-face.png'),
  '-loop',
  '1',
  '-t',
  '3',
  '-i',
  join(frames, 'happy-face.png'),
  '-filter_complex',
  '[0:v][1:v]concat=n=2:v=1[v]',
  '-map',
  '[v]',
  ...x264,
  join(out, 'face-after-a-second.mp4'),
]);
console.log('videos written to', out);
