/**
 * Library work that must not interleave (imports, rescans, watched-folder changes: each reads what
 * the one before wrote), run one task at a time in the order asked. A task that fails hands its
 * error to its own handler; the queue carries on.
 */
export class SerialWork {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  /** `settled` runs after every task, when the count of tasks has already dropped. */
  constructor(private readonly settled: () => void) {}

  /** Tasks queued or running. */
  get pending(): number {
    return this.waiting;
  }

  run(task: () => Promise<void>, onError: (e: unknown) => void): void {
    this.waiting++;
    this.tail = this.tail
      .then(task)
      .catch((e: unknown) => {
        try {
          onError(e);
        } catch (reportFailed) {
          // A handler that throws would leave the chain rejected and skip every later task.
          console.error('moodtape: reporting a library error failed:', reportFailed);
        }
      })
      .finally(() => {
        this.waiting--;
        this.settled();
      });
  }
}
