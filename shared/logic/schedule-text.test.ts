import { describe, expect, it } from 'vitest';
import type { Schedule } from '../schemas/offer';
import { scheduleText } from './schedule-text';

const weeklyTue: Schedule = { freq: 'weekly', byday: ['TU'], opens_at: '14:00', closes_at: '16:00' };
const secondTue: Schedule = { freq: 'monthly', setpos: 2, byday: ['TU'], opens_at: '15:00' };
const once: Schedule = { freq: 'once', date: '2026-06-06', opens_at: '11:00', closes_at: '15:00' };
const arrangement: Schedule = { freq: 'by_arrangement' };
const lastFri: Schedule = { freq: 'monthly', setpos: -1, byday: ['FR'], opens_at: '18:30', closes_at: '20:30' };
const workdays: Schedule = { freq: 'weekly', byday: ['FR', 'MO', 'TU', 'WE', 'TH'], opens_at: '11:30', closes_at: '14:00' };
const three: Schedule = { freq: 'weekly', byday: ['MO', 'WE', 'FR'], opens_at: '15:00', closes_at: '20:00' };
const seasonal: Schedule = { freq: 'weekly', byday: ['SA'], opens_at: '10:00', closes_at: '13:00', valid_from: '2027-03-15', valid_to: '2027-10-31' };

describe('scheduleText', () => {
  it('German', () => {
    expect(scheduleText(weeklyTue, 'de')).toBe('jeden Dienstag, 14 bis 16 Uhr');
    expect(scheduleText(secondTue, 'de')).toBe('jeden 2. Dienstag im Monat, 15 Uhr');
    expect(scheduleText(once, 'de')).toBe('am Samstag, 6. Juni 2026, 11 bis 15 Uhr');
    expect(scheduleText(arrangement, 'de')).toBe('nach Vereinbarung');
    expect(scheduleText(lastFri, 'de')).toBe('jeden letzten Freitag im Monat, 18:30 bis 20:30 Uhr');
    expect(scheduleText(workdays, 'de')).toBe('montags bis freitags, 11:30 bis 14 Uhr');
    expect(scheduleText(three, 'de')).toBe('jeden Montag, Mittwoch und Freitag, 15 bis 20 Uhr');
    expect(scheduleText(seasonal, 'de')).toBe('jeden Samstag, 10 bis 13 Uhr, vom 15. März 2027 bis 31. Oktober 2027');
    expect(scheduleText({ freq: 'weekly', byday: ['SU'] }, 'de')).toBe('jeden Sonntag');
  });

  it('Leichte Sprache: short sentences', () => {
    expect(scheduleText(weeklyTue, 'de-LS')).toBe('Jeden Dienstag. Von 14 Uhr bis 16 Uhr.');
    expect(scheduleText(secondTue, 'de-LS')).toBe('Jeden 2. Dienstag im Monat. Um 15 Uhr.');
    expect(scheduleText(arrangement, 'de-LS')).toBe('Sie machen einen Termin aus.');
  });

  it('English', () => {
    expect(scheduleText(weeklyTue, 'en')).toBe('every Tuesday, 2 pm to 4 pm');
    expect(scheduleText(secondTue, 'en')).toBe('every 2nd Tuesday of the month, 3 pm');
    expect(scheduleText(once, 'en')).toBe('on Saturday, 6 June 2026, 11 am to 3 pm');
    expect(scheduleText(lastFri, 'en')).toBe('the last Friday of every month, 6:30 pm to 8:30 pm');
    expect(scheduleText(arrangement, 'en')).toBe('by arrangement');
  });

  it('Turkish', () => {
    expect(scheduleText(weeklyTue, 'tr')).toBe('her salı, saat 14.00–16.00');
    expect(scheduleText(secondTue, 'tr')).toBe('her ayın 2. salısı, saat 15.00');
    expect(scheduleText(once, 'tr')).toBe('6 Haziran 2026 Cumartesi, saat 11.00–15.00');
    expect(scheduleText(three, 'tr')).toBe('her pazartesi, çarşamba ve cuma, saat 15.00–20.00');
    expect(scheduleText(arrangement, 'tr')).toBe('randevu ile');
  });

  it('Ukrainian', () => {
    expect(scheduleText(weeklyTue, 'uk')).toBe('щовівторка, 14:00–16:00');
    expect(scheduleText(secondTue, 'uk')).toBe('щомісяця у другий вівторок, о 15:00');
    expect(scheduleText(lastFri, 'uk')).toBe('щомісяця в останню п’ятницю, 18:30–20:30');
    expect(scheduleText(once, 'uk')).toBe('у суботу, 6 червня 2026 р., 11:00–15:00');
    expect(scheduleText(arrangement, 'uk')).toBe('за домовленістю');
  });

  it('Arabic', () => {
    expect(scheduleText(weeklyTue, 'ar')).toBe('كل يوم ثلاثاء، من الساعة 14:00 إلى 16:00');
    expect(scheduleText(secondTue, 'ar')).toBe('يوم الثلاثاء الثاني من كل شهر، الساعة 15:00');
    expect(scheduleText(once, 'ar')).toBe('يوم السبت 6 يونيو 2026، من الساعة 11:00 إلى 15:00');
    expect(scheduleText(arrangement, 'ar')).toBe('بموعد مسبق');
  });

  it('never leaves placeholders or markers', () => {
    const all = [weeklyTue, secondTue, once, arrangement, lastFri, workdays, three, seasonal];
    for (const lang of ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'] as const) {
      for (const s of all) expect(scheduleText(s, lang)).not.toMatch(/undefined|\[|\{|MT\]/);
    }
  });
});

describe('scheduleText: interval and days of the month (HSDS interval / bymonthday)', () => {
  const everyOtherTue: Schedule = { freq: 'weekly', byday: ['TU'], interval: 2, dtstart: '2026-11-24', opens_at: '14:00', closes_at: '16:00' };
  const firstOfMonth: Schedule = { freq: 'monthly', bymonthday: [1], opens_at: '10:00' };
  const monthEnd: Schedule = { freq: 'monthly', bymonthday: [-1, 15] };
  const firstSatEvery2: Schedule = { freq: 'monthly', byday: ['SA'], setpos: 1, interval: 2, dtstart: '2026-11-07' };
  const every3Weeks: Schedule = { freq: 'weekly', byday: ['MO', 'TH'], interval: 3, dtstart: '2026-11-23' };
  const cases: [Schedule, Record<'de' | 'de-LS' | 'en' | 'tr' | 'uk' | 'ar', string>][] = [
    [
      everyOtherTue,
      {
        de: 'alle 2 Wochen am Dienstag, 14 bis 16 Uhr',
        'de-LS': 'Alle 2 Wochen am Dienstag. Von 14 Uhr bis 16 Uhr.',
        en: 'every 2 weeks on Tuesday, 2 pm to 4 pm',
        tr: '2 haftada bir salı, saat 14.00–16.00',
        uk: 'раз на 2 тижні у вівторок, 14:00–16:00',
        ar: 'كل أسبوعين يوم الثلاثاء، من الساعة 14:00 إلى 16:00',
      },
    ],
    [
      every3Weeks,
      {
        de: 'alle 3 Wochen am Montag und Donnerstag',
        'de-LS': 'Alle 3 Wochen am Montag und Donnerstag.',
        en: 'every 3 weeks on Monday and Thursday',
        tr: '3 haftada bir pazartesi ve perşembe',
        uk: 'раз на 3 тижні у понеділок та у четвер',
        ar: 'كل 3 أسابيع يوم الاثنين ويوم الخميس',
      },
    ],
    [
      firstOfMonth,
      {
        de: 'am 1. jedes Monats, 10 Uhr',
        'de-LS': 'Jeden Monat am 1. Tag. Um 10 Uhr.',
        en: 'on the 1st of every month, 10 am',
        tr: 'her ayın 1. günü, saat 10.00',
        uk: 'щомісяця 1-го числа, о 10:00',
        ar: 'في اليوم 1 من كل شهر، الساعة 10:00',
      },
    ],
    [
      monthEnd,
      {
        de: 'am 15. und letzten Tag jedes Monats',
        'de-LS': 'Jeden Monat am 15. Tag und am letzten Tag.',
        en: 'on the 15th and last day of every month',
        tr: 'her ayın 15. ve son günü',
        uk: 'щомісяця 15-го числа та в останній день місяця',
        ar: 'في اليوم 15 والأخير من كل شهر',
      },
    ],
    [
      firstSatEvery2,
      {
        de: 'am 1. Samstag alle 2 Monate',
        'de-LS': 'Alle 2 Monate am 1. Samstag.',
        en: 'the 1st Saturday every 2 months',
        tr: '2 ayda bir, ayın 1. cumartesisi',
        uk: 'раз на 2 місяці у першу суботу',
        ar: 'يوم السبت الأول كل شهرين',
      },
    ],
  ];
  for (const [schedule, texts] of cases) {
    it(`${JSON.stringify(schedule)} in six languages`, () => {
      for (const [lang, text] of Object.entries(texts)) expect(scheduleText(schedule, lang as keyof typeof texts), lang).toBe(text);
    });
  }

  it('English ordinals and Ukrainian plurals', () => {
    expect(scheduleText({ freq: 'monthly', bymonthday: [2, 3, 11, 21, 22, 23, 31] }, 'en')).toBe('on the 2nd, 3rd, 11th, 21st, 22nd, 23rd and 31st of every month');
    expect(scheduleText({ freq: 'weekly', byday: ['MO'], interval: 5, dtstart: '2026-11-23' }, 'uk')).toBe('раз на 5 тижнів у понеділок');
    expect(scheduleText({ freq: 'monthly', bymonthday: [1], interval: 12, dtstart: '2026-01-01' }, 'uk')).toBe('раз на 12 місяців 1-го числа');
    expect(scheduleText({ freq: 'monthly', bymonthday: [1], interval: 12, dtstart: '2026-01-01' }, 'ar')).toBe('في اليوم 1 كل 12 شهرًا');
  });
});

describe('scheduleText: weekday and day of the month together (HSDS byday + bymonthday, "Friday the 13th")', () => {
  const friday13: Schedule = { freq: 'monthly', byday: ['FR'], bymonthday: [13], opens_at: '19:00' };
  it('says the weekday condition in every language', () => {
    expect(scheduleText(friday13, 'de')).toBe('am 13. jedes Monats, wenn es ein Freitag ist, 19 Uhr');
    expect(scheduleText(friday13, 'de-LS')).toBe('Jeden Monat am 13. Tag. Nur wenn dieser Tag ein Freitag ist. Um 19 Uhr.');
    expect(scheduleText(friday13, 'en')).toBe('on the 13th of every month, when it is a Friday, 7 pm');
    expect(scheduleText(friday13, 'tr')).toBe('her ayın 13. günü, cuma gününe denk gelirse, saat 19.00');
    expect(scheduleText(friday13, 'uk')).toBe('щомісяця 13-го числа, якщо це п’ятниця, о 19:00');
    expect(scheduleText(friday13, 'ar')).toBe('في اليوم 13 من كل شهر، إذا وافق يوم الجمعة، الساعة 19:00');
  });
  it('several weekdays are alternatives, several days of the month a list', () => {
    const s: Schedule = { freq: 'monthly', byday: ['SU', 'SA'], bymonthday: [1, 2] };
    expect(scheduleText(s, 'de')).toBe('am 1. und 2. jedes Monats, wenn es ein Samstag oder Sonntag ist');
    expect(scheduleText(s, 'en')).toBe('on the 1st and 2nd of every month, when it is a Saturday or Sunday');
    expect(scheduleText(s, 'uk')).toBe('щомісяця 1-го та 2-го числа, якщо це субота або неділя');
  });
});
