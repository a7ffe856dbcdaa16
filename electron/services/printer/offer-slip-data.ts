import { nextOccurrences } from '../../../shared/logic/next-dates';
import { scheduleTextWithNote } from '../../../shared/logic/schedule-text';
import type { Db } from '../db/open-database';
import { getOfferById, listEventOccurrences } from '../offers/offer-repository';
import type { OfferSlipData } from './slip-content';
import type { SlipLanguage } from './slip-words';

export interface SlipDataOptions {
  lang: SlipLanguage;
  now: Date;
}

/** Everything an offer slip needs about one offer, or null when the offer is unknown. */
export function loadOfferSlipData(db: Db, id: string, opts: SlipDataOptions): OfferSlipData | null {
  const offer = getOfferById(db, id);
  if (!offer) return null;
  // the sentence the screen shows (shared/logic/schedule-text.ts), in the slip's language
  const when = offer.schedules.map((s) => scheduleTextWithNote(s, opts.lang));
  const from = opts.now.toISOString();
  const to = new Date(opts.now.getTime() + 90 * 86_400_000).toISOString();
  const events = listEventOccurrences(db, { from, to, offerId: id, limit: 5 }).map((e) => ({ start: e.start, end: e.end ?? null }));
  const fromSchedules = nextOccurrences(offer.schedules, opts.now, 5);
  const seen = new Set<string>();
  const nextDates = [...events, ...fromSchedules]
    .map((d) => ({ start: new Date(d.start).toISOString(), end: d.end ? new Date(d.end).toISOString() : null }))
    .filter((d) => {
      if (d.start < from && !(d.end && d.end > from)) return false;
      if (seen.has(d.start)) return false;
      seen.add(d.start);
      return true;
    })
    .sort((a, b) => a.start.localeCompare(b.start))
    .slice(0, 5);
  return { offer, when, nextDates };
}
