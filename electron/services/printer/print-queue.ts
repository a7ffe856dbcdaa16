/**
 * One printer job at a time, in the order they were asked for. A job that fails rejects its own promise
 * (the caller reports it); it never stops the jobs behind it. Too many waiting jobs are refused at once.
 */
export class PrintQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private running = false;

  constructor(private readonly maxWaiting = 5) {}

  get busy(): boolean {
    return this.running || this.waiting > 0;
  }

  /** Jobs queued or running. */
  get length(): number {
    return this.waiting + (this.running ? 1 : 0);
  }

  /** Runs `job` after all earlier ones; returns null (not queued) when too many jobs wait already. */
  enqueue<T>(job: () => Promise<T>): Promise<T> | null {
    if (this.waiting >= this.maxWaiting) return null;
    this.waiting++;
    const run = this.tail.then(async () => {
      this.waiting--;
      this.running = true;
      try {
        return await job();
      } finally {
        this.running = false;
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
