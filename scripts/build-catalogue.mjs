// Builds assets/music/catalogue.json for the bundled demo library (a development step; the output is committed).
// Position on the valence/arousal plane: the listener's first impression in ATTRIBUTION.md gives the
// quadrant, and each track's measured loudness (EBU R128, via ffmpeg) nudges arousal within it, so two
// "calm" tracks are not placed on the same spot. Needs ffmpeg/ffprobe.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../assets/music/', import.meta.url).pathname;
const md = readFileSync(dir + 'ATTRIBUTION.md', 'utf8');

// Listener impressions -> valence, arousal (each in [-1, 1]).
const IMPRESSIONS = {
  'bright and upbeat': [0.7, 0.45],
  melancholic: [-0.55, -0.4],
  'driving and intense': [-0.15, 0.75],
  calm: [0.35, -0.55],
  'tense and dark': [-0.6, 0.3],
};
const impression = {};
for (const [name] of Object.entries(IMPRESSIONS)) {
  const m = new RegExp(`${name}: ([^;.]+)`).exec(md);
  for (const f of m[1].split(',').map((s) => s.trim())) impression[f] = name;
}

const rows = [...md.matchAll(/^\| (\S+\.opus) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)];
const tracks = rows.map(([, file, title, artist, from, licence]) => {
  const id = file.replace(/\.opus$/, '');
  const duration = Number(
    execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', dir + file]).toString(),
  );
  const log = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', dir + file, '-af', 'ebur128', '-f', 'null', '-']).stderr.toString();
  const lufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary')))[1]);
  return {
    id,
    file,
    title: title.trim(),
    artist: artist.trim(),
    album: from.trim().replace(/ \(.*\)$/, ''),
    licence: licence.trim(),
    durationSec: Math.round(duration * 10) / 10,
    lufs,
    impression: impression[id],
  };
});
const sorted = tracks.map((t) => t.lufs).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const clamp = (v) => Math.max(-1, Math.min(1, v));
const out = tracks.map(({ lufs, impression: imp, ...t }) => {
  const [v, a] = IMPRESSIONS[imp];
  return { ...t, valence: v, arousal: Math.round(clamp(a + 0.03 * (lufs - median)) * 100) / 100, loudnessLufs: lufs, impression: imp };
});
writeFileSync(dir + 'catalogue.json', JSON.stringify({ generatedBy: 'scripts/build-catalogue.mjs', tracks: out }, null, 2) + '\n');
console.log(
  out.map((t) => `${t.id.padEnd(22)} ${t.impression.padEnd(20)} v=${t.valence} a=${t.arousal} (${t.loudnessLufs} LUFS)`).join('\n'),
);
