/** Repeating timers that wait for each run to finish before scheduling the next; all stopped at once. */
export function createFleetTimers() {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let running = false;
  return {
    /** Runs `fn` every `intervalMs()` (read again before each wait) until stop(); the first run after one interval. */
    every(fn: () => Promise<void> | void, intervalMs: () => number) {
      running = true;
      const loop = () => {
        const t = setTimeout(async () => {
          timers.delete(t);
          try {
            await fn();
          } finally {
            if (running) loop();
          }
        }, intervalMs());
        t.unref?.();
        timers.add(t);
      };
      loop();
    },
    /** Runs `fn` once after `ms` (e.g. to let a reply reach the screen before a reload). */
    later(fn: () => void, ms: number) {
      const t = setTimeout(fn, ms);
      t.unref?.();
    },
    stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
