import { z } from 'zod';
import { weekdayOf } from '../../../shared/logic/next-dates';
import type { Schedule, Weekday } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import { labelSchema } from '../../../shared/schemas/text';
import { CityApiError, parseRetryAfter, readBodyLimited, DEFAULT_MAX_RESPONSE_BYTES } from './city-api-client';
import type { Clock } from '../../../shared/logic/clock';

/**
 * Adapter for an Open Referral HSDS 3.0 API (read-only offers): pages through GET /services
 * (`page`, `per_page`; response `{ total_pages, page_number, contents: [service] }`) with nested
 * organization, service_at_locations[].location (addresses, accessibility), schedules, attributes
 * (taxonomy_term), languages, cost_options, phones, and maps each service to our Offer record.
 * Taxonomy terms become interests, terms of an age taxonomy become age groups.
 */

export interface HsdsClient {
  fetchSnapshot(): Promise<{ taxonomy: Taxonomy; items: unknown[] }>;
}

const str = z.string().nullish();
const num = z.union([z.number(), z.string()]).nullish();

const hsdsTermSchema = z.object({ id: z.string(), code: str, name: z.string(), taxonomy: str, vocabulary: str }).loose();
const hsdsAttributeSchema = z.object({ taxonomy_term: hsdsTermSchema.nullish(), taxonomy_term_id: str, value: str }).loose();
const hsdsScheduleSchema = z
  .object({
    freq: str,
    byday: str,
    bymonthday: str,
    byweekno: str,
    wkst: str,
    interval: num,
    dtstart: str,
    until: str,
    valid_from: str,
    valid_to: str,
    opens_at: str,
    closes_at: str,
    description: str,
    notes: str,
  })
  .loose();
const hsdsAddressSchema = z.object({ address_1: str, city: str, postal_code: str, address_type: str }).loose();
const hsdsLocationSchema = z
  .object({
    id: z.string(),
    name: str,
    latitude: num,
    longitude: num,
    addresses: z.array(hsdsAddressSchema).nullish(),
    accessibility: z.array(z.object({ description: str, details: str }).loose()).nullish(),
    transportation: str,
  })
  .loose();
export const hsdsServiceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: str,
    url: str,
    email: str,
    status: str,
    fees_description: str,
    application_process: str,
    last_modified: str,
    organization: z.object({ name: z.string(), website: str, email: str }).loose().nullish(),
    service_at_locations: z.array(z.object({ location: hsdsLocationSchema.nullish() }).loose()).nullish(),
    schedules: z.array(hsdsScheduleSchema).nullish(),
    attributes: z.array(hsdsAttributeSchema).nullish(),
    languages: z.array(z.object({ code: str, name: str }).loose()).nullish(),
    cost_options: z.array(z.object({ amount: num, option: str }).loose()).nullish(),
    phones: z.array(z.object({ number: str }).loose()).nullish(),
    contacts: z.array(z.object({ name: str }).loose()).nullish(),
  })
  .loose();
export type HsdsService = z.infer<typeof hsdsServiceSchema>;

export const hsdsPageSchema = z.object({
  total_pages: z.number().int().min(0).max(100_000),
  page_number: z.number().int().min(0).optional(),
  contents: z.array(z.unknown()).max(5000),
});

const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const AGE_TAXONOMY = /age|alter/i;

/** Our id for a taxonomy term: its code, else its id, made safe. */
export function termId(t: { id: string; code?: string | null }): string {
  return (t.code || t.id).toLowerCase().replace(/[^a-z0-9._:-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128) || 'term';
}

const clip = (s: string | null | undefined, max: number) => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
const hhmmOf = (s: string | null | undefined) => {
  const m = /^(\d{2}):(\d{2})/.exec(s ?? '');
  return m ? `${m[1]}:${m[2]}` : undefined;
};
const dateOf = (s: string | null | undefined) => (/^\d{4}-\d{2}-\d{2}/.test(s ?? '') ? s!.slice(0, 10) : undefined);

/** HSDS `interval` (number or numeric string): 1 when absent or not a whole number from 1 to 52. */
function intervalOf(v: number | string | null | undefined): number {
  const n = typeof v === 'string' ? Number(v.trim()) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 52 ? n : 1;
}

/** HSDS `bymonthday` ("1,15", "-1"): days 1…31 and -1 (last day); anything else is dropped. */
function monthDaysOf(v: string | null | undefined): number[] {
  const days = (v ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => /^[+-]?\d{1,2}$/.test(d))
    .map(Number)
    .filter((n) => (n >= 1 && n <= 31) || n === -1);
  return [...new Set(days)];
}

/**
 * One HSDS schedule (RRULE-style fields, https://docs.openreferral.org/en/latest/hsds/schedules.html) as ours:
 * freq WEEKLY / MONTHLY with byday ("MO,TU", "2TU", "-1FR"), bymonthday ("1,15", "-1"), interval (every n-th week
 * or month, counted from dtstart), dtstart and until (RFC 5545: a weekly rule without byday repeats dtstart's
 * weekday, a monthly one without byday/bymonthday dtstart's day of the month). An interval without a date to count
 * from cannot be placed in the calendar: such a schedule is shown as "by arrangement" with its description.
 */
function mapSchedule(s: z.infer<typeof hsdsScheduleSchema>): Schedule | null {
  const freq = (s.freq ?? '').toUpperCase();
  const parts = (s.byday ?? '').split(',').map((d) => d.trim().toUpperCase()).filter(Boolean);
  const days: Weekday[] = [];
  let setpos: Schedule['setpos'];
  for (const p of parts) {
    const m = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(p);
    if (!m) continue;
    if (m[1]) {
      const n = Number(m[1]);
      if (n === 1 || n === 2 || n === 3 || n === 4 || n === -1) setpos = n;
    }
    if (!days.includes(m[2] as Weekday)) days.push(m[2] as Weekday);
  }
  days.sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
  const dtstart = dateOf(s.dtstart);
  const until = dateOf(s.until);
  const validTo = [dateOf(s.valid_to), until].filter((d): d is string => !!d).sort()[0];
  const note = s.description || s.notes ? clip(s.description || s.notes, 200) : undefined;
  const common = {
    ...(hhmmOf(s.opens_at) ? { opens_at: hhmmOf(s.opens_at) } : {}),
    ...(hhmmOf(s.closes_at) ? { closes_at: hhmmOf(s.closes_at) } : {}),
    ...(dateOf(s.valid_from) ? { valid_from: dateOf(s.valid_from) } : {}),
    ...(validTo ? { valid_to: validTo } : {}),
    ...(note ? { note } : {}),
  };
  const byArrangement = (): Schedule | null => (note ? { freq: 'by_arrangement', ...common } : null);
  if (freq === 'WEEKLY' || freq === 'MONTHLY') {
    const interval = intervalOf(s.interval);
    if (interval > 1 && !dtstart && !common.valid_from) return byArrangement();
    const series = { ...(interval > 1 ? { interval } : {}), ...(dtstart ? { dtstart } : {}), ...common };
    if (freq === 'WEEKLY') {
      if (!days.length && dtstart) days.push(weekdayOf(dtstart));
      return days.length ? { freq: 'weekly', byday: days, ...series } : byArrangement();
    }
    const monthDays = monthDaysOf(s.bymonthday);
    if (!days.length && !monthDays.length && dtstart) monthDays.push(Number(dtstart.slice(8, 10)));
    if (!days.length && !monthDays.length) return byArrangement();
    return {
      freq: 'monthly',
      ...(days.length ? { byday: days } : {}),
      ...(setpos ? { setpos } : {}),
      ...(monthDays.length ? { bymonthday: monthDays } : {}),
      ...series,
    };
  }
  const once = dateOf(s.dtstart);
  if (!freq && once) return { freq: 'once', date: once, ...common };
  return byArrangement();
}

const WHEELCHAIR_WORDS = /\b(rollstuhl\w*|wheelchair\w*|barrierefrei\w*|step-free|stufenlos\w*|rampe|ramp|aufzug|lift|elevator)\b/iu;
/** Negations as whole words only ("Notausgang", "Nordeingang", "nothing" must not read as "no"). */
const NEGATION = /(^|[^\p{L}])(nicht|kein\w*|not|no|without|ohne|non)(?![\p{L}])/iu;
const PARTIAL = /(^|[^\p{L}])(teilweise|eingeschränkt|bedingt|partial\w*|partly|limited)(?![\p{L}])/iu;

/**
 * HSDS `accessibility` descriptions are free text: "Rollstuhlgerecht", "Kein Aufzug", "wheelchair accessible",
 * "Barrierefrei, Notausgang hinten". Reads yes / partial / no from whole words; unknown when nothing is said.
 */
export function wheelchairFromAccessibility(text: string): 'yes' | 'partial' | 'no' | 'unknown' {
  if (!WHEELCHAIR_WORDS.test(text)) return 'unknown';
  if (PARTIAL.test(text)) return 'partial';
  if (NEGATION.test(text)) return 'no';
  return 'yes';
}

/** Maps one HSDS service to an Offer-shaped record (validated later like every record). */
export function mapHsdsService(raw: unknown, now: Date): { record: unknown; terms: { id: string; name: string; age: boolean }[] } {
  const parsed = hsdsServiceSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown })?.id;
    return { record: { id: typeof id === 'string' ? id : undefined, invalid: 'not an HSDS service' }, terms: [] };
  }
  const s = parsed.data;
  const terms: { id: string; name: string; age: boolean }[] = [];
  for (const a of s.attributes ?? []) {
    const t = a.taxonomy_term;
    if (!t) continue;
    terms.push({ id: termId(t), name: clip(t.name, 200), age: AGE_TAXONOMY.test(t.taxonomy ?? t.vocabulary ?? '') });
  }
  const loc = s.service_at_locations?.find((l) => l.location)?.location ?? null;
  const addr = loc?.addresses?.find((a) => a.address_type === 'physical') ?? loc?.addresses?.[0];
  const lat = loc ? Number(loc.latitude) : NaN;
  const lon = loc ? Number(loc.longitude) : NaN;
  const access = loc?.accessibility?.map((a) => a.description || a.details || '').join(' ') ?? '';
  const wheelchair = wheelchairFromAccessibility(access);
  const status = (s.status ?? 'active').toLowerCase();
  const costAmounts = (s.cost_options ?? []).map((c) => Number(c.amount)).filter((n) => Number.isFinite(n));
  const record: Record<string, unknown> = {
    id: s.id,
    updated_at: s.last_modified && !Number.isNaN(Date.parse(s.last_modified)) ? new Date(s.last_modified).toISOString() : now.toISOString(),
    status: status === 'active' ? 'active' : status === 'temporarily closed' ? 'paused' : 'ended',
    title: clip(s.name, 200),
    summary: clip(s.description, 280),
    description: (s.description ?? '').slice(0, 5000),
    organisation: {
      name: clip(s.organization?.name ?? s.name, 200),
      ...(s.organization?.website ? { website: s.organization.website } : {}),
      ...(s.organization?.email || s.email ? { email: s.organization?.email || s.email } : {}),
      ...(s.phones?.[0]?.number ? { phone: clip(s.phones[0].number, 40) } : {}),
    },
    interests: [...new Set(terms.filter((t) => !t.age).map((t) => t.id))],
    age_groups: [...new Set(terms.filter((t) => t.age).map((t) => t.id))],
    schedules: (s.schedules ?? []).map(mapSchedule).filter((x): x is Schedule => x !== null),
    cost: {
      free: costAmounts.length === 0 ? !s.fees_description : costAmounts.every((n) => n === 0),
      ...(s.fees_description ? { note: clip(s.fees_description, 200) } : {}),
    },
    registration_required: !!s.application_process && !/keine|no registration|not required/i.test(s.application_process),
    ...(s.languages?.length ? { languages: s.languages.map((l) => l.code).filter((c): c is string => !!c) } : {}),
    ...(s.contacts?.[0]?.name ? { contact_person: clip(s.contacts[0].name, 200) } : {}),
    ...(s.url ? { url: s.url } : {}),
  };
  if (loc && Number.isFinite(lat) && Number.isFinite(lon)) {
    record.location = {
      name: clip(loc.name || addr?.address_1 || s.name, 200),
      street: clip(addr?.address_1, 200),
      postal_code: clip(addr?.postal_code, 10),
      city: clip(addr?.city, 100) || 'Siegburg',
      lat,
      lon,
      wheelchair,
      ...(access ? { accessibility_notes: clip(access, 500) } : {}),
      ...(loc.transportation ? { transit_stop: clip(loc.transportation, 200) } : {}),
    };
  }
  return { record, terms };
}

export interface HsdsClientOptions {
  baseUrl: string;
  token?: string;
  version: string;
  clock: Clock;
  perPage?: number;
  maxPages?: number;
  timeoutMs?: number;
  maxResponseBytes?: number;
  fetchImpl?: typeof fetch;
}

export function createHsdsClient(opts: HsdsClientOptions): HsdsClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetchImpl ?? fetch;
  const perPage = opts.perPage ?? 100;
  const maxPages = opts.maxPages ?? 1000;

  async function getPage(page: number): Promise<z.infer<typeof hsdsPageSchema>> {
    let res: Response;
    try {
      res = await doFetch(`${base}/services?${new URLSearchParams({ page: String(page), per_page: String(perPage) })}`, {
        headers: {
          'user-agent': `gemeinsam-kiosk/${opts.version}`,
          accept: 'application/json',
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new CityApiError('network', `hsds services: ${(err as Error).message}`);
    }
    if (res.status === 401 || res.status === 403) throw new CityApiError('unauthorized', `hsds services: ${res.status}`, res.status);
    if (res.status === 429 || res.status === 503) {
      throw new CityApiError('rate_limited', `hsds services: ${res.status}`, res.status, parseRetryAfter(res.headers.get('retry-after'), opts.clock.now()));
    }
    if (res.status >= 500) throw new CityApiError('server', `hsds services: ${res.status}`, res.status);
    if (res.status !== 200) throw new CityApiError('invalid_response', `hsds services: unexpected status ${res.status}`, res.status);
    const body = await readBodyLimited(res, opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'hsds services');
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new CityApiError('invalid_response', 'hsds services: body is not JSON');
    }
    const page_ = hsdsPageSchema.safeParse(json);
    if (!page_.success) throw new CityApiError('invalid_response', `hsds services: not an HSDS page (${page_.error.issues[0]?.message})`);
    return page_.data;
  }

  return {
    async fetchSnapshot() {
      const now = opts.clock.now();
      const items: unknown[] = [];
      const interests = new Map<string, string>();
      const ages = new Map<string, string>();
      let totalPages = 1;
      for (let page = 1; page <= totalPages; page++) {
        if (page > maxPages) throw new CityApiError('invalid_response', `hsds services: more than ${maxPages} pages`);
        const p = await getPage(page);
        totalPages = p.total_pages;
        for (const raw of p.contents) {
          const { record, terms } = mapHsdsService(raw, now);
          items.push(record);
          for (const t of terms) (t.age ? ages : interests).set(t.id, t.name || t.id);
        }
      }
      // A term name that is not plain text (markup, control characters) falls back to its id.
      const label = (name: string, id: string) => (labelSchema.safeParse({ de: name }).success ? { de: name } : { de: id });
      const taxonomy: Taxonomy = {
        interests: [...interests].sort().slice(0, 200).map(([id, name]) => ({ id, label: label(name, id) })),
        age_groups: [...ages].sort().slice(0, 50).map(([id, name]) => ({ id, label: label(name, id) })),
        districts: [],
      };
      return { taxonomy, items };
    },
  };
}
