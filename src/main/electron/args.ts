/** Command-line options of the desktop app: `--camera <source>` or `--camera=<source>`. */
export function cameraArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--camera') {
      const v = argv[i + 1];
      return v && !v.startsWith('--') ? v : undefined;
    }
    if (a.startsWith('--camera=')) return a.slice('--camera='.length) || undefined;
  }
  return undefined;
}
