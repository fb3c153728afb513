/** `moodtape` command line: the same services as the app, for scripts, demos and evaluation. */
import { runAnalyze } from './analyze.js';
import { runDetect } from './detect.js';
import { runLibrary } from './library.js';
import { runHistory, runPlaylist } from './playlist.js';
import { runMoodHistory, runRecommend } from './recommend.js';
import { runEval } from './eval.js';
import { runServe } from './serve.js';
import { appVersion } from '../core/paths.js';

const USAGE = `Moodtape ${appVersion()}: music that fits your mood, from your face, on your computer.

Usage:
  moodtape detect <image-or-video> [--json]       faces, emotions and per-stage timings for one picture
    [--every-frame [--no-tracking]]               a video frame by frame: one JSON line each (--json), then a summary
  moodtape eval --data DIR [--crops] [--json] [--limit N]
                                                   accuracy of the emotion model on an image-folder data set
  moodtape serve [--camera SOURCE] [--port N] [--data-dir DIR]
                                                   the app in your browser (loopback only); prints its URL
  moodtape library add <files-or-folders...> [--data-dir DIR] [--watch] [--no-analysis] [--json]
                                                   import music into your library and analyse its mood
  moodtape library list [--json] [--all] [--mood MUSIC_MOOD] [--data-dir DIR]
                                                   your tracks with their music mood (--all: the demo tracks too;
                                                   --mood: only joyful, energetic, tense, dark, melancholic, calm or tender)
  moodtape analyze <audio-file> [--json]          tempo, key, mode, energy, valence, arousal and loudness (LUFS, gain) of one file
  moodtape playlist list [--json] [--data-dir DIR]   saved playlists
  moodtape playlist export NAME FILE [--data-dir DIR]
                                                   a saved playlist as M3U8 (paths relative to FILE where possible)
  moodtape playlist import FILE [--name NAME] [--json] [--data-dir DIR]
                                                   an M3U/M3U8 playlist; files not in the library yet are imported
  moodtape history [--json] [--limit N] [--clear] [--data-dir DIR]
                                                   what played, when, for how long, under which mood and why
  moodtape recommend --emotion E [--intent match|lift|calm|energise] [--length N] [--only-mine] [--widen] [--data-dir DIR] [--json]
                                                   the playlist the app would make, each track with its reason
  moodtape mood-history [--json | --csv] [--data-dir DIR]
                                                   the mood timeline (moods read, with what played)
  moodtape --version | --help

SOURCE is a camera number (0 = default camera) or a video file / image sequence.`;

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  detect: runDetect,
  eval: runEval,
  serve: runServe,
  library: runLibrary,
  analyze: runAnalyze,
  playlist: runPlaylist,
  history: runHistory,
  recommend: runRecommend,
  'mood-history': runMoodHistory,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (command === '--version' || command === '-v') {
    console.log(appVersion());
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  },
);
