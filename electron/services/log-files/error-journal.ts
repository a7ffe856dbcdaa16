import type { Clock } from '../../../shared/logic/clock';
import type { Log } from '../log';
import { scrubPersonalData } from './scrub-personal-data';

export interface JournalEntry {
  at: string;
  code: string;
  message: string;
}

/**
 * Wraps a Log and remembers the most recent warnings and errors (scrubbed, bounded) for the staff screen and for
 * `errors_since_last` in the heartbeat. `code` is the meta's `code` field when present, else the level.
 */
export function createErrorJournal(inner: Log, clock: Clock, capacity = 50) {
  const entries: JournalEntry[] = [];
  let seq = 0;
  let reportedSeq = 0;
  const remember = (level: 'warn' | 'error', message: string, meta?: Record<string, unknown>) => {
    const code = typeof meta?.code === 'string' ? meta.code.slice(0, 40) : level;
    const detail = typeof meta?.error === 'string' ? `${message}: ${meta.error}` : message;
    entries.push({ at: clock.now().toISOString(), code, message: scrubPersonalData(detail).slice(0, 300) });
    seq++;
    if (entries.length > capacity) entries.shift();
  };
  const log: Log = {
    info: (m, meta) => inner.info(m, meta),
    warn(m, meta) {
      remember('warn', m, meta);
      inner.warn(m, meta);
    },
    error(m, meta) {
      remember('error', m, meta);
      inner.error(m, meta);
    },
  };
  return {
    log,
    /** Newest first. */
    recent(n = 10): JournalEntry[] {
      return entries.slice(-n).reverse();
    },
    /** Entries not yet reported (for the heartbeat), oldest first, at most `max`; pass `mark` to markReported after sending. */
    unreported(max = 20): { entries: JournalEntry[]; mark: number } {
      const fresh = Math.min(seq - reportedSeq, entries.length);
      return { entries: entries.slice(entries.length - fresh).slice(-max), mark: seq };
    },
    markReported(mark: number): void {
      reportedSeq = Math.max(reportedSeq, mark);
    },
  };
}

export type ErrorJournal = ReturnType<typeof createErrorJournal>;
