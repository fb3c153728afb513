/**
 * What was dropped on the window: the top-level files and folders (Electron reads their paths),
 * and a way to list every file inside the dropped folders (serve mode uploads their bytes).
 * The DataTransfer is only readable during the drop event, so entries are taken at once.
 */

export interface Dropped {
  files: File[];
  expandFolders: (() => Promise<File[]>) | undefined;
}

/** Guards a runaway folder (or a link loop the browser follows) from freezing the page. */
const MAX_FILES = 20_000;

export function readDrop(dt: DataTransfer): Dropped {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  const picked = items.map((i) => ({ entry: i.webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  const files = picked.length > 0 ? picked.flatMap((p) => (p.file ? [p.file] : [])) : Array.from(dt.files ?? []);
  const hasFolder = picked.some((p) => p.entry?.isDirectory);
  if (!hasFolder) return { files, expandFolders: undefined };
  return {
    files,
    expandFolders: async () => {
      const out: File[] = [];
      for (const p of picked) {
        if (p.entry?.isDirectory) await walk(p.entry as FileSystemDirectoryEntry, out);
        else if (p.file) out.push(p.file);
      }
      return out;
    },
  };
}

async function walk(dir: FileSystemDirectoryEntry, out: File[]): Promise<void> {
  const reader = dir.createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return;
    for (const entry of batch) {
      if (out.length >= MAX_FILES) return;
      if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, out);
      else {
        const file = await new Promise<File | null>((resolve) => (entry as FileSystemFileEntry).file(resolve, () => resolve(null)));
        if (file) out.push(file);
      }
    }
  }
}

export const carriesFiles = (e: DragEvent): boolean => !!e.dataTransfer && Array.from(e.dataTransfer.types ?? []).includes('Files');
