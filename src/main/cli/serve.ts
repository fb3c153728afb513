/** moodtape serve [--camera SOURCE] [--port N] [--data-dir DIR] */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createMoodtape } from '../app/moodtape.js';
import { appVersion, assetsDir, findAppRoot } from '../core/paths.js';
import { uploadDirOf } from '../library/library-options.js';
import { serve } from '../serve/server.js';
import { cameraSource } from '../../shared/validate.js';

export function defaultDataDir(): string {
  const base = process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config');
  return join(base, 'moodtape-serve');
}

export async function runServe(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { camera: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0 picks a free one), not "${values.port}".`);
    return 2;
  }
  const rendererDir = join(findAppRoot(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.error('The app is not built yet: run "npm run build" first.');
    return 1;
  }
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const app = await createMoodtape({
    assetsDir: assetsDir(),
    dataDir,
    cameraSource: values.camera === undefined ? undefined : cameraSource(values.camera),
    version: appVersion(),
    instanceName: 'moodtape serve',
    // Any page with the token can name a path: only the home folder, uploads and added folders.
    importRoots: [homedir(), uploadDirOf(dataDir)],
  });
  const server = await serve(app, { port, rendererDir, importDir: uploadDirOf(dataDir) });
  console.log('Moodtape is running. Open this address in your browser (it works on this computer only):');
  console.log(server.url);
  const stop = async () => {
    await server.close();
    await app.dispose();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => {});
}
