import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Weekday } from '../../../shared/schemas/offer';
import { htmlLang } from '../../app/settings-store';

/** Locale for Intl: German for Leichte Sprache, Western digits for Arabic (as on Siegburg's street signs and bus stops). */
export const intlLocale = (lang: Language) => (htmlLang(lang) === 'ar' ? 'ar-u-nu-latn' : htmlLang(lang));

/** 2026-11-23 was a Monday; used to get weekday names from Intl in every language. */
const MONDAY = Date.UTC(2026, 10, 23, 12);
const ORDER: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export function weekdayName(day: Weekday, lang: Language): string {
  const d = new Date(MONDAY + ORDER.indexOf(day) * 86_400_000);
  return new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', timeZone: 'UTC' }).format(d);
}

/** "1,2 km" / "1.2 km"; under 1 km in metres rounded to 50 m. */
export function formatDistance(km: number, lang: Language): string {
  const locale = intlLocale(lang);
  if (km < 1) {
    const m = Math.max(50, Math.round((km * 1000) / 50) * 50);
    return `${new Intl.NumberFormat(locale).format(m)} m`;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(km)} km`;
}

/** Date and time in the kiosk's zone (Europe/Berlin), e.g. "2. Dez. 2026, 14:35" — for "Stand: …". */
export function formatDateTime(iso: string, lang: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(d);
}
