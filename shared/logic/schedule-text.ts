import type { Language } from '../schemas/kiosk-config';
import type { Schedule, Weekday } from '../schemas/offer';
import { weekdayOf } from './next-dates';

/**
 * A schedule in plain words, per kiosk language, e.g.
 *   de    "jeden Dienstag, 14 bis 16 Uhr" · "jeden 2. Dienstag im Monat, 15 Uhr" · "am Samstag, 6. Juni 2026, 11 bis 15 Uhr" · "nach Vereinbarung"
 *         "alle 2 Wochen am Dienstag" · "am 1. jedes Monats" · "am letzten Tag jedes Monats" · "am 1. Samstag alle 2 Monate"
 *         "am 13. jedes Monats, wenn es ein Freitag ist"
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
  /** every n-th week (n ≥ 2) on these days */
  weeklyEvery(n: number, days: Weekday[]): string;
  /** the setpos-th weekday of the month; every n-th month when n ≥ 2 */
  monthly(setpos: number, day: Weekday, n: number): string;
  /** on these days of the month (1…31, -1 = the last day); every n-th month when n ≥ 2 */
  monthDays(days: number[], n: number): string;
  /** the condition added to `monthDays` when weekdays are given too (RFC 5545: BYMONTHDAY and BYDAY both hold, "Friday the 13th") */
  onlyOn(days: Weekday[]): string;
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

const deMonthDay = (d: number) => (d === -1 ? 'letzten Tag' : `${d}.`);
const de: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'täglich';
    if (sameSet(days, WORKDAYS)) return 'montags bis freitags';
    return `jeden ${listJoin(days.map((d) => DE_DAYS[d]), 'und')}`;
  },
  weeklyEvery: (n, days) => `alle ${n} Wochen am ${listJoin(days.map((d) => DE_DAYS[d]), 'und')}`,
  monthly: (setpos, day, n) => {
    const which = setpos === -1 ? 'letzten' : `${setpos}.`;
    return n > 1 ? `am ${which} ${DE_DAYS[day]} alle ${n} Monate` : `jeden ${which} ${DE_DAYS[day]} im Monat`;
  },
  monthDays: (days, n) => `am ${listJoin(days.map(deMonthDay), 'und')} ${n > 1 ? `alle ${n} Monate` : 'jedes Monats'}`,
  onlyOn: (days) => `wenn es ein ${listJoin(days.map((d) => DE_DAYS[d]), 'oder')} ist`,
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
  weeklyEvery: (n, days) => `Alle ${n} Wochen am ${listJoin(days.map((d) => DE_DAYS[d]), 'und')}`,
  monthly: (setpos, day, n) => {
    const which = setpos === -1 ? 'letzten' : `${setpos}.`;
    return n > 1 ? `Alle ${n} Monate am ${which} ${DE_DAYS[day]}` : `Jeden ${which} ${DE_DAYS[day]} im Monat`;
  },
  monthDays: (days, n) => `${n > 1 ? `Alle ${n} Monate` : 'Jeden Monat'} am ${listJoin(days.map((d) => (d === -1 ? 'letzten Tag' : `${d}. Tag`)), 'und am')}`,
  onlyOn: (days) => `Nur wenn dieser Tag ein ${listJoin(days.map((d) => DE_DAYS[d]), 'oder')} ist`,
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
const enOrdinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};
const enMonthDay = (d: number) => (d === -1 ? 'last day' : enOrdinal(d));
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
  weeklyEvery: (n, days) => `every ${n} weeks on ${listJoin(days.map((d) => EN_DAYS[d]), 'and')}`,
  monthly: (setpos, day, n) => {
    const which = setpos === -1 ? 'last' : EN_ORD[setpos];
    if (n > 1) return `the ${which} ${EN_DAYS[day]} every ${n} months`;
    return setpos === -1 ? `the last ${EN_DAYS[day]} of every month` : `every ${which} ${EN_DAYS[day]} of the month`;
  },
  monthDays: (days, n) => `on the ${listJoin(days.map(enMonthDay), 'and')} ${n > 1 ? `every ${n} months` : 'of every month'}`,
  onlyOn: (days) => `when it is a ${listJoin(days.map((d) => EN_DAYS[d]), 'or')}`,
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
  weeklyEvery: (n, days) => `${n} haftada bir ${listJoin(days.map((d) => TR_DAYS[d]), 've')}`,
  monthly: (setpos, day, n) => {
    const which = setpos === -1 ? 'son' : `${setpos}.`;
    return n > 1 ? `${n} ayda bir, ayın ${which} ${TR_DAYS_POSS[day]}` : `her ayın ${which} ${TR_DAYS_POSS[day]}`;
  },
  monthDays: (days, n) => `${n > 1 ? `${n} ayda bir, ayın` : 'her ayın'} ${listJoin(days.map((d) => (d === -1 ? 'son' : `${d}.`)), 've')} günü`,
  onlyOn: (days) => `${listJoin(days.map((d) => TR_DAYS[d]), 'veya')} gününe denk gelirse`,
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
/** nominative ("якщо це вівторок") */
const UK_NOM: Record<Weekday, string> = { MO: 'понеділок', TU: 'вівторок', WE: 'середа', TH: 'четвер', FR: 'п’ятниця', SA: 'субота', SU: 'неділя' };
const ukIn = (wd: Weekday) => `у ${UK_ACC[wd][0]}`;
/** 2–4 тижні / місяці, 5+ тижнів / місяців (and 22–24 again the first form). */
const ukCount = (n: number, few: string, many: string) => {
  const last = n % 10;
  const tens = n % 100;
  return `${n} ${last >= 2 && last <= 4 && (tens < 12 || tens > 14) ? few : many}`;
};
const ukEveryMonths = (n: number) => (n > 1 ? `раз на ${ukCount(n, 'місяці', 'місяців')}` : 'щомісяця');
const ukMonthDays = (days: number[]) => {
  const numbered = days.filter((d) => d > 0).map((d) => `${d}-го`);
  const parts = [...(numbered.length ? [`${listJoin(numbered, 'та')} числа`] : []), ...(days.includes(-1) ? ['в останній день місяця'] : [])];
  return parts.join(' та ');
};
const uk: Phrases = {
  weekly(days) {
    if (days.length === 7) return 'щодня';
    if (sameSet(days, WORKDAYS)) return 'з понеділка по п’ятницю';
    return listJoin(days.map((d) => UK_EVERY[d]), 'та');
  },
  weeklyEvery: (n, days) => `раз на ${ukCount(n, 'тижні', 'тижнів')} ${listJoin(days.map(ukIn), 'та')}`,
  monthly: (setpos, day, n) => {
    const [word, gender] = UK_ACC[day];
    const ord = (UK_ORD[setpos] ?? UK_ORD[1]!)[gender === 'm' ? 0 : 1];
    return `${ukEveryMonths(n)} ${ord.startsWith('о') ? 'в' : 'у'} ${ord} ${word}`;
  },
  monthDays: (days, n) => `${ukEveryMonths(n)} ${ukMonthDays(days)}`,
  onlyOn: (days) => `якщо це ${listJoin(days.map((d) => UK_NOM[d]), 'або')}`,
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
/** كل أسبوعين / كل 3 أسابيع / كل 11 أسبوعًا (dual, plural 3–10, singular accusative from 11) */
const arEvery = (n: number, dual: string, plural: string, single: string) => (n === 2 ? `كل ${dual}` : n <= 10 ? `كل ${n} ${plural}` : `كل ${n} ${single}`);
const arEveryMonths = (n: number) => (n > 1 ? arEvery(n, 'شهرين', 'أشهر', 'شهرًا') : 'من كل شهر');
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
  weeklyEvery: (n, days) => `${arEvery(n, 'أسبوعين', 'أسابيع', 'أسبوعًا')} ${days.map((d) => `يوم ${AR_DAYS[d]}`).join(' و')}`,
  monthly: (setpos, day, n) => (setpos === -1 ? `آخر يوم ${AR_DAYS_INDEF[day]} ${arEveryMonths(n)}` : `يوم ${AR_DAYS[day]} ${AR_ORD[setpos] ?? AR_ORD[1]} ${arEveryMonths(n)}`),
  monthDays: (days, n) => `في اليوم ${days.map((d) => (d === -1 ? 'الأخير' : String(d))).join(' و')} ${arEveryMonths(n)}`,
  onlyOn: (days) => `إذا وافق ${days.map((d) => `يوم ${AR_DAYS[d]}`).join(' أو ')}`,
  once: (date) => `يوم ${AR_DAYS[weekdayOf(date)]} ${arDate(date)}`,
  byArrangement: 'بموعد مسبق',
  time: (o, c) => (o && c ? `من الساعة ${o} إلى ${c}` : o ? `الساعة ${o}` : ''),
  validity: (f, t) => (f && t ? `من ${arDate(f)} إلى ${arDate(t)}` : f ? `ابتداءً من ${arDate(f)}` : t ? `حتى ${arDate(t)}` : ''),
  join: (parts) => parts.filter(Boolean).join('، '),
};

const PHRASES: Record<Language, Phrases> = { de, 'de-LS': deLS, en, tr, uk, ar };
const AND: Record<Language, string> = { de: 'und', 'de-LS': 'und', en: 'and', tr: 've', uk: 'та', ar: 'و' };
/** 1, 15, …, then -1 (the last day) at the end. */
const sortMonthDays = (days: readonly number[]) => [...new Set(days)].sort((a, b) => (a === -1 ? 99 : a) - (b === -1 ? 99 : b));

/** One schedule in words. */
export function scheduleText(s: Schedule, lang: Language): string {
  const p = PHRASES[lang];
  let rule: string;
  let condition = '';
  switch (s.freq) {
    case 'by_arrangement':
      return p.join([p.byArrangement]);
    case 'once':
      rule = s.date ? p.once(s.date) : '';
      break;
    case 'weekly':
      rule = (s.interval ?? 1) > 1 ? p.weeklyEvery(s.interval!, sortDays(s.byday ?? [])) : p.weekly(sortDays(s.byday ?? []));
      break;
    case 'monthly':
      // Days of the month, else the n-th weekday; both given: the days of the month that fall on one of the weekdays
      // ("Friday the 13th", as next-dates.ts counts them; a setpos beside both is not put into words).
      if (s.bymonthday?.length) {
        rule = p.monthDays(sortMonthDays(s.bymonthday), s.interval ?? 1);
        if (s.byday?.length) condition = p.onlyOn(sortDays(s.byday));
      } else {
        rule = listJoin(sortDays(s.byday ?? []).map((d) => p.monthly(s.setpos ?? 1, d, s.interval ?? 1)), AND[lang]);
      }
      break;
  }
  const validity = s.freq === 'once' ? '' : p.validity(s.valid_from, s.valid_to);
  return p.join([rule, condition, p.time(s.opens_at, s.closes_at), validity]);
}

/** One schedule in words with its note (German free text from the organisation) in brackets: screen, slip and brochure. */
export function scheduleTextWithNote(s: Schedule, lang: Language): string {
  const words = scheduleText(s, lang);
  return s.note ? `${words} (${s.note})` : words;
}

/** All schedules of an offer in words, one entry each. */
export function schedulesText(schedules: readonly Schedule[], lang: Language): string[] {
  return schedules.map((s) => scheduleText(s, lang));
}
