/**
 * Serve mode's import: a browser cannot tell the app where a file is, so each audio file's bytes
 * are sent over HTTP (the server keeps a copy in its data folder), then the copies are imported.
 */
import {
  ApiError,
  IMPORT_EXTENSIONS,
  MAX_UPLOAD_BYTES,
  type ImportFilesOptions,
  type ImportStatus,
  type Params,
} from '../../shared/contract';
import { importInChunks } from './import-chunks';

const UPLOAD_LIMIT = `${MAX_UPLOAD_BYTES / (1024 * 1024)} MB`;
/** The import list without its aliases (oga, wave): "mp3, ogg, ... and wav". */
const KINDS = [...new Set(IMPORT_EXTENSIONS.map((e) => ({ oga: 'ogg', wave: 'wav' })[e as string] ?? e))];
const READABLE = `Moodtape reads ${KINDS.slice(0, -1).join(', ')} and ${KINDS.at(-1)} files.`;

export interface UploadTarget {
  /** Where HTTP requests go ('' in the page: its own origin). */
  http: string;
  token: string;
  importPaths: (method: 'importPaths', params: Params<'importPaths'>) => Promise<ImportStatus>;
}

export function isImportable(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && (IMPORT_EXTENSIONS as readonly string[]).includes(name.slice(dot + 1).toLowerCase());
}

/** Sends every audio file, then imports those that arrived; what could not be sent is named in the error. */
export async function importByUpload(target: UploadTarget, files: File[], opts: ImportFilesOptions = {}): Promise<ImportStatus> {
  const all = opts.expandFolders ? await opts.expandFolders() : files;
  const audio = all.filter((f) => isImportable(f.name));
  const { paths, failed } = await sendAll(target, audio, opts.onUpload);
  if (paths.length === 0) {
    throw new ApiError({
      code: 'invalid-input',
      message: audio.length === 0 ? 'None of those files is music Moodtape can play.' : `Nothing could be added: ${failed.join('; ')}`,
      hint: READABLE,
    });
  }
  const status = await importInChunks(target.importPaths, paths);
  if (failed.length) {
    throw new ApiError({
      code: 'track-unreadable',
      message: `Some files were not sent: ${failed.join('; ')}`,
      hint: 'The others are being added.',
    });
  }
  return status;
}

async function sendAll(target: UploadTarget, audio: File[], onUpload: ImportFilesOptions['onUpload']) {
  const paths: string[] = [];
  const failed: string[] = [];
  onUpload?.(0, audio.length);
  for (const [i, f] of audio.entries()) {
    if (f.size > MAX_UPLOAD_BYTES) failed.push(`${f.name}: larger than ${UPLOAD_LIMIT}`);
    else {
      try {
        paths.push(await upload(target, f));
      } catch (e) {
        failed.push((e as Error).message);
      }
    }
    onUpload?.(i + 1, audio.length);
  }
  return { paths, failed };
}

/** Uploads one file's bytes; the server answers the path of its copy. */
async function upload({ http, token }: UploadTarget, file: File): Promise<string> {
  const url = `${http}/import?token=${encodeURIComponent(token)}&name=${encodeURIComponent(file.name)}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream' } });
  } catch {
    throw new ApiError({
      code: 'internal',
      message: `Could not send ${file.name} to Moodtape.`,
      hint: 'Check that Moodtape is still running, then try again.',
    });
  }
  const text = await res.text();
  if (!res.ok)
    throw new ApiError({
      code: 'track-unreadable',
      message: `${file.name}: ${text || `refused (${res.status})`}`,
      hint: `Only audio files up to ${UPLOAD_LIMIT} can be added.`,
    });
  return (JSON.parse(text) as { path: string }).path;
}
