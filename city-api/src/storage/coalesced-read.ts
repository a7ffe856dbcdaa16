/**
 * One database read shared by the requests that wait for it (issue 19, load goal): the feed head of an incremental
 * sync and the catalog version of a public page are one small row each, read once per request — at 10× the
 * district's load ~500 round trips a second that each wait for a PostgreSQL backend to be scheduled.
 *
 * Like the heartbeats' group commit (heartbeat-batch.ts), for a read: while a read is under way, the callers that
 * arrive meanwhile do NOT take its answer (it may have been read before a change they must see, e.g. an offer
 * saved just before); they all wait for the NEXT read, which starts once the current one has finished, and share
 * it. So every caller gets an answer read after it called (nothing committed before the call is missed), at most
 * one read of each kind is in flight, and an idle server reads at once (no added delay); under load a request waits
 * for at most two reads instead of queueing for a pool connection behind hundreds of others.
 */
export function coalescedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p = read().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    // started before this call: not good enough; the next read, shared by everyone arriving until it starts
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
