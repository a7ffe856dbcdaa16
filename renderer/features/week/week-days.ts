import type { EventOccurrence } from '../../../shared/schemas/event';
import type { OfferCard } from '../../../shared/contract/offers';
import type { Schedule } from '../../../shared/schemas/offer';
import { addDays, localDate, localTime, scheduleOccursOn } from '../../../shared/logic/next-dates';

/** One entry in the day view: a regular offer on that day, or a calendar event. */
export type DayEntry =
  | { kind: 'offer'; offer: OfferCard; opens: string | null; closes: string | null; sortKey: string }
  | { kind: 'event'; event: EventOccurrence; opens: string | null; sortKey: string };

/** The next `n` local dates from today (today first). */
export function nextDays(now: Date, n = 7): string[] {
  const today = localDate(now);
  return Array.from({ length: n }, (_, i) => addDays(today, i));
}

/** An event without an end time is still listed until this long after its start. */
const EVENT_WITHOUT_END_MS = 60 * 60 * 1000;

/**
 * What happens on `date`: offers whose schedules occur then and events starting that day, by time. For today
 * (`now` on that date) whatever is already over is left out: an offer once its time span has ended (a schedule
 * without an end time counts until it starts), an event once its end has passed (without an end: an hour after
 * its start). All-day events and offers without times stay all day.
 */
export function entriesForDay(date: string, offers: readonly OfferCard[], events: readonly EventOccurrence[], now?: Date): DayEntry[] {
  const isToday = now !== undefined && localDate(now) === date;
  const nowTime = now ? localTime(now) : '';
  const over = (s: Schedule) => {
    const until = s.closes_at ?? s.opens_at;
    return isToday && until !== undefined && until <= nowTime;
  };
  const out: DayEntry[] = [];
  for (const offer of offers) {
    // the main side sends the schedules as stored, validated with the offer (shared/contract/offers.ts)
    const hit = offer.schedules
      .filter((s) => scheduleOccursOn(s, date) && !over(s))
      .sort((a, b) => (a.opens_at ?? '').localeCompare(b.opens_at ?? ''))[0];
    if (hit) out.push({ kind: 'offer', offer, opens: hit.opens_at ?? null, closes: hit.closes_at ?? null, sortKey: hit.opens_at ?? '99:99' });
  }
  for (const event of events) {
    const start = new Date(event.start);
    if (localDate(start) !== date) continue;
    if (isToday && !event.all_day) {
      const end = event.end ? new Date(event.end).getTime() : start.getTime() + EVENT_WITHOUT_END_MS;
      if (end <= now.getTime()) continue;
    }
    const opens = event.all_day ? null : localTime(start);
    out.push({ kind: 'event', event, opens, sortKey: opens ?? '00:00' });
  }
  return out.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
}
