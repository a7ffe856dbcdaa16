import { nextOccurrences } from '../../../shared/logic/next-dates';
import type { Schedule } from '../../../shared/schemas/offer';
import type { Db } from '../db/open-database';
import { getOfferById, listEventOccurrences } from '../offers/offer-repository';
import type { OfferSlipData } from './slip-content';
import type { SlipLanguage } from './slip-words';

/**
 * Schedule in words for a slip. Kept deliberately small: weekday(s), week of month, times, notes.
 * (The UI's richer wording lives in shared/logic/schedule-text.ts; the slip only needs one line per schedule.)
 */
const DAY_NAMES: Record<SlipLanguage, Record<string, string>> = {
  de: { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' },
  'de-LS': { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' },
  en: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
  tr: { MO: 'Pazartesi', TU: 'Salı', WE: 'Çarşamba', TH: 'Perşembe', FR: 'Cuma', SA: 'Cumartesi', SU: 'Pazar' },
};

const SCHEDULE_WORDS: Record<SlipLanguage, {
  every: (days: string) => string;
  monthly: (pos: string, days: string) => string;
  pos: Record<string, string>;
  and: string;
  time: (from: string, to?: string) => string;
  once: (date: string) => string;
  arrangement: string;
}> = {
  de: {
    every: (d) => `jeden ${d}`,
    monthly: (p, d) => `jeden ${p} ${d} im Monat`,
    pos: { '1': 'ersten', '2': 'zweiten', '3': 'dritten', '4': 'vierten', '-1': 'letzten' },
    and: 'und',
    time: (f, t) => (t ? `${f} bis ${t} Uhr` : `ab ${f} Uhr`),
    once: (d) => `am ${d}`,
    arrangement: 'nach Absprache',
  },
  'de-LS': {
    every: (d) => `jeden ${d}`,
    monthly: (p, d) => `jeden ${p} ${d} im Monat`,
    pos: { '1': 'ersten', '2': 'zweiten', '3': 'dritten', '4': 'vierten', '-1': 'letzten' },
    and: 'und',
    time: (f, t) => (t ? `von ${f} Uhr bis ${t} Uhr` : `ab ${f} Uhr`),
    once: (d) => `am ${d}`,
    arrangement: 'Sie machen einen Termin aus.',
  },
  en: {
    every: (d) => `every ${d}`,
    monthly: (p, d) => `every ${p} ${d} of the month`,
    pos: { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '-1': 'last' },
    and: 'and',
    time: (f, t) => (t ? `${f} to ${t}` : `from ${f}`),
    once: (d) => `on ${d}`,
    arrangement: 'by arrangement',
  },
  tr: {
    every: (d) => `her ${d}`,
    monthly: (p, d) => `her ayın ${p} ${d} günü`,
    pos: { '1': 'ilk', '2': 'ikinci', '3': 'üçüncü', '4': 'dördüncü', '-1': 'son' },
    and: 've',
    time: (f, t) => (t ? `${f} - ${t}` : `${f} itibaren`),
    once: (d) => d,
    arrangement: 'randevu ile',
  },
};

function joinDays(days: string[], and: string): string {
  return days.length <= 1 ? (days[0] ?? '') : `${days.slice(0, -1).join(', ')} ${and} ${days[days.length - 1]}`;
}

export function scheduleLine(s: Schedule, lang: SlipLanguage, formatDate: (isoDate: string) => string): string {
  const w = SCHEDULE_WORDS[lang];
  const days = joinDays((s.byday ?? []).map((d) => DAY_NAMES[lang][d] ?? d), w.and);
  let text: string;
  switch (s.freq) {
    case 'weekly':
      text = w.every(days);
      break;
    case 'monthly':
      text = w.monthly(w.pos[String(s.setpos ?? 1)] ?? '', days);
      break;
    case 'once':
      text = w.once(s.date ? formatDate(s.date) : '');
      break;
    default:
      text = w.arrangement;
  }
  if (s.opens_at && s.freq !== 'by_arrangement') text += `, ${w.time(s.opens_at, s.closes_at)}`;
  if (s.note) text += ` (${s.note})`;
  return text;
}

export interface SlipDataOptions {
  lang: SlipLanguage;
  now: Date;
  /** Formats a calendar date (YYYY-MM-DD) for people. */
  formatDate: (isoDate: string) => string;
}

/** Everything an offer slip needs about one offer, or null when the offer is unknown. */
export function loadOfferSlipData(db: Db, id: string, opts: SlipDataOptions): OfferSlipData | null {
  const offer = getOfferById(db, id);
  if (!offer) return null;
  const when = offer.schedules.map((s) => scheduleLine(s, opts.lang, opts.formatDate));
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
