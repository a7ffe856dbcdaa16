import type { Language } from '../schemas/kiosk-config';
import type { Schedule, Weekday } from '../schemas/offer';
import { weekdayOf } from './next-dates';

/**
 * A schedule in plain words, per kiosk language, e.g.
 *   de    "jeden Dienstag, 14 bis 16 Uhr" · "jeden 2. Dienstag im Monat, 15 Uhr" · "am Samstag, 6. Juni 2026, 11 bis 15 Uhr" · "nach Vereinbarung"
 *   de-LS "Jeden Dienstag. Von 14 Uhr bis 16 Uhr."
 *   en    "every Tuesday, 2 pm to 4 pm"
 *   tr    "her salı, saat 14.00–16.00"
 *   uk    "щовівторка, 14:00–16:00"
 *   ar    "كل يوم ثلاثاء، من الساعة 14:00 إلى 16:00"
 * The schedule's free-text note is not included (it is German and shown separately).
 */

const ORDER: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const WORKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

const sortDays = (days: readonly Weekday[]) => ORDER.filter((d) => days.includes(d));
const sameSet = (a: readonly Weekday[], b: readonly Weekday[]) => a.length === b.length && b.every((d) => a.includes(d));

function listJoin(items: string[], and: string, sep = ', '): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(sep)} ${and} ${items[items.length - 1]}`;
}

function dateParts(date: string) {
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

interface Phrases {
  weekly(days: Weekday[]): string;
  monthly(setpos: number, day: Weekday): string;
  once(date: string): string;
  byArrangement: string;
  time(opens?: string, closes?: string): string;
  validity(from?: string, to?: string): string;
  /** joins rule, time and validity */
  join(parts: string[]): string;
}

// ── German ────────────────────────────────────────────────────────────────────────────────────────────
const DE_DAYS: Record<Weekday, string> = { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' };
const DE_MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const deClock = (t: string) => (t.endsWith(':00') ? String(Number(t.slice(0, 2))) : `${Number(t.slice(0, 2))}:${t.slice(3)}`);
const deDate = (date: string) => {
  const { y, m, d } = dateParts(date);
  return `${d}. ${DE_MONTHS[m - 1]} ${y}`;
};

const de: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'täglich';
    if (sameSet(days, WORKDAYS)) return 'montags bis freitags';
    return `jeden ${listJoin(days.map((d) => DE_DAYS[d]), 'und')}`;
  },
  monthly: (setpos, day) => (setpos === -1 ? `jeden letzten ${DE_DAYS[day]} im Monat` : `jeden ${setpos}. ${DE_DAYS[day]} im Monat`),
  once: (date) => `am ${DE_DAYS[weekdayOf(date)]}, ${deDate(date)}`,
  byArrangement: 'nach Vereinbarung',
  time: (o, c) => (o && c ? `${deClock(o)} bis ${deClock(c)} Uhr` : o ? `${deClock(o)} Uhr` : ''),
  validity: (f, t) => (f && t ? `vom ${deDate(f)} bis ${deDate(t)}` : f ? `ab ${deDate(f)}` : t ? `bis ${deDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join(', '),
};

// ── Leichte Sprache: short sentences, full words ─────────────────────────────────────────────────────
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const deLS: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'Jeden Tag';
    if (sameSet(days, WORKDAYS)) return 'Von Montag bis Freitag';
    return `Jeden ${listJoin(days.map((d) => DE_DAYS[d]), 'und')}`;
  },
  monthly: (setpos, day) => (setpos === -1 ? `Jeden letzten ${DE_DAYS[day]} im Monat` : `Jeden ${setpos}. ${DE_DAYS[day]} im Monat`),
  once: (date) => `Am ${DE_DAYS[weekdayOf(date)]}, ${deDate(date)}`,
  byArrangement: 'Sie machen einen Termin aus',
  time: (o, c) => (o && c ? `Von ${deClock(o)} Uhr bis ${deClock(c)} Uhr` : o ? `Um ${deClock(o)} Uhr` : ''),
  validity: (f, t) => (f && t ? `Vom ${deDate(f)} bis zum ${deDate(t)}` : f ? `Ab dem ${deDate(f)}` : t ? `Bis zum ${deDate(t)}` : ''),
  join: (parts) =>
    parts
      .filter(Boolean)
      .map((p) => `${capital(p)}.`)
      .join(' '),
};

// ── English ───────────────────────────────────────────────────────────────────────────────────────────
const EN_DAYS: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_ORD = ['', '1st', '2nd', '3rd', '4th'];
const enClock = (t: string) => {
  const h = Number(t.slice(0, 2));
  const m = t.slice(3);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${m === '00' ? '' : `:${m}`} ${h < 12 ? 'am' : 'pm'}`;
};
const enDate = (date: string) => {
  const { y, m, d } = dateParts(date);
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
};
const en: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'daily';
    if (sameSet(days, WORKDAYS)) return 'Monday to Friday';
    return `every ${listJoin(days.map((d) => EN_DAYS[d]), 'and')}`;
  },
  monthly: (setpos, day) => (setpos === -1 ? `the last ${EN_DAYS[day]} of every month` : `every ${EN_ORD[setpos]} ${EN_DAYS[day]} of the month`),
  once: (date) => `on ${EN_DAYS[weekdayOf(date)]}, ${enDate(date)}`,
  byArrangement: 'by arrangement',
  time: (o, c) => (o && c ? `${enClock(o)} to ${enClock(c)}` : o ? enClock(o) : ''),
  validity: (f, t) => (f && t ? `from ${enDate(f)} to ${enDate(t)}` : f ? `from ${enDate(f)}` : t ? `until ${enDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join(', '),
};

// ── Turkish ───────────────────────────────────────────────────────────────────────────────────────────
const TR_DAYS: Record<Weekday, string> = { MO: 'pazartesi', TU: 'salı', WE: 'çarşamba', TH: 'perşembe', FR: 'cuma', SA: 'cumartesi', SU: 'pazar' };
/** "the n-th Tuesday of the month": possessive forms of the day names */
const TR_DAYS_POSS: Record<Weekday, string> = { MO: 'pazartesisi', TU: 'salısı', WE: 'çarşambası', TH: 'perşembesi', FR: 'cuması', SA: 'cumartesisi', SU: 'pazarı' };
const TR_MONTHS = ['Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'];
const trClock = (t: string) => t.replace(':', '.');
const trDate = (date: string) => {
  const { y, m, d } = dateParts(date);
  return `${d} ${TR_MONTHS[m - 1]} ${y}`;
};
const tr: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'her gün';
    if (sameSet(days, WORKDAYS)) return 'hafta içi her gün';
    return `her ${listJoin(days.map((d) => TR_DAYS[d]), 've')}`;
  },
  monthly: (setpos, day) => (setpos === -1 ? `her ayın son ${TR_DAYS_POSS[day]}` : `her ayın ${setpos}. ${TR_DAYS_POSS[day]}`),
  once: (date) => `${trDate(date)} ${capitalTr(TR_DAYS[weekdayOf(date)])}`,
  byArrangement: 'randevu ile',
  time: (o, c) => (o && c ? `saat ${trClock(o)}–${trClock(c)}` : o ? `saat ${trClock(o)}` : ''),
  validity: (f, t) => (f && t ? `${trDate(f)} – ${trDate(t)}` : f ? `başlangıç: ${trDate(f)}` : t ? `bitiş: ${trDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join(', '),
};
function capitalTr(s: string): string {
  return s.charAt(0).toLocaleUpperCase('tr') + s.slice(1);
}

// ── Ukrainian ─────────────────────────────────────────────────────────────────────────────────────────
const UK_EVERY: Record<Weekday, string> = { MO: 'щопонеділка', TU: 'щовівторка', WE: 'щосереди', TH: 'щочетверга', FR: 'щоп’ятниці', SA: 'щосуботи', SU: 'щонеділі' };
/** accusative ("у вівторок") and grammatical gender of the day names */
const UK_ACC: Record<Weekday, [string, 'm' | 'f']> = {
  MO: ['понеділок', 'm'],
  TU: ['вівторок', 'm'],
  WE: ['середу', 'f'],
  TH: ['четвер', 'm'],
  FR: ['п’ятницю', 'f'],
  SA: ['суботу', 'f'],
  SU: ['неділю', 'f'],
};
const UK_ORD: Record<number, [string, string]> = { 1: ['перший', 'першу'], 2: ['другий', 'другу'], 3: ['третій', 'третю'], 4: ['четвертий', 'четверту'], [-1]: ['останній', 'останню'] };
const UK_MONTHS = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
const ukDate = (date: string) => {
  const { y, m, d } = dateParts(date);
  return `${d} ${UK_MONTHS[m - 1]} ${y} р.`;
};
const ukIn = (wd: Weekday) => `у ${UK_ACC[wd][0]}`;
const uk: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'щодня';
    if (sameSet(days, WORKDAYS)) return 'з понеділка по п’ятницю';
    return listJoin(days.map((d) => UK_EVERY[d]), 'та');
  },
  monthly: (setpos, day) => {
    const [word, gender] = UK_ACC[day];
    const ord = (UK_ORD[setpos] ?? UK_ORD[1]!)[gender === 'm' ? 0 : 1];
    return `щомісяця ${ord.startsWith('о') ? 'в' : 'у'} ${ord} ${word}`;
  },
  once: (date) => `${ukIn(weekdayOf(date))}, ${ukDate(date)}`,
  byArrangement: 'за домовленістю',
  time: (o, c) => (o && c ? `${o}–${c}` : o ? `о ${o}` : ''),
  validity: (f, t) => (f && t ? `з ${ukDate(f)} до ${ukDate(t)}` : f ? `з ${ukDate(f)}` : t ? `до ${ukDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join(', '),
};

// ── Arabic ────────────────────────────────────────────────────────────────────────────────────────────
const AR_DAYS: Record<Weekday, string> = { MO: 'الاثنين', TU: 'الثلاثاء', WE: 'الأربعاء', TH: 'الخميس', FR: 'الجمعة', SA: 'السبت', SU: 'الأحد' };
/** "every Tuesday" uses the indefinite form after يوم */
const AR_DAYS_INDEF: Record<Weekday, string> = { MO: 'اثنين', TU: 'ثلاثاء', WE: 'أربعاء', TH: 'خميس', FR: 'جمعة', SA: 'سبت', SU: 'أحد' };
const AR_ORD: Record<number, string> = { 1: 'الأول', 2: 'الثاني', 3: 'الثالث', 4: 'الرابع' };
const AR_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];
const arDate = (date: string) => {
  const { y, m, d } = dateParts(date);
  return `${d} ${AR_MONTHS[m - 1]} ${y}`;
};
const ar: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'يومياً';
    if (sameSet(days, WORKDAYS)) return 'من الاثنين إلى الجمعة';
    if (days.length === 1) return `كل يوم ${AR_DAYS_INDEF[days[0]!]}`;
    return `كل أسبوع أيام ${days.map((d) => AR_DAYS[d]).join(' و')}`;
  },
  monthly: (setpos, day) => (setpos === -1 ? `آخر يوم ${AR_DAYS_INDEF[day]} من كل شهر` : `يوم ${AR_DAYS[day]} ${AR_ORD[setpos] ?? AR_ORD[1]} من كل شهر`),
  once: (date) => `يوم ${AR_DAYS[weekdayOf(date)]} ${arDate(date)}`,
  byArrangement: 'بموعد مسبق',
  time: (o, c) => (o && c ? `من الساعة ${o} إلى ${c}` : o ? `الساعة ${o}` : ''),
  validity: (f, t) => (f && t ? `من ${arDate(f)} إلى ${arDate(t)}` : f ? `ابتداءً من ${arDate(f)}` : t ? `حتى ${arDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join('، '),
};

const PHRASES: Record<Language, Phrases> = { de, 'de-LS': deLS, en, tr, uk, ar };

/** One schedule in words. */
export function scheduleText(s: Schedule, lang: Language): string {
  const p = PHRASES[lang];
  let rule: string;
  switch (s.freq) {
    case 'by_arrangement':
      return p.join([p.byArrangement]);
    case 'once':
      rule = s.date ? p.once(s.date) : '';
      break;
    case 'weekly':
      rule = p.weekly(sortDays(s.byday ?? []));
      break;
    case 'monthly':
      rule = listJoin(sortDays(s.byday ?? []).map((d) => p.monthly(s.setpos ?? 1, d)), lang === 'ar' ? 'و' : lang === 'tr' ? 've' : lang === 'uk' ? 'та' : lang === 'en' ? 'and' : 'und');
      break;
  }
  const validity = s.freq === 'once' ? '' : p.validity(s.valid_from, s.valid_to);
  return p.join([rule, p.time(s.opens_at, s.closes_at), validity]);
}

/** All schedules of an offer in words, one entry each. */
export function schedulesText(schedules: readonly Schedule[], lang: Language): string[] {
  return schedules.map((s) => scheduleText(s, lang));
}
