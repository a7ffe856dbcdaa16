import { z } from 'zod';
import { hhmm, idSchema, isoDate, isoDateTime, plainText } from './text';

import { WEEKDAYS } from '../constants';
export { WEEKDAYS };
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

export const scheduleSchema = z
  .object({
    freq: z.enum(['weekly', 'monthly', 'once', 'by_arrangement']),
    byday: z.array(weekdaySchema).max(7).optional(),
    setpos: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
    /** Every n-th week (weekly) or month (monthly), counted from `dtstart` (else `valid_from`); absent = 1. */
    interval: z.number().int().min(1).max(52).optional(),
    /** Monthly on these days of the month (RFC 5545 BYMONTHDAY): 1…31, or -1 = the last day; a month without the day (the 31st in April) has none. */
    bymonthday: z.array(z.number().int().min(-1).max(31).refine((n) => n !== 0, 'no day 0')).min(1).max(31).optional(),
    /** First day of the series (RFC 5545 DTSTART): nothing before it; the weeks or months of `interval` count from here. */
    dtstart: isoDate.optional(),
    date: isoDate.optional(),
    opens_at: hhmm.optional(),
    closes_at: hhmm.optional(),
    valid_from: isoDate.optional(),
    valid_to: isoDate.optional(),
    note: plainText(200).optional(),
  })
  .refine((s) => s.freq !== 'once' || !!s.date, { message: 'a "once" schedule needs a date', path: ['date'] })
  .refine((s) => s.freq !== 'weekly' || (s.byday?.length ?? 0) > 0, { message: 'weekly schedules need byday', path: ['byday'] })
  .refine((s) => s.freq !== 'monthly' || (s.byday?.length ?? 0) > 0 || (s.bymonthday?.length ?? 0) > 0, {
    message: 'monthly schedules need byday or bymonthday',
    path: ['byday'],
  })
  .refine((s) => !s.bymonthday || s.freq === 'monthly', { message: 'bymonthday is only for monthly schedules', path: ['bymonthday'] })
  .refine((s) => (s.interval ?? 1) === 1 || s.freq === 'weekly' || s.freq === 'monthly', { message: 'interval is only for weekly and monthly schedules', path: ['interval'] })
  .refine((s) => (s.interval ?? 1) === 1 || !!(s.dtstart ?? s.valid_from), {
    message: 'an interval above 1 needs dtstart (or valid_from) to count from',
    path: ['dtstart'],
  });
export type Schedule = z.infer<typeof scheduleSchema>;

export const wheelchairSchema = z.enum(['yes', 'partial', 'no', 'unknown']);
export type Wheelchair = z.infer<typeof wheelchairSchema>;

export const locationSchema = z.object({
  name: plainText(200, 1),
  street: plainText(200),
  postal_code: plainText(10),
  city: plainText(100, 1),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  wheelchair: wheelchairSchema,
  accessibility_notes: plainText(500).optional(),
  transit_stop: plainText(200).optional(),
});
export type Location = z.infer<typeof locationSchema>;

export const translationSchema = z.object({
  title: plainText(200, 1),
  summary: plainText(280),
  description: plainText(5000),
});
export const TRANSLATION_LANGS = ['en', 'tr', 'uk', 'ar'] as const;

const httpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000);

export const offerSchema = z.object({
  id: idSchema,
  updated_at: isoDateTime,
  status: z.enum(['active', 'paused', 'ended']),
  title: plainText(200, 1),
  summary: plainText(280),
  description: plainText(5000),
  easy_read: plainText(5000).optional(),
  translations: z
    .object({ en: translationSchema.optional(), tr: translationSchema.optional(), uk: translationSchema.optional(), ar: translationSchema.optional() })
    .optional(),
  organisation: z.object({
    name: plainText(200, 1),
    website: httpUrl.optional(),
    email: z.email().max(254).optional(),
    phone: plainText(40).regex(/^[+0-9 ()/-]*$/, 'invalid phone number').optional(),
  }),
  interests: z.array(idSchema).max(20),
  age_groups: z.array(idSchema).max(10),
  district: idSchema.optional(),
  location: locationSchema.optional(),
  schedules: z.array(scheduleSchema).max(20),
  cost: z.object({ free: z.boolean(), note: plainText(200).optional() }),
  registration_required: z.boolean(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(20).optional(),
  contact_person: plainText(200).optional(),
  url: httpUrl.optional(),
  image: z
    // relative "/images/<sha256>": an image on the city API itself (club form photos, issue 13); the city API's
    // /v1/offers sends it made absolute with its public URL
    .object({ url: z.union([httpUrl, z.string().regex(/^\/images\/[0-9a-f]{64}$/)]), alt: plainText(300), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive().max(5_000_000) })
    .optional(),
  /** The offer's public page on the city API (`<public-url>/angebote/<id>`, issue 17); sent by /v1/offers, short enough for a small QR code. */
  web_url: httpUrl.optional(),
  /** Kiosk-side marker: true for the built-in Siegburg sample data (never sent by a real city API). */
  sample: z.boolean().optional(),
});
export type Offer = z.infer<typeof offerSchema>;

/** One page of `GET /v1/offers`. Items are validated one by one by the sync engine, so they are `unknown` here. */
export const offersPageSchema = z.object({
  items: z.array(z.unknown()).max(500),
  deleted: z.array(idSchema).max(10_000),
  next_cursor: z.string().max(500),
  has_more: z.boolean(),
});
export type OffersPage = z.infer<typeof offersPageSchema>;
