// What assets/music/ATTRIBUTION.md says about each demo track, as build-catalogue.mjs reads it:
// its table (| file | title | artist | from | licence |) and, below it, the credits that say more
// than the artist's name ("- xeon.opus: commissioned by ...").
const AUDIO = '\\S+\\.(?:opus|ogg|mp3|flac|m4a|wav)';

/** file -> { title, artist, album, licence, credit? }, in the table's order. */
export function readAttribution(md) {
  const credits = new Map([...md.matchAll(new RegExp(`^- (${AUDIO}): (.+)$`, 'gm'))].map(([, file, credit]) => [file, credit.trim()]));
  const rows = md.matchAll(new RegExp(`^\\| (${AUDIO}) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|$`, 'gm'));
  return new Map(
    [...rows].map(([, file, title, artist, from, licence]) => [
      file,
      {
        title: title.trim(),
        artist: artist.trim(),
        album: from.trim().replace(/ \(.*\)$/, ''),
        licence: licence.trim(),
        ...(credits.has(file) ? { credit: credits.get(file) } : {}),
      },
    ]),
  );
}
