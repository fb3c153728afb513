/** One place that loads OpenCV, so a missing native build gives one clear message. */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as CV from '@u4/opencv4nodejs';
import { MoodtapeError } from '../core/errors.js';
import { findAppRoot } from '../core/paths.js';
import { opencvModule } from './opencv-binding.js';

export type OpenCV = typeof CV.cv;
export type Mat = CV.Mat;
export type Rect = CV.Rect;

let loaded: OpenCV | null = null;

export function opencv(): OpenCV {
  if (!loaded) {
    try {
      // The package's CJS entry; loading lazily keeps `moodtape --help` fast and lets the CLI explain a missing build.
      // OpenCV's own warnings (e.g. GStreamer/V4L2 probing a missing camera) are not for users; our errors say it better.
      process.env.OPENCV_LOG_LEVEL ??= 'ERROR';
      // The binding reports each Mat's pixels to V8 as external memory, also from its async worker
      // threads; under load that crashes V8's garbage collector ("Check failed: marking_done_").
      // Off, and every frame and its large intermediates are released explicitly instead (the
      // camera loop, snapshots, the detector, the preview): the collector cannot see their size.
      process.env.OPENCV4NODEJS_DISABLE_EXTERNAL_MEM_TRACKING ??= '1';
      const require = createRequire(import.meta.url);
      try {
        // The loader logs its configuration to stdout on every start; that would corrupt `--json` output.
        require('@u4/opencv-build').Log.silence = true;
      } catch {
        /* only the log level: nothing to do */
      }
      const mod = require(bindingForThisRuntime());
      loaded = (mod.cv ?? mod.default ?? mod) as OpenCV;
    } catch (e) {
      if (e instanceof MoodtapeError) throw e;
      throw new Error(
        `OpenCV (@u4/opencv4nodejs) is not built: ${(e as Error).message.split('\n')[0]}. Run "bash scripts/setup.sh" to build it.`,
        { cause: e },
      );
    }
  }
  return loaded;
}

/** Node's build, or Electron's (src/main/vision/opencv-binding.ts). */
function bindingForThisRuntime(): string {
  let appRoot: string | null = null;
  try {
    appRoot = findAppRoot();
  } catch {
    /* packaged: no checkout around */
  }
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return opencvModule({
    electron: process.versions.electron,
    packaged: Boolean(resources) && import.meta.url.includes('app.asar'),
    appRoot,
    exists: existsSync,
  });
}
