import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'kiosk.lock';

/** Another running kiosk (Electron or browser host) holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number | null; host: string | null; startedAt: string | null },
  ) {
    const who = holder.pid ? `process ${holder.pid}${holder.host ? ` on ${holder.host}` : ''}${holder.startedAt ? `, started ${holder.startedAt}` : ''}` : 'another process';
    super(
      `the data directory ${dataDir} is already in use by another kiosk or host (${who}). ` +
        `Stop that one first, or start this one with another data directory. If no kiosk is running, delete ${join(dataDir, LOCK_FILE_NAME)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLockOptions {
  /** Whether a process is alive (tests: a fake). Default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  pid?: number;
  host?: string;
  now?: () => Date;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to someone else
  }
}

/**
 * Locks the data directory for this process: `kiosk.lock` created exclusively (O_EXCL) with pid, host name and start
 * time. A lock left by a process that no longer runs on this machine (crash, power cut) is stale and taken over at once,
 * so a relaunch after a crash starts; a live holder — or a holder on another machine sharing the directory — refuses
 * with DataDirLockedError naming the directory. (A hand-written pid lock: proper-lockfile judges staleness by mtime
 * only, so after a crash the kiosk would refuse to start until the lock aged.)
 */
export function lockDataDir(dataDir: string, opts: DataDirLockOptions = {}): { file: string; release(): void } {
  const file = join(dataDir, LOCK_FILE_NAME);
  const pid = opts.pid ?? process.pid;
  const host = opts.host ?? hostname();
  const isAlive = opts.isAlive ?? processAlive;
  const content = JSON.stringify({ pid, host, startedAt: (opts.now?.() ?? new Date()).toISOString() });

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
      return {
        file,
        release() {
          try {
            if (readFileSync(file, 'utf8') === content) unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder: { pid?: unknown; host?: unknown; startedAt?: unknown } = {};
    try {
      holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
    } catch {
      holder = {}; // half-written or garbage: treated as a live holder we cannot identify, unless it is empty
    }
    const holderPid = typeof holder.pid === 'number' && Number.isInteger(holder.pid) && holder.pid > 0 ? holder.pid : null;
    const sameHost = holder.host === host;
    const stale = holderPid !== null && sameHost && holderPid !== pid && !isAlive(holderPid);
    if (!stale || attempt > 0) {
      throw new DataDirLockedError(dataDir, {
        pid: holderPid,
        host: typeof holder.host === 'string' ? holder.host.slice(0, 100) : null,
        startedAt: typeof holder.startedAt === 'string' ? holder.startedAt.slice(0, 40) : null,
      });
    }
    try {
      unlinkSync(file);
    } catch {
      // someone else took it over meanwhile: the next exclusive create decides
    }
  }
  throw new DataDirLockedError(dataDir, { pid: null, host: null, startedAt: null });
}
