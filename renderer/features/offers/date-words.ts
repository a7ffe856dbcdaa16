import type { Language } from '../../../shared/schemas/kiosk-config';
import { addDays, KIOSK_TZ, localDate, localTime } from '../../../shared/logic/next-dates';
import i18n from '../../i18n';
import { intlLocale } from './format';
import { clockTime } from './schedule-words';

/**
 * A date for people: "morgen, Mittwoch, 3. Dezember, 14 Uhr" — "heute"/"morgen" where it applies,
 * weekday and date spelled out, the time in words of the language. In the kiosk's time zone.
 */
export function dateInWords(startIso: string, lang: Language, now: Date = new Date(), allDay = false): string {
  const start = new Date(startIso);
  const day = localDate(start);
  const today = localDate(now);
  const rel = day === today ? i18n.t('offers:relToday', { lng: lang }) : day === addDays(today, 1) ? i18n.t('offers:relTomorrow', { lng: lang }) : null;
  const date = new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', timeZone: KIOSK_TZ }).format(start);
  const time = allDay ? null : clockTime(localTime(start), lang);
  return [rel, date, time].filter(Boolean).join(lang === 'ar' ? '، ' : ', ');
}
