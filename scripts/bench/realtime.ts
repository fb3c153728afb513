/**
 * Real-time vision side by side: on the same decoded frames of the committed 640x480 and
 * 1280x720 videos (test/fixtures/video/moving-face-*.mp4, segments labelled in moving-face.json),
 * Moodtape with face tracking, Moodtape with full-frame detection on every frame, and the face
 * pipelines users would otherwise pick in Node: @vladmandic/human (BlazeFace + its emotion model) and
 * @vladmandic/face-api (TinyFaceDetector + faceExpressionNet), both on TensorFlow.js WASM, 1 thread.
 *   npm run bench:realtime [-- --peers none|human|face-api|all] [--markdown]
 *
 * Per frame: from the decoded BGR frame to the emotion (grey conversion / RGB tensor included,
 * video decoding not), as wall-clock ms and as the process's CPU ms (user + system, all threads):
 * on a shared, loaded machine the wall clock also counts waiting for a core, the CPU time does not.
 * Moodtape's two modes take turns frame by frame so background load hits them alike; each peer then
 * runs in a pass of its own (in one pass, the peers' garbage collection, on V8's background threads,
 * would be counted in the process CPU time of Moodtape's frames).
 * "face frames": frames with a face found, of the frames whose segment has a face; "false faces":
 * frames of the no-face segment where one was reported; "agreement": frames whose emotion is the
 * segment's label, of the frames whose segment has a face.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findAppRoot } from '../../src/main/core/paths.js';
import type { FaceTracker } from '../../src/main/vision/face-tracker.js';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv, type Mat } from '../../src/main/vision/opencv.js';

const { values } = parseArgs({ options: { peers: { type: 'string', default: 'all' }, markdown: { type: 'boolean' } } });
const root = findAppRoot();
const cv = opencv();
const videos = join(root, 'test/fixtures/video');
const labels = JSON.parse(readFileSync(join(videos, 'moving-face.json'), 'utf8')) as {
  fps: number;
  segments: { from: number; to: number; emotion: string | null }[];
};
const labelAt = (i: number) => labels.segments.find((s) => i / labels.fps >= s.from && i / labels.fps < s.to)?.emotion ?? null;

interface Method {
  name: string;
  /** Methods of one group take turns frame by frame; groups run one after the other. */
  group: number;
  /** Called once per video before its first frame (trackers start afresh). */
  reset(): void;
  /** Number of faces found and the main face's emotion. */
  run(frame: Mat): Promise<{ faces: number; emotion: string | null }>;
}

const pipeline = await loadPipeline(join(root, 'assets/models'), { threads: 1 });
let tracker: FaceTracker = pipeline.tracker();
const methods: Method[] = [
  {
    name: 'Moodtape, tracking',
    group: 0,
    reset: () => (tracker = pipeline.tracker()),
    run: async (f) => {
      const d = await pipeline.analyse(f, 0, tracker);
      return { faces: d.faces.length, emotion: d.emotion };
    },
  },
  {
    name: 'Moodtape, full frame',
    group: 0,
    reset: () => {},
    run: async (f) => {
      const d = await pipeline.analyse(f);
      return { faces: d.faces.length, emotion: d.emotion };
    },
  },
];

// ---- peers: loaded from their packages' own files, offline (as scripts/bench-models.mjs does)
// A variable module name keeps esbuild from bundling these large dev-only packages.
const req = createRequire(join(root, 'package.json'));
const load = (name: string) => req(name);
function pkgDir(name: string): string {
  for (const base of req.resolve.paths(name) ?? []) if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  throw new Error(`${name} is not installed`);
}
const version = (name: string) => JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version as string;
const ALIASES: Record<string, string> = { fearful: 'fear', disgusted: 'disgust', surprised: 'surprise' };
const rgbOf = (f: Mat) => {
  const rgb = f.cvtColor(cv.COLOR_BGR2RGB);
  const data = rgb.getData();
  rgb.release();
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
};
const wanted = (p: string) => values.peers === 'all' || values.peers === p;
const notes: string[] = [];

if (values.peers !== 'none') {
  const tf = load('@tensorflow/tfjs-core');
  const wasm = load('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist') + '/');
  wasm.setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();

  if (wanted('human')) {
    // Human fetches its models by URL; this origin is answered from the package's models folder.
    const dir = join(pkgDir('@vladmandic/human'), 'models');
    const origin = 'http://human-models.local/';
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      const u = String(url);
      if (!u.startsWith(origin)) return realFetch(url, init);
      const file = join(dir, u.slice(origin.length));
      return new Response(readFileSync(file), {
        headers: { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' },
      });
    }) as typeof fetch;
    const H = load(join(pkgDir('@vladmandic/human'), 'dist/human.node-wasm.js'));
    const off = { enabled: false };
    const config = {
      backend: 'wasm',
      wasmPath: join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist') + '/',
      modelBasePath: origin,
      debug: false,
      warmup: 'none',
      // Its defaults otherwise: the detector's own frame skipping (its form of tracking) stays on.
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 4 },
        mesh: off,
        iris: off,
        description: off,
        emotion: { enabled: true },
        antispoof: off,
        liveness: off,
        attention: off,
      },
      body: off,
      hand: off,
      object: off,
      gesture: off,
      segmentation: off,
    };
    let human = new H.Human(config);
    await human.load();
    methods.push({
      name: 'human',
      group: 1,
      reset: () => {
        // A fresh instance per video: its frame cache must not carry over. Models stay loaded in tfjs.
        const next = new H.Human(config);
        next.models = human.models;
        human = next;
      },
      run: async (f) => {
        const t = human.tf.tensor4d(rgbOf(f), [1, f.rows, f.cols, 3], 'float32');
        const r = await human.detect(t);
        t.dispose();
        const top = r.face[0]?.emotion?.[0]?.emotion ?? null;
        return { faces: r.face.length, emotion: top ? (ALIASES[top] ?? top) : null };
      },
    });
    notes.push(
      `human ${version('@vladmandic/human')}: BlazeFace + emotion (mesh, iris, description off), tfjs-wasm 1 thread, its default frame skipping on`,
    );
  }

  if (wanted('face-api')) {
    const faceapi = load(join(pkgDir('@vladmandic/face-api'), 'dist/face-api.node-wasm.js'));
    const dir = join(pkgDir('@vladmandic/face-api'), 'model');
    await faceapi.nets.tinyFaceDetector.loadFromDisk(dir);
    await faceapi.nets.faceExpressionNet.loadFromDisk(dir);
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 });
    methods.push({
      name: 'face-api',
      group: 2,
      reset: () => {},
      run: async (f) => {
        const t = faceapi.tf.tensor3d(rgbOf(f), [f.rows, f.cols, 3], 'int32');
        const r = await faceapi.detectAllFaces(t, options).withFaceExpressions();
        t.dispose();
        const main = [...r].sort((a, b) => b.detection.box.area - a.detection.box.area)[0];
        const top = main ? (Object.entries(main.expressions as Record<string, number>).sort((a, b) => b[1] - a[1])[0][0] as string) : null;
        return { faces: r.length, emotion: top ? (ALIASES[top] ?? top) : null };
      },
    });
    notes.push(`face-api ${version('@vladmandic/face-api')}: TinyFaceDetector (416) + faceExpressionNet, tfjs-wasm 1 thread`);
  }
}

// ---- run
const quantile = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(a.length * q))];
interface Row {
  video: string;
  method: string;
  median: number;
  p95: number;
  cpu: number;
  faceFrames: number;
  faceSegmentFrames: number;
  falseFaces: number;
  emptyFrames: number;
  agree: number;
}
const rows: Row[] = [];
for (const file of ['moving-face-640x480.mp4', 'moving-face-1280x720.mp4']) {
  const cap = new cv.VideoCapture(join(videos, file));
  const frames: Mat[] = [];
  for (let f = cap.read(); !f.empty; f = cap.read()) frames.push(f);
  cap.release();
  const size = `${frames[0].cols}x${frames[0].rows}`;
  console.error(`${size}: ${frames.length} frames, ${methods.length} methods`);
  // Warm-up on a few frames (JIT, WASM kernels, ONNX Runtime), then afresh.
  for (const m of methods) for (const f of frames.slice(0, 3)) await m.run(f);
  methods.forEach((m) => m.reset());
  const stats = methods.map(() => ({ ms: [] as number[], cpu: [] as number[], faceFrames: 0, falseFaces: 0, agree: 0 }));
  const faceSegmentFrames = frames.filter((_, i) => labelAt(i)).length;
  for (const group of new Set(methods.map((m) => m.group)))
    for (let i = 0; i < frames.length; i++) {
      const label = labelAt(i);
      for (let k = 0; k < methods.length; k++) {
        if (methods[k].group !== group) continue;
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await methods[k].run(frames[i]);
        stats[k].ms.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        stats[k].cpu.push((c.user + c.system) / 1000);
        if (label && r.faces > 0) stats[k].faceFrames++;
        if (!label && r.faces > 0) stats[k].falseFaces++;
        if (label && r.emotion === label) stats[k].agree++;
      }
    }
  frames.forEach((f) => f.release());
  methods.forEach((m, k) =>
    rows.push({
      video: size,
      method: m.name,
      median: quantile(stats[k].ms, 0.5),
      p95: quantile(stats[k].ms, 0.95),
      cpu: quantile(stats[k].cpu, 0.5),
      faceFrames: stats[k].faceFrames,
      faceSegmentFrames,
      falseFaces: stats[k].falseFaces,
      emptyFrames: frames.length - faceSegmentFrames,
      agree: stats[k].agree,
    }),
  );
}

const f2 = (x: number) => x.toFixed(2);
const pc = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const header = [
  'video',
  'method',
  'median ms',
  'p95 ms',
  'x tracking (median)',
  'median CPU ms',
  'face frames',
  'false faces',
  'agreement',
];
const table = rows.map((r) => {
  const base = rows.find((b) => b.video === r.video && b.method === 'Moodtape, tracking')!;
  return [
    r.video,
    r.method,
    f2(r.median),
    f2(r.p95),
    `${(r.median / base.median).toFixed(1)}x`,
    f2(r.cpu),
    `${r.faceFrames}/${r.faceSegmentFrames}`,
    `${r.falseFaces}/${r.emptyFrames}`,
    `${r.agree}/${r.faceSegmentFrames} (${pc(r.agree, r.faceSegmentFrames)})`,
  ];
});
if (values.markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const t of table) console.log(`| ${t.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
}
for (const video of ['640x480', '1280x720']) {
  const t = rows.find((r) => r.video === video && r.method === 'Moodtape, tracking');
  const f = rows.find((r) => r.video === video && r.method === 'Moodtape, full frame');
  if (t && f) {
    console.log(
      `${video}: tracking's median is ${(f.median / t.median).toFixed(1)}x faster than full-frame detection (${f2(t.median)} vs ${f2(f.median)} ms; CPU ${f2(t.cpu)} vs ${f2(f.cpu)} ms), faces in ${t.faceFrames} vs ${f.faceFrames} frames`,
    );
  }
}
for (const n of notes) console.log(n);
console.log(
  `load average while it ran: ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
);
await pipeline.model.dispose();
