import { describe, expect, it } from 'vitest';
import { parseM3u, resolveEntry, writeM3u8 } from '../../src/main/playlists/m3u.js';

// Playlists as other players write them (by hand, after their documented formats).
const FOOBAR_CRLF =
  '\uFEFF#EXTM3U\r\n#EXTINF:241,Nina Simone - Sinnerman\r\nMusic\\Nina Simone\\01 Sinnerman.flac\r\n#EXTINF:-1,Radio\r\nhttp://radio.example/stream\r\n';
const VLC = `#EXTM3U
#EXTINF:189,K-Pone - Offshore
file:///home/ana/Music/OpenClonk/offshore.opus
#EXTINF:228,K-Pone - Urban Bolero
file:///home/ana/Music/OpenClonk/urban%20bolero.opus
`;
const PLAIN = `# a comment, not an entry
../Albums/a.mp3

/abs/path/b.ogg
#EXTINF:,Artist - No Duration
c.wav
`;
const WINAMP = '#EXTM3U\n#EXTINF:200,Someone - Something\nC:\\Users\\ana\\Music\\song.mp3\n';

describe('M3U / M3U8 playlists from other players', () => {
  it('reads foobar2000-style M3U8: BOM, CRLF, Windows separators, #EXTINF with and without a duration', () => {
    expect(parseM3u(FOOBAR_CRLF)).toEqual([
      { location: 'Music\\Nina Simone\\01 Sinnerman.flac', durationSec: 241, display: 'Nina Simone - Sinnerman' },
      { location: 'http://radio.example/stream', durationSec: null, display: 'Radio' },
    ]);
    expect(resolveEntry('Music\\Nina Simone\\01 Sinnerman.flac', '/home/ana/lists')).toEqual({
      path: '/home/ana/lists/Music/Nina Simone/01 Sinnerman.flac',
    });
    expect(resolveEntry('http://radio.example/stream', '/x')).toEqual({ reason: 'a web address, not a file' });
  });

  it('reads VLC-style file:// URLs, percent-encoding included', () => {
    const entries = parseM3u(VLC);
    expect(entries.map((e) => resolveEntry(e.location, null))).toEqual([
      { path: '/home/ana/Music/OpenClonk/offshore.opus' },
      { path: '/home/ana/Music/OpenClonk/urban bolero.opus' },
    ]);
    expect(entries[1]).toMatchObject({ durationSec: 228, display: 'K-Pone - Urban Bolero' });
  });

  it('reads plain M3U: comments skipped, relative paths against the playlist folder, absolute ones kept', () => {
    const entries = parseM3u(PLAIN);
    expect(entries.map((e) => e.location)).toEqual(['../Albums/a.mp3', '/abs/path/b.ogg', 'c.wav']);
    expect(entries[2]).toMatchObject({ durationSec: null, display: 'Artist - No Duration' });
    expect(resolveEntry('../Albums/a.mp3', '/home/ana/lists')).toEqual({ path: '/home/ana/Albums/a.mp3' });
    expect(resolveEntry('/abs/path/b.ogg', '/home/ana/lists')).toEqual({ path: '/abs/path/b.ogg' });
    expect(resolveEntry('c.wav', null)).toMatchObject({ reason: expect.stringMatching(/relative/) });
  });

  it('says why a Windows drive path cannot be followed on this system', () => {
    const [e] = parseM3u(WINAMP);
    expect(e.location).toBe('C:\\Users\\ana\\Music\\song.mp3');
    expect(resolveEntry(e.location, '/x')).toEqual({ reason: 'a Windows path (from another computer)' });
  });

  it('writes M3U8 with #EXTINF lines and paths relative to the file where possible', () => {
    const text = writeM3u8(
      [
        { path: '/music/lists/../a/one.opus', durationSec: 61.6, artist: 'A', title: 'One' },
        { path: '/music/lists/sub/two.mp3', durationSec: 10, artist: 'B', title: 'Two\nlines' },
        { path: '/elsewhere/three.flac', durationSec: 3, artist: 'C', title: 'Three' },
      ],
      '/music/lists',
    );
    expect(text).toBe(
      '#EXTM3U\n#EXTINF:62,A - One\n/music/lists/../a/one.opus\n#EXTINF:10,B - Two lines\nsub/two.mp3\n#EXTINF:3,C - Three\n/elsewhere/three.flac\n',
    );
    // And it reads back.
    expect(parseM3u(text).map((e) => e.durationSec)).toEqual([62, 10, 3]);
  });
});
