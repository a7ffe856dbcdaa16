import type { Language } from '../../../shared/schemas/kiosk-config';
import { scheduleSchema, type Schedule } from '../../../shared/schemas/offer';
import i18n from '../../i18n';
import { intlLocale, weekdayName } from './format';

/**
 * Schedules in words for the UI ("jeden Dienstag, 14 bis 16 Uhr").
 * Interim renderer-side wording until shared/logic/schedule-text.ts (H1) lands; then this delegates to it.
 */
function parse(raw: unknown): Schedule | null {
  const r = scheduleSchema.safeParse(raw);
  return r.success ? r.data : null;
}

export function clockTime(hhmm: string, lang: Language): string {
  const [h, m] = hhmm.split(':').map(Number);
  return i18n.t(m ? 'offers:clockHM' : 'offers:clockH', { lng: lang, h, m: String(m ?? 0).padStart(2, '0') });
}

function timeRange(s: Schedule, lang: Language): string {
  if (s.opens_at && s.closes_at) return i18n.t('offers:timeRange', { lng: lang, from: clockTime(s.opens_at, lang), to: clockTime(s.closes_at, lang) });
  if (s.opens_at) return i18n.t('offers:timeFrom', { lng: lang, from: clockTime(s.opens_at, lang) });
  return '';
}

export function scheduleLine(s: Schedule, lang: Language): string {
  const days = (s.byday ?? []).map((d) => weekdayName(d, lang));
  const dayList = new Intl.ListFormat(intlLocale(lang), { type: 'conjunction' }).format(days);
  const range = timeRange(s, lang);
  let main: string;
  switch (s.freq) {
    case 'weekly':
      main = i18n.t('offers:everyWeek', { lng: lang, days: dayList });
      break;
    case 'monthly':
      main = i18n.t(`offers:monthly.${s.setpos ?? 1}`, { lng: lang, days: dayList });
      break;
    case 'once':
      main = new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${s.date}T12:00:00Z`),
      );
      break;
    case 'by_arrangement':
      main = i18n.t('offers:byArrangement', { lng: lang });
      break;
  }
  return [main, range, s.note].filter(Boolean).join(', ');
}

export function scheduleLines(raw: readonly unknown[], lang: Language): string[] {
  return raw.map(parse).filter((s): s is Schedule => s !== null).map((s) => scheduleLine(s, lang));
}

/** One line for a card: the first schedule, "+ more" when there are several. */
export function scheduleSummary(raw: readonly unknown[], lang: Language): string {
  const lines = scheduleLines(raw, lang);
  if (lines.length === 0) return '';
  return lines.length === 1 ? lines[0]! : `${lines[0]} ${i18n.t('offers:moreTimes', { lng: lang, count: lines.length - 1 })}`;
}
