import type { Clock } from '../../../shared/logic/clock';
import { KIOSK_TZ } from '../../../shared/logic/next-dates';
import { normalizeForSearch } from '../../../shared/logic/normalize-text';
import { SEARCH_MISS_MIN_COUNT, searchMissWordSchema, statsBodySchema, type StatsBody } from '../../../shared/schemas/city-api';
import type { Db } from '../db/open-database';

/**
 * Anonymous daily usage counters (issue 18, `POST /v1/kiosks/{id}/stats`). Plain counters per local day and key in
 * the kiosk database; nothing here knows a person, a session id or a time finer than the hour a session began.
 *
 * Keys: `sessions`, `slips_printed`, `wishes_sent`, `large_text_sessions`, `high_contrast_sessions`,
 * `speech_sessions`, `interest:<id>`, `lang:<code>`, `hour:<HH>`, `miss:<word>`.
 * Every change bumps the day's `rev`; the sender sends the whole day (the server replaces the day) and records the
 * rev it sent, so a resend after a failure or a later `send_stats` never counts twice.
 */

/** What the renderer reports when a session ends (see shared/contract/usage.ts). */
export interface SessionSummary {
  languages: readonly string[];
  largeText: boolean;
  highContrast: boolean;
  speech: boolean;
  /** Offers whose detail was opened in this session: their interests are counted. */
  interestsViewed: readonly (readonly string[])[];
}

const LANGUAGE_KEY = /^[a-z]{2,3}(-[A-Za-z]{2,8})?$/;
const ID_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** Local day (YYYY-MM-DD) and hour ("00".."23") of an instant in the kiosk's time zone. */
export function localDayAndHour(at: Date, tz = KIOSK_TZ): { day: string; hour: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ((acc[p.type] = p.value), acc), {});
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: parts.hour === '24' ? '00' : parts.hour! };
}

/**
 * The word to remember for a search that found nothing, or null. Only a single normalised word of letters
 * (2..40, no digits: no phone numbers, postcodes or dates) — anything longer or with several words is not kept.
 */
export function searchMissWord(text: string): string | null {
  const norm = normalizeForSearch(text);
  if (!norm || norm.includes(' ')) return null;
  return searchMissWordSchema.safeParse(norm).success ? norm : null;
}

export interface DueDay {
  day: string;
  rev: number;
  attempts: number;
}

export function createUsageCounters(db: Db, clock: Clock, tz = KIOSK_TZ) {
  const bump = db.prepare(`INSERT INTO usage_counters (day, key, n) VALUES (?, ?, ?) ON CONFLICT(day, key) DO UPDATE SET n = n + excluded.n`);
  const bumpDay = db.prepare(`INSERT INTO usage_days (day, rev) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET rev = rev + 1`);
  const countersOf = db.prepare(`SELECT key, n FROM usage_counters WHERE day = ?`);

  const add = db.transaction((keys: readonly string[]) => {
    if (keys.length === 0) return;
    const { day } = localDayAndHour(clock.now(), tz);
    for (const k of keys) bump.run(day, k, 1);
    bumpDay.run(day);
  });

  const today = () => localDayAndHour(clock.now(), tz).day;

  const api = {
    today,
    recordSession(s: SessionSummary): void {
      const { hour } = localDayAndHour(clock.now(), tz);
      const keys = ['sessions', `hour:${hour}`];
      for (const l of new Set(s.languages)) if (LANGUAGE_KEY.test(l)) keys.push(`lang:${l}`);
      if (s.largeText) keys.push('large_text_sessions');
      if (s.highContrast) keys.push('high_contrast_sessions');
      if (s.speech) keys.push('speech_sessions');
      for (const interests of s.interestsViewed) for (const i of new Set(interests)) if (ID_KEY.test(i)) keys.push(`interest:${i}`);
      add(keys);
    },
    recordSlipPrinted: () => add(['slips_printed']),
    recordWishSent: () => add(['wishes_sent']),
    /** A search with text found nothing: keeps the normalised word (if it is one word), nothing else. */
    recordSearchMiss(text: string): void {
      const word = searchMissWord(text);
      if (word) add([`miss:${word}`]);
    },

    /** The contract body of one day. Search words below the threshold are left out. */
    bodyForDay(day: string): StatsBody {
      const body: Required<StatsBody> = {
        day,
        sessions: 0,
        offers_viewed_by_interest: {},
        slips_printed: 0,
        wishes_sent: 0,
        languages_used: {},
        large_text_sessions: 0,
        high_contrast_sessions: 0,
        speech_sessions: 0,
        sessions_by_hour: {},
        searches_without_result: {},
      };
      for (const { key, n } of countersOf.all(day) as { key: string; n: number }[]) {
        const colon = key.indexOf(':');
        if (colon < 0) {
          if (key in body && typeof body[key as keyof StatsBody] === 'number') (body as Record<string, unknown>)[key] = n;
          continue;
        }
        const kind = key.slice(0, colon);
        const rest = key.slice(colon + 1);
        if (kind === 'interest') body.offers_viewed_by_interest[rest] = n;
        else if (kind === 'lang') body.languages_used[rest] = n;
        else if (kind === 'hour') body.sessions_by_hour[rest] = n;
        else if (kind === 'miss' && n >= SEARCH_MISS_MIN_COUNT) body.searches_without_result[rest] = n;
      }
      return statsBodySchema.parse(body);
    },

    /** The day's rev and body read together (synchronously, so no counter slips in between). */
    snapshot(day: string): { rev: number; body: StatsBody } {
      const row = db.prepare(`SELECT rev FROM usage_days WHERE day = ?`).get(day) as { rev: number } | undefined;
      return { rev: row?.rev ?? 0, body: api.bodyForDay(day) };
    },
    /** Days whose current counters the city API does not have yet: finished days, and today when asked to. */
    dueDays(opts: { includeToday: boolean; ignoreBackoff?: boolean }): DueDay[] {
      const t = today();
      const now = clock.now().toISOString();
      return db
        .prepare(
          `SELECT day, rev, attempts FROM usage_days
           WHERE rev > sent_rev AND ${opts.includeToday ? 'day <= ?' : 'day < ?'}
             AND (? OR next_attempt_at IS NULL OR next_attempt_at <= ?)
           ORDER BY day`,
        )
        .all(t, opts.ignoreBackoff ? 1 : 0, now) as DueDay[];
    },
    markSent(day: string, rev: number): void {
      db.prepare(
        `UPDATE usage_days SET sent_rev = MAX(sent_rev, ?), attempts = 0, next_attempt_at = NULL, last_error = NULL, sent_at = ? WHERE day = ?`,
      ).run(rev, clock.now().toISOString(), day);
    },
    markRetry(day: string, error: string, at: Date): void {
      db.prepare(`UPDATE usage_days SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE day = ?`).run(at.toISOString(), error.slice(0, 300), day);
    },
    /** The city API refused the body (422): not retried, kept for the log. */
    markRejected(day: string, rev: number, error: string): void {
      db.prepare(`UPDATE usage_days SET sent_rev = MAX(sent_rev, ?), attempts = attempts + 1, next_attempt_at = NULL, last_error = ? WHERE day = ?`).run(
        rev,
        error.slice(0, 300),
        day,
      );
    },
    /** Earliest retry time of a finished day still to send, or null. */
    nextRetryAt(): string | null {
      const row = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM usage_days WHERE rev > sent_rev AND next_attempt_at IS NOT NULL`).get() as { at: string | null };
      return row.at;
    },
    /** Removes days older than `keepDays` that the city API has (counters are small, but not forever). */
    prune(keepDays = 62): number {
      const cutoff = localDayAndHour(new Date(clock.now().getTime() - keepDays * 86_400_000), tz).day;
      return db.transaction(() => {
        const old = db.prepare(`SELECT day FROM usage_days WHERE day < ? AND rev <= sent_rev`).all(cutoff) as { day: string }[];
        for (const { day } of old) {
          db.prepare(`DELETE FROM usage_counters WHERE day = ?`).run(day);
          db.prepare(`DELETE FROM usage_days WHERE day = ?`).run(day);
        }
        return old.length;
      })();
    },
    /** For the staff screen and tests. */
    dayState(day: string): { rev: number; sent_rev: number; attempts: number; last_error: string | null } | null {
      return (db.prepare(`SELECT rev, sent_rev, attempts, last_error FROM usage_days WHERE day = ?`).get(day) as never) ?? null;
    },
  };
  return api;
}

export type UsageCounters = ReturnType<typeof createUsageCounters>;
