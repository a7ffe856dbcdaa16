import { z } from 'zod';
import { offerSchema, WEEKDAYS, type Offer, type Schedule } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import type { FormTextKey } from './submission-texts';
import type { SubmitterContact } from './submission-store';

/** Raw form values as submitted (kept to re-show the form after an error: nothing typed is lost). */
export type FormValues = Map<string, string[]>;

export const TEXT_LIMITS: Record<string, number> = {
  title: 200,
  summary: 280,
  description: 5000,
  org_name: 200,
  contact_person: 200,
  org_email: 254,
  org_phone: 40,
  org_website: 500,
  url: 500,
  schedule_note: 200,
  loc_name: 200,
  street: 200,
  postal_code: 10,
  city: 100,
  transit_stop: 200,
  accessibility_notes: 500,
  cost_note: 200,
  image_alt: 300,
  sub_name: 100,
  sub_email: 254,
  sub_phone: 40,
  lat: 20,
  lon: 20,
  opens_at: 5,
  closes_at: 5,
  date: 10,
};

/** Where the town puts the pin when the submitter leaves it empty (staff set the real point before approval). */
export const PIN_MISSING = { lat: 50.7969, lon: 7.2079 } as const;

export const first = (v: FormValues, k: string): string => (v.get(k)?.[0] ?? '').trim();
export const all = (v: FormValues, k: string): string[] => (v.get(k) ?? []).map((s) => s.trim()).filter(Boolean);

export type FieldErrors = Map<string, { key: FormTextKey; vars?: Record<string, string | number> }>;

export interface ParsedSubmission {
  offer: Offer;
  contact: SubmitterContact;
  pinMissing: boolean;
}

const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const PHONE = /^[+0-9 ()/-]{3,40}$/;

/** Maps a path of the shared Offer schema to the form field that produced it. */
function fieldForPath(path: readonly PropertyKey[]): string {
  const [a, b, c] = path.map(String);
  if (a === 'organisation') return { name: 'org_name', email: 'org_email', phone: 'org_phone', website: 'org_website' }[b ?? ''] ?? 'org_name';
  if (a === 'location') return { name: 'loc_name', accessibility_notes: 'accessibility_notes' }[b ?? ''] ?? b ?? 'street';
  if (a === 'schedules') return { byday: 'byday', date: 'date', opens_at: 'opens_at', closes_at: 'closes_at', note: 'schedule_note', setpos: 'setpos' }[c ?? ''] ?? 'freq';
  if (a === 'cost') return 'cost_note';
  if (a === 'image') return b === 'alt' ? 'image_alt' : 'photo';
  if (a === 'age_groups') return 'age_groups';
  return a ?? 'title';
}

/**
 * Turns the public form into an Offer and the submitter's contact. Validation is the shared Offer schema
 * (the same one kiosks and the sync engine use) plus friendly checks for what a volunteer typically misses.
 */
export function parseSubmissionForm(
  v: FormValues,
  taxonomy: Taxonomy,
  ctx: { offerId: string; now: Date; image?: Offer['image'] },
): { ok: true; value: ParsedSubmission } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = new Map();
  const err = (field: string, key: FormTextKey, vars?: Record<string, string | number>) => {
    if (!errors.has(field)) errors.set(field, { key, vars });
  };

  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const value = first(v, field);
    if ([...value].length > max) err(field, 'e_tooLong', { max });
    else if (MARKUP.test(value)) err(field, 'e_markup');
  }
  for (const field of ['title', 'summary', 'org_name', 'loc_name', 'street', 'city', 'sub_name']) if (!first(v, field)) err(field, 'e_required');

  const interestIds = new Set(taxonomy.interests.map((i) => i.id));
  const ageIds = new Set(taxonomy.age_groups.map((a) => a.id));
  const districtIds = new Set(taxonomy.districts.map((d) => d.id));
  const interests = all(v, 'interests').filter((id) => interestIds.has(id));
  const ageGroups = all(v, 'age_groups').filter((id) => ageIds.has(id));
  if (interests.length === 0) err('interests', 'e_interests');
  if (ageGroups.length === 0) err('age_groups', 'e_ageGroups');
  const district = first(v, 'district');

  const freq = (['weekly', 'monthly', 'once', 'by_arrangement'] as const).find((f) => f === first(v, 'freq')) ?? 'weekly';
  const byday = all(v, 'byday').filter((d): d is (typeof WEEKDAYS)[number] => (WEEKDAYS as readonly string[]).includes(d));
  if ((freq === 'weekly' || freq === 'monthly') && byday.length === 0) err('byday', 'e_byday');
  if (freq === 'once' && !/^\d{4}-\d{2}-\d{2}$/.test(first(v, 'date'))) err('date', 'e_date');
  for (const t of ['opens_at', 'closes_at']) if (first(v, t) && !TIME.test(first(v, t))) err(t, 'e_time');

  const orgEmail = first(v, 'org_email');
  const subEmail = first(v, 'sub_email');
  const emailOk = (s: string) => z.email().safeParse(s).success;
  if (orgEmail && !emailOk(orgEmail)) err('org_email', 'e_email');
  if (subEmail && !emailOk(subEmail)) err('sub_email', 'e_email');
  for (const p of ['org_phone', 'sub_phone']) if (first(v, p) && !PHONE.test(first(v, p))) err(p, 'e_phone');
  for (const u of ['url', 'org_website']) if (first(v, u) && !/^https?:\/\/\S+\.\S+/.test(first(v, u))) err(u, 'e_url');
  if (!subEmail && !first(v, 'sub_phone')) err('sub_email', 'e_contactWay');
  if (first(v, 'privacy') !== 'yes') err('privacy', 'e_privacy');

  const latText = first(v, 'lat').replace(',', '.');
  const lonText = first(v, 'lon').replace(',', '.');
  const lat = latText ? Number(latText) : NaN;
  const lon = lonText ? Number(lonText) : NaN;
  if (latText && !Number.isFinite(lat)) err('lat', 'e_coord');
  if (lonText && !Number.isFinite(lon)) err('lon', 'e_coord');
  const pinMissing = !(Number.isFinite(lat) && Number.isFinite(lon));

  const schedule: Schedule = {
    freq,
    ...(freq === 'weekly' || freq === 'monthly' ? { byday } : {}),
    ...(freq === 'monthly' ? { setpos: ([1, 2, 3, 4, -1] as const).find((n) => String(n) === first(v, 'setpos')) ?? 1 } : {}),
    ...(freq === 'once' ? { date: first(v, 'date') } : {}),
    ...(first(v, 'opens_at') ? { opens_at: first(v, 'opens_at') } : {}),
    ...(first(v, 'closes_at') ? { closes_at: first(v, 'closes_at') } : {}),
    ...(first(v, 'schedule_note') ? { note: first(v, 'schedule_note') } : {}),
  };
  const opt = (k: string) => (first(v, k) ? first(v, k) : undefined);
  const wheelchair = (['yes', 'partial', 'no', 'unknown'] as const).find((w) => w === first(v, 'wheelchair')) ?? 'unknown';
  const candidate = {
    id: ctx.offerId,
    updated_at: ctx.now.toISOString(),
    status: 'active' as const,
    title: first(v, 'title'),
    summary: first(v, 'summary'),
    description: first(v, 'description'),
    organisation: { name: first(v, 'org_name'), website: opt('org_website'), email: opt('org_email'), phone: opt('org_phone') },
    interests,
    age_groups: ageGroups,
    district: districtIds.has(district) ? district : undefined,
    location: {
      name: first(v, 'loc_name'),
      street: first(v, 'street'),
      postal_code: first(v, 'postal_code'),
      city: first(v, 'city') || 'Siegburg',
      lat: pinMissing ? PIN_MISSING.lat : lat,
      lon: pinMissing ? PIN_MISSING.lon : lon,
      wheelchair,
      accessibility_notes: opt('accessibility_notes'),
      transit_stop: opt('transit_stop'),
    },
    schedules: [schedule],
    cost: { free: first(v, 'cost_free') !== 'no', note: opt('cost_note') },
    registration_required: first(v, 'registration') === 'yes',
    contact_person: opt('contact_person'),
    url: opt('url'),
    image: ctx.image,
  };
  const parsed = offerSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldForPath(issue.path);
      err(field, /plain text/.test(issue.message) ? 'e_markup' : 'e_invalid');
    }
  }
  if (errors.size > 0 || !parsed.success) return { ok: false, errors };
  const contact: SubmitterContact = { name: first(v, 'sub_name'), ...(subEmail ? { email: subEmail } : {}), ...(first(v, 'sub_phone') ? { phone: first(v, 'sub_phone') } : {}) };
  return { ok: true, value: { offer: parsed.data, contact, pinMissing } };
}

/** Form values that show an existing offer and contact (edit page, moderation). */
export function valuesFromOffer(o: Offer, contact: SubmitterContact | null): FormValues {
  const s = o.schedules[0];
  const m: FormValues = new Map();
  const set = (k: string, val: string | undefined) => {
    if (val !== undefined && val !== '') m.set(k, [val]);
  };
  set('title', o.title);
  set('summary', o.summary);
  set('description', o.description);
  set('org_name', o.organisation.name);
  set('org_email', o.organisation.email);
  set('org_phone', o.organisation.phone);
  set('org_website', o.organisation.website);
  set('contact_person', o.contact_person);
  set('url', o.url);
  m.set('interests', [...o.interests]);
  m.set('age_groups', [...o.age_groups]);
  set('district', o.district);
  if (s) {
    set('freq', s.freq);
    m.set('byday', [...(s.byday ?? [])]);
    set('setpos', s.setpos !== undefined ? String(s.setpos) : undefined);
    set('date', s.date);
    set('opens_at', s.opens_at);
    set('closes_at', s.closes_at);
    set('schedule_note', s.note);
  }
  if (o.location) {
    set('loc_name', o.location.name);
    set('street', o.location.street);
    set('postal_code', o.location.postal_code);
    set('city', o.location.city);
    const missing = o.location.lat === PIN_MISSING.lat && o.location.lon === PIN_MISSING.lon;
    if (!missing) {
      set('lat', String(o.location.lat));
      set('lon', String(o.location.lon));
    }
    set('wheelchair', o.location.wheelchair);
    set('accessibility_notes', o.location.accessibility_notes);
    set('transit_stop', o.location.transit_stop);
  }
  set('cost_free', o.cost.free ? 'yes' : 'no');
  set('cost_note', o.cost.note);
  set('registration', o.registration_required ? 'yes' : 'no');
  set('image_alt', o.image?.alt);
  if (contact) {
    set('sub_name', contact.name);
    set('sub_email', contact.email);
    set('sub_phone', contact.phone);
    set('privacy', 'yes');
  }
  return m;
}
