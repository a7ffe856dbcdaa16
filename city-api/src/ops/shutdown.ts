/**
 * Graceful shutdown of the city API process (issue 19, operations). On SIGTERM (systemd, a container runtime, a
 * rolling update) or SIGINT (Ctrl-C): stop accepting connections, let the requests in flight finish (Fastify's
 * close(): the listening socket closes, idle keep-alive connections are closed, requests already received are
 * answered, new ones on open connections get 503 — the proxy retries them on the other instance), then close the
 * database pool or the SQLite file, then exit 0. Bounded: after `timeoutMs` (default 10 s) it gives up and exits 1;
 * a second signal exits 1 at once.
 *
 * Not the close-with-grace package: this is the same idea in a page of code without a dependency, and the steps
 * (scheduler, HTTP, storage) need their own order anyway.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';

/**
 * Closes the server and waits for the requests in flight. Fastify closes the connections that are idle when close()
 * is called; a keep-alive connection whose request was still running becomes idle only after its answer and would
 * keep the process waiting for its keep-alive timeout (72 s), so idle connections are closed again until done.
 */
export async function closeHttp(api: { close(): Promise<void>; app: { server: Server } }, everyMs = 50): Promise<void> {
  const sweep = setInterval(() => api.app.server.closeIdleConnections(), everyMs);
  try {
    await api.close();
  } finally {
    clearInterval(sweep);
  }
}

export interface GracefulShutdownOptions {
  /** The steps, in order (e.g. stop timers, close the server, close the storage). */
  steps: { name: string; run: () => Promise<void> | void }[];
  log: Pick<Logger, 'info' | 'error' | 'warn'>;
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
  /** Test hook; default process.exit. */
  exit?: (code: number) => void;
  /** Test hook; default process. */
  on?: (signal: NodeJS.Signals, listener: () => void) => void;
}

/** Installs the signal handlers; returns the shutdown function (also callable directly). */
export function installGracefulShutdown(opts: GracefulShutdownOptions): (reason: string) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  let running: Promise<void> | null = null;
  const shutdown = (reason: string): Promise<void> => {
    if (running) {
      opts.log.warn({ reason }, 'second signal during shutdown: exiting now');
      exit(1);
      return running;
    }
    const started = Date.now();
    opts.log.info({ reason, timeoutMs }, 'shutting down: no new connections, finishing requests in flight');
    const timer = setTimeout(() => {
      opts.log.error({ reason, timeoutMs }, 'shutdown timed out: exiting with requests or connections still open');
      exit(1);
    }, timeoutMs);
    running = (async () => {
      let current = '';
      try {
        for (const step of opts.steps) {
          current = step.name;
          await step.run();
        }
        clearTimeout(timer);
        opts.log.info({ ms: Date.now() - started }, 'shut down cleanly');
        exit(0);
      } catch (err) {
        clearTimeout(timer);
        opts.log.error({ err, step: current }, 'shutdown failed');
        exit(1);
      }
    })();
    return running;
  };
  const on = opts.on ?? ((signal, listener) => void process.on(signal, listener));
  for (const s of opts.signals ?? ['SIGTERM', 'SIGINT']) on(s, () => void shutdown(s));
  return shutdown;
}
