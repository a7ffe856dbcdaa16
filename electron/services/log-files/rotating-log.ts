import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../../shared/logic/clock';
import type { Log } from '../log';
import { scrubMeta, scrubPersonalData } from './scrub-personal-data';

export interface RotatingLogOptions {
  /** Folder for the files, e.g. <dataDir>/logs. */
  dir: string;
  /** Base name: kiosk.log, kiosk.log.1 … kiosk.log.<maxFiles-1>. */
  baseName?: string;
  maxBytes?: number;
  maxFiles?: number;
  clock: Clock;
  /** Also write to this log (e.g. the console in development). */
  echo?: Log;
  /** The file write (tests inject a failing one, e.g. ENOSPC); default appendFileSync. */
  append?: (file: string, line: string) => void;
}

const MAX_LINE_CHARS = 8000;

/**
 * A Log writing one line per entry (`<ISO time> <LEVEL> <message> <json meta>`) to size-capped files in the data
 * directory (default 5 × 1 MB): when the current file would grow past maxBytes, files shift by one and the oldest is
 * dropped. Personal data (e-mail addresses, phone numbers) is scrubbed from every line. Writes are synchronous and
 * small, so nothing is lost on a crash; a failing disk never throws into the caller.
 *
 * Not pino with a rolling transport (issue 20), measured: pino-roll writes from a worker thread, so lines logged just
 * before a hard crash (SIGKILL, OOM, native crash) are lost: 0 of 1 and 0 of 2000 lines on disk, where this file
 * kept 1/1 and 2000/2000; docs/architecture.md "Kiosk log files" has the figures.
 */
export function createRotatingLog(opts: RotatingLogOptions): Log & { files(): string[] } {
  const base = opts.baseName ?? 'kiosk.log';
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, opts.maxFiles ?? 5);
  const fileAt = (i: number) => join(opts.dir, i === 0 ? base : `${base}.${i}`);
  let size: number | null = null;
  let broken = false;

  const currentSize = () => {
    if (size === null) size = existsSync(fileAt(0)) ? statSync(fileAt(0)).size : 0;
    return size;
  };

  const rotate = () => {
    // With maxFiles = 1 this just drops the full file.
    rmSync(fileAt(maxFiles - 1), { force: true });
    for (let i = maxFiles - 2; i >= 0; i--) {
      if (existsSync(fileAt(i))) renameSync(fileAt(i), fileAt(i + 1));
    }
    size = 0;
  };

  const write = (level: 'INFO' | 'WARN' | 'ERROR', message: string, meta?: Record<string, unknown>) => {
    let line = `${opts.clock.now().toISOString()} ${level} ${scrubPersonalData(message.replace(/[\r\n]+/g, ' '))}`;
    const m = scrubMeta(meta);
    if (m) line += ` ${m}`;
    if (line.length > MAX_LINE_CHARS) line = `${line.slice(0, MAX_LINE_CHARS)}…`;
    line += '\n';
    const bytes = Buffer.byteLength(line);
    try {
      mkdirSync(opts.dir, { recursive: true });
      if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
      (opts.append ?? appendFileSync)(fileAt(0), line);
      size = currentSize() + bytes;
      broken = false;
    } catch (err) {
      size = null;
      if (!broken) {
        broken = true;
        console.error(`[log] cannot write ${fileAt(0)}: ${(err as Error).message}`);
      }
    }
  };

  return {
    info(message, meta) {
      write('INFO', message, meta);
      opts.echo?.info(message, meta);
    },
    warn(message, meta) {
      write('WARN', message, meta);
      opts.echo?.warn(message, meta);
    },
    error(message, meta) {
      write('ERROR', message, meta);
      opts.echo?.error(message, meta);
    },
    files: () => Array.from({ length: maxFiles }, (_, i) => fileAt(i)).filter((f) => existsSync(f)),
  };
}
