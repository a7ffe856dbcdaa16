import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Schedule } from '../../../shared/schemas/offer';
import { scheduleTextWithNote } from '../../../shared/logic/schedule-text';
import i18n from '../../i18n';

/**
 * Schedules in words for the UI ("jeden Dienstag, 14 bis 16 Uhr"), from shared/logic/schedule-text.ts;
 * the schedule's own note (German, from the organisation) follows in brackets. The schedules come typed in the
 * contract's OfferCard/OfferDetail (validated with the offer at sync/import), so they are not parsed again here.
 */

/** A wall-clock time 'HH:MM' in the words of the language ("14 Uhr", "14:30 Uhr", "14:00"). */
export function clockTime(hhmm: string, lang: Language): string {
  const [h, m] = hhmm.split(':').map(Number);
  return i18n.t(m ? 'offers:clockHM' : 'offers:clockH', { lng: lang, h, m: String(m ?? 0).padStart(2, '0') });
}

export function scheduleLine(s: Schedule, lang: Language): string {
  return scheduleTextWithNote(s, lang);
}

export function scheduleLines(schedules: readonly Schedule[], lang: Language): string[] {
  return schedules.map((s) => scheduleLine(s, lang));
}

/** One line for a card: the first schedule, "+ more" when there are several. */
export function scheduleSummary(schedules: readonly Schedule[], lang: Language): string {
  const lines = scheduleLines(schedules, lang);
  if (lines.length === 0) return '';
  return lines.length === 1 ? lines[0]! : `${lines[0]} ${i18n.t('offers:moreTimes', { lng: lang, count: lines.length - 1 })}`;
}
