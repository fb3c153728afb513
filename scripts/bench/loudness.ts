/**
 * Our EBU R128 meter against ffmpeg's `ebur128` filter on every bundled track (prints numbers; not a test).
 *   npm run bench:loudness [-- FILES...]
 *   npm run bench:loudness -- --write    also writes assets/music/loudness.json (the demo tracks' playback gains)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ffmpegLoudness, measureLoudness, normalisationGain } from '../../src/main/library/analysis/loudness.js';
import { findAppRoot } from '../../src/main/core/paths.js';

const music = join(findAppRoot(), 'assets/music');
const write = process.argv.includes('--write');
const args = process.argv.slice(2).filter((a) => a !== '--write');
const measured: Record<string, { loudnessLufs: number; truePeakDb: number; gainDb: number }> = {};
const r2 = (x: number) => Math.round(x * 100) / 100;
const files = args.length
  ? args
  : readdirSync(music)
      .filter((f) => /\.(opus|ogg|mp3|flac|wav|m4a)$/.test(f))
      .map((f) => join(music, f));
const errors: number[] = [];
const peakErrors: number[] = [];
let seconds = 0;
console.log('track                          ours LUFS  ffmpeg LUFS  diff LU  ours dBTP  ffmpeg dBTP  gain dB');
for (const file of files) {
  const t0 = performance.now();
  const ours = await measureLoudness(file);
  seconds += (performance.now() - t0) / 1000;
  const ref = await ffmpegLoudness(file);
  const d = ours.integratedLufs - ref.integratedLufs;
  measured[file.split('/').pop()!] = {
    loudnessLufs: r2(ours.integratedLufs),
    truePeakDb: r2(ours.truePeakDb),
    gainDb: r2(normalisationGain(ours)),
  };
  errors.push(Math.abs(d));
  peakErrors.push(Math.abs(ours.truePeakDb - ref.truePeakDb));
  const name = file.split('/').pop()!.padEnd(30);
  const f = (x: number, w: number) => x.toFixed(2).padStart(w);
  console.log(
    `${name} ${f(ours.integratedLufs, 9)} ${f(ref.integratedLufs, 12)} ${f(d, 8)} ${f(ours.truePeakDb, 10)} ${f(ref.truePeakDb, 12)} ${f(normalisationGain(ours), 8)}`,
  );
}
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
console.log(`\n${files.length} tracks: loudness |error| mean ${mean(errors).toFixed(3)} LU, max ${Math.max(...errors).toFixed(3)} LU`);
console.log(`true peak |error| mean ${mean(peakErrors).toFixed(3)} dB, max ${Math.max(...peakErrors).toFixed(3)} dB`);
console.log(`our meter: ${(seconds / files.length).toFixed(2)} s per track (decode + measure, one thread)`);

if (write) {
  const catalogue = JSON.parse(readFileSync(join(music, 'catalogue.json'), 'utf8')) as { tracks: { id: string; file: string }[] };
  const tracks = Object.fromEntries(catalogue.tracks.filter((t) => measured[t.file]).map((t) => [t.id, measured[t.file]]));
  const out = join(music, 'loudness.json');
  writeFileSync(out, `${JSON.stringify({ generatedBy: 'npm run bench:loudness -- --write', referenceLufs: -18, tracks }, null, 2)}\n`);
  console.log(`wrote ${out}`);
}
