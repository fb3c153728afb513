/** importPaths takes at most MAX_IMPORT_PATHS paths per call (so any call fits the transport): more go in several calls. */
import { MAX_IMPORT_PATHS, type ImportStatus, type Params } from '../../shared/contract';

export async function importInChunks(
  invoke: (method: 'importPaths', params: Params<'importPaths'>) => Promise<ImportStatus>,
  paths: string[],
  watch?: boolean,
): Promise<ImportStatus> {
  let status: ImportStatus | null = null;
  for (let i = 0; i < paths.length; i += MAX_IMPORT_PATHS) {
    const chunk = paths.slice(i, i + MAX_IMPORT_PATHS);
    status = await invoke('importPaths', watch === undefined ? { paths: chunk } : { paths: chunk, watch });
  }
  if (!status) throw new Error('importInChunks needs at least one path');
  return status;
}
