import type { CalendarSourceStorage } from '../storage/calendar-storage';
import { fetchFeed, realTimer, type StartTimer } from './fetch-feed';
import { NotACalendarError, parseFeed, type ParseResult } from './parse-feed';
import { failureText, problemLines, type FetchFailure } from './plain-words';
import type { CalendarSource, ReplaceStats } from './source-store';

/**
 * Fetch, read and store calendar sources; the schedule that does it for every active source. Fetching and reading
 * do not depend on the database: what is found is stored through `store` (SQLite or PostgreSQL, issue 19).
 */

export interface RefreshDeps {
  store: CalendarSourceStorage;
  now: () => Date;
  timer?: StartTimer;
  fetchImpl?: typeof fetch;
  /** default 8 MB: a club's full Nextcloud history (5 MB) still fits */
  maxBytes?: number;
  /** default 20 s */
  timeoutMs?: number;
  /** default 60 min between fetches of a healthy source */
  intervalMs?: number;
  /** failures in a row before a source is paused (default 5) */
  pauseAfter?: number;
  /** a 304 is not trusted for longer than this: the horizon of series moves on (default 7 days) */
  fullRefetchAfterMs?: number;
  /** a due source is handed to one schedule (of several API instances) for this long (default 15 min) */
  leaseMs?: number;
}

export type RefreshOutcome =
  | { sourceId: string; result: 'ok'; stats: ReplaceStats; eventCount: number; problems: string[] }
  | { sourceId: string; result: 'not_modified' }
  | { sourceId: string; result: 'error'; error: string; paused: boolean };

const RETRY_MS = [5, 15, 60, 180, 360].map((m) => m * 60_000);

type Loaded = { ok: true; notModified: true } | { ok: true; notModified: false; parsed: ParseResult; etag: string | null; lastModified: string | null } | { ok: false; failure: FetchFailure };

async function load(url: string, deps: RefreshDeps, cond: { etag: string | null; lastModified: string | null } | null): Promise<Loaded> {
  const r = await fetchFeed(url, {
    etag: cond?.etag,
    lastModified: cond?.lastModified,
    maxBytes: deps.maxBytes ?? 8_000_000,
    timeoutMs: deps.timeoutMs ?? 20_000,
    timer: deps.timer ?? realTimer,
    fetchImpl: deps.fetchImpl,
  });
  if (!r.ok) return r;
  if (r.notModified) return r;
  try {
    return { ok: true, notModified: false, parsed: parseFeed(r.text, { now: deps.now() }), etag: r.etag, lastModified: r.lastModified };
  } catch (err) {
    return { ok: false, failure: { kind: err instanceof NotACalendarError ? 'not_a_calendar' : 'unreadable' } };
  }
}

/** Fetches one source now, whatever its state, and stores what it finds. */
export async function refreshSource(deps: RefreshDeps, source: CalendarSource): Promise<RefreshOutcome> {
  const { store } = deps;
  const trust304 = source.lastOkAt !== null && deps.now().getTime() - Date.parse(source.lastOkAt) < (deps.fullRefetchAfterMs ?? 7 * 86_400_000) && source.lastResult !== 'error';
  const r = await load(source.url, deps, trust304 ? { etag: source.etag, lastModified: source.lastModified } : null);
  const now = deps.now();
  if (!r.ok) {
    const error = failureText(r.failure);
    const delay = RETRY_MS[Math.min(source.failures, RETRY_MS.length - 1)]!;
    const stored = await store.recordCalendarFailure(source.id, error, now, new Date(now.getTime() + delay), deps.pauseAfter ?? 5);
    return { sourceId: source.id, result: 'error', error, paused: stored.state === 'paused' };
  }
  const next = new Date(now.getTime() + (deps.intervalMs ?? 3_600_000));
  if (r.notModified) {
    await store.recordCalendarSuccess(source.id, { result: 'not_modified' }, now, next);
    return { sourceId: source.id, result: 'not_modified' };
  }
  const stats = await store.replaceCalendarEvents(source.id, r.parsed.occurrences, now);
  await store.recordCalendarSuccess(source.id, { result: 'ok', etag: r.etag, lastModified: r.lastModified, eventCount: r.parsed.occurrences.length, problems: r.parsed.problems }, now, next);
  return { sourceId: source.id, result: 'ok', stats, eventCount: r.parsed.occurrences.length, problems: problemLines(r.parsed.problems) };
}

export interface Preview {
  ok: boolean;
  error: string | null;
  format: ParseResult['format'] | null;
  events: ParseResult['occurrences'];
  skipped: ParseResult['skipped'];
  past: number;
  problems: string[];
}

/** What a source would import, without storing anything. */
export async function previewUrl(deps: RefreshDeps, url: string): Promise<Preview> {
  const r = await load(url, deps, null);
  if (!r.ok) return { ok: false, error: failureText(r.failure), format: null, events: [], skipped: [], past: 0, problems: [] };
  if (r.notModified) return { ok: false, error: 'unerwartete Antwort 304', format: null, events: [], skipped: [], past: 0, problems: [] };
  const p = r.parsed;
  return { ok: true, error: null, format: p.format, events: p.occurrences, skipped: p.skipped, past: p.past, problems: problemLines(p.problems) };
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Refreshes every active source that is due, `concurrency` at a time (default 8). Each due source is claimed first
 * (storage: claimDueCalendarSources), so two API instances on one database never fetch the same source twice.
 */
export async function refreshDue(deps: RefreshDeps & { concurrency?: number }): Promise<RefreshOutcome[]> {
  const now = deps.now();
  const due = await deps.store.claimDueCalendarSources(now, new Date(now.getTime() + (deps.leaseMs ?? 15 * 60_000)));
  return mapBounded(due, deps.concurrency ?? 8, async (s) => {
    const fresh = await deps.store.getCalendarSource(s.id);
    return fresh && fresh.state === 'active' ? refreshSource(deps, fresh) : { sourceId: s.id, result: 'not_modified' as const };
  });
}

export interface CalendarScheduler {
  /** one tick now (tests and the staff "jetzt abrufen" button) */
  tick(): Promise<RefreshOutcome[]>;
  stop(): void;
}

/**
 * Checks for due sources every `tickMs` (default 60 s) on an injected interval; ticks never overlap.
 * `setEvery` defaults to setInterval (unref'd so the process can exit).
 */
export function startCalendarScheduler(
  deps: RefreshDeps & { concurrency?: number; tickMs?: number; setEvery?: (ms: number, fn: () => void) => () => void; onError?: (err: unknown) => void },
): CalendarScheduler {
  let running: Promise<RefreshOutcome[]> | null = null;
  const tick = () => {
    if (!running) {
      running = refreshDue(deps).finally(() => {
        running = null;
      });
    }
    return running;
  };
  const setEvery =
    deps.setEvery ??
    ((ms, fn) => {
      const t = setInterval(fn, ms);
      t.unref();
      return () => clearInterval(t);
    });
  const stop = setEvery(deps.tickMs ?? 60_000, () => {
    tick().catch((err) => deps.onError?.(err));
  });
  return { tick, stop };
}
