import { z } from 'zod';
import { idSchema, plainText } from '../../shared/schemas/text';
import type { CityDb } from './city-db';

const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'local time YYYY-MM-DDTHH:MM');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An event as the town stores it: local wall time in Europe/Berlin, optional recurrence rule and exceptions. */
export const cityEventSchema = z.object({
  uid: z.string().min(1).max(200).regex(/^[A-Za-z0-9._@:-]+$/),
  offer_id: idSchema.optional(),
  summary: plainText(200, 1),
  description: plainText(5000).optional(),
  location: plainText(300).optional(),
  all_day: z.boolean().default(false),
  dtstart: z.union([localDateTime, localDate]),
  tzid: z.literal('Europe/Berlin').default('Europe/Berlin'),
  duration_min: z.number().int().min(1).max(24 * 60 * 14).optional(),
  rrule: z
    .string()
    .max(200)
    .regex(/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/, 'RRULE value like FREQ=WEEKLY;BYDAY=TU')
    .optional(),
  exdates: z.array(localDateTime).max(200).default([]),
  overrides: z
    .array(z.object({ recurrence_id: localDateTime, dtstart: localDateTime, duration_min: z.number().int().min(1).max(1440).optional(), summary: plainText(200, 1).optional() }))
    .max(200)
    .default([]),
});
export type CityEvent = z.infer<typeof cityEventSchema>;
export type CityEventInput = z.input<typeof cityEventSchema>;

export function putEvent(db: CityDb, input: CityEventInput): void {
  const e = cityEventSchema.parse(input);
  db.prepare(
    `INSERT INTO events (uid, offer_id, summary, description, location, dtstart, tzid, duration_min, all_day, rrule, exdates_json, overrides_json, updated_at)
     VALUES (@uid, @offer_id, @summary, @description, @location, @dtstart, @tzid, @duration_min, @all_day, @rrule, @exdates_json, @overrides_json, @updated_at)
     ON CONFLICT(uid) DO UPDATE SET offer_id = excluded.offer_id, summary = excluded.summary, description = excluded.description,
       location = excluded.location, dtstart = excluded.dtstart, tzid = excluded.tzid, duration_min = excluded.duration_min,
       all_day = excluded.all_day, rrule = excluded.rrule, exdates_json = excluded.exdates_json, overrides_json = excluded.overrides_json,
       updated_at = excluded.updated_at`,
  ).run({
    uid: e.uid,
    offer_id: e.offer_id ?? null,
    summary: e.summary,
    description: e.description ?? null,
    location: e.location ?? null,
    dtstart: e.dtstart,
    tzid: e.tzid,
    duration_min: e.duration_min ?? null,
    all_day: e.all_day ? 1 : 0,
    rrule: e.rrule ?? null,
    exdates_json: JSON.stringify(e.exdates),
    overrides_json: JSON.stringify(e.overrides),
    updated_at: new Date().toISOString(),
  });
}

export function deleteEvent(db: CityDb, uid: string): void {
  db.prepare(`DELETE FROM events WHERE uid = ?`).run(uid);
}

/** An events row as either backend returns it (SQLite: all_day 0/1 and updated_at text; PostgreSQL: boolean and timestamptz). */
export interface EventRow {
  uid: string;
  offer_id: string | null;
  summary: string;
  description: string | null;
  location: string | null;
  dtstart: string;
  tzid: string;
  duration_min: number | null;
  all_day: number | boolean;
  rrule: string | null;
  exdates_json: string;
  overrides_json: string;
  updated_at: string | Date;
}

/** The one mapping from an events row to a CityEvent, for both backends (sqlite: eventsForWindow; PostgreSQL: storage/web-reads.ts). */
export function eventFromRow(r: EventRow): CityEvent & { updated_at: string } {
  return {
    uid: r.uid,
    offer_id: r.offer_id ?? undefined,
    summary: r.summary,
    description: r.description ?? undefined,
    location: r.location ?? undefined,
    all_day: r.all_day === 1 || r.all_day === true,
    dtstart: r.dtstart,
    tzid: 'Europe/Berlin' as const,
    duration_min: r.duration_min ?? undefined,
    rrule: r.rrule ?? undefined,
    exdates: JSON.parse(r.exdates_json) as string[],
    overrides: JSON.parse(r.overrides_json) as CityEvent['overrides'],
    updated_at: typeof r.updated_at === 'string' ? r.updated_at : r.updated_at.toISOString(),
  };
}

/** Events that may have an occurrence between from and to (dates YYYY-MM-DD): single events in the window, series started before its end. */
export function eventsForWindow(db: CityDb, from: string, to: string): (CityEvent & { updated_at: string })[] {
  const rows = db
    .prepare(
      `SELECT * FROM events
       WHERE substr(dtstart, 1, 10) <= ? AND (rrule IS NOT NULL OR substr(dtstart, 1, 10) >= date(?, '-1 day'))
       ORDER BY dtstart, uid`,
    )
    .all(to, from) as EventRow[];
  return rows.map(eventFromRow);
}
