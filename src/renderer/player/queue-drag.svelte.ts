/**
 * Reordering the queue by dragging an entry within the list. Only a drag that started on an entry
 * is taken; files dropped on the window are imports, handled elsewhere.
 */
export class QueueDrag {
  from = $state<number | null>(null);
  overAt = $state<number | null>(null);

  constructor(private readonly move: (from: number, to: number) => void) {}

  start(e: DragEvent, i: number, trackId: string): void {
    this.from = i;
    e.dataTransfer?.setData('text/plain', trackId);
  }

  over(e: DragEvent, i: number): void {
    if (!this.take(e)) return;
    this.overAt = i;
  }

  drop(e: DragEvent, i: number): void {
    if (!this.take(e)) return;
    this.move(this.from!, i);
    this.end();
  }

  end(): void {
    this.from = null;
    this.overAt = null;
  }

  /** Where the entry would land: marked, unless it is where it came from. */
  isTarget(i: number): boolean {
    return this.overAt === i && this.from !== i;
  }

  /** A drag of ours: the browser's default (and the window's import drop) is stopped. */
  private take(e: DragEvent): boolean {
    if (this.from === null) return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  }
}
