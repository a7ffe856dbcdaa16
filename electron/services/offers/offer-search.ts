import type { OfferCard, SearchQuery, SearchResult } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Offer, Schedule, Wheelchair } from '../../../shared/schemas/offer';
import { distanceKm, roundKm, type LatLon } from '../../../shared/logic/distance';
import { addDays, KIOSK_TZ, localDate, zonedTimeToUtc } from '../../../shared/logic/next-dates';
import { normalizeForSearch, searchTokens } from '../../../shared/logic/normalize-text';
import {
  compileCriteria,
  countFacets,
  factsMatch,
  offerFacts,
  windowDates,
  type FilterContext,
  type FilterableOffer,
  type OfferFacts,
} from '../../../shared/logic/offer-filter';
import type { Db } from '../db/open-database';
import { offersGeneration, readTaxonomy } from './offer-repository';

/**
 * Offer search over the local SQLite database.
 *
 * - Text: FTS5 trigram index over normalised texts (title, summary, description, organisation, place); every
 *   token of 3+ characters must match (AND), shorter tokens are matched with LIKE over the same normalised text.
 *   Ranking: title starting with the query, then a title word starting with it, then bm25 with column weights
 *   (title ≫ organisation > summary > place > description), then title.
 * - Filters and facet counts: from a compact in-memory index of each active offer's filterable facts
 *   (taxonomy links, cost, wheelchair, weekday/time bit masks, today/this-week flags, distance from the kiosk),
 *   built from SQLite and rebuilt when offers change, the day changes or the kiosk moves. Scanning 10,000 offers'
 *   facts takes far less time than letting SQLite scan and join the same rows, which keeps search + filter + facets
 *   inside the 10 ms budget. The rules are those of shared/logic/offer-filter.ts (one implementation for both).
 * - Without text: nearest first (offers without a place last), then title.
 * Only offers with status 'active' are ever found.
 */

export interface SearchContext {
  position: LatLon;
  now: Date;
  tz: typeof KIOSK_TZ;
}

/** Shortest token the trigram index can match; shorter ones use a LIKE scan. */
const MIN_FTS_TOKEN = 3;
/** bm25 column weights in the order of offers_fts: title, summary, description, organisation, place. */
const BM25_WEIGHTS = '10.0, 3.0, 1.0, 5.0, 2.0';

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

// ── In-memory index ───────────────────────────────────────────────────────────────────────────────────
interface BaseEntry {
  rowid: number;
  offer: FilterableOffer;
  /** normalised German title, for the title boost and tie-breaking */
  title: string;
}
interface FactsView {
  key: string;
  facts: OfferFacts[];
  /** indexes into `facts`, nearest first, offers without a place last, then by title */
  byDistance: number[];
}
interface OfferIndex {
  generation: number;
  base: BaseEntry[];
  byRowid: Map<number, number>;
  taxonomyIds: { interests: string[]; ageGroups: string[]; districts: string[] };
  view: FactsView | null;
}
const indexes = new WeakMap<Db, OfferIndex>();

function offerIndex(db: Db): OfferIndex {
  const generation = offersGeneration(db);
  const cached = indexes.get(db);
  if (cached && cached.generation === generation) return cached;
  const rows = db
    .prepare(
      `SELECT o.rowid AS rowid, o.id AS id, o.title AS title, o.district AS district, o.free AS free,
              l.lat AS lat, l.lon AS lon, l.wheelchair AS wheelchair,
              (SELECT group_concat(interest_id, ' ') FROM offer_interests WHERE offer_id = o.id) AS interests,
              (SELECT group_concat(age_group_id, ' ') FROM offer_age_groups WHERE offer_id = o.id) AS age_groups
         FROM offers o LEFT JOIN locations l ON l.offer_id = o.id
        WHERE o.status = 'active'`,
    )
    .all() as {
    rowid: number;
    id: string;
    title: string;
    district: string | null;
    free: number;
    lat: number | null;
    lon: number | null;
    wheelchair: Wheelchair;
    interests: string | null;
    age_groups: string | null;
  }[];
  const schedules = new Map<string, Schedule[]>();
  const schedRows = db
    .prepare(
      `SELECT s.offer_id, s.freq, s.byday, s.setpos, s.date, s.opens_at, s.closes_at, s.valid_from, s.valid_to
         FROM schedules s JOIN offers o ON o.id = s.offer_id WHERE o.status = 'active' ORDER BY s.offer_id, s.idx`,
    )
    .all() as (Record<string, string | number | null> & { offer_id: string })[];
  for (const r of schedRows) {
    const s = { freq: r.freq } as Schedule;
    if (r.byday) s.byday = String(r.byday).split(',') as Schedule['byday'];
    if (r.setpos !== null) s.setpos = r.setpos as Schedule['setpos'];
    for (const k of ['date', 'opens_at', 'closes_at', 'valid_from', 'valid_to'] as const) if (r[k] !== null) s[k] = r[k] as string;
    let list = schedules.get(r.offer_id);
    if (!list) schedules.set(r.offer_id, (list = []));
    list.push(s);
  }
  const base: BaseEntry[] = rows.map((r) => ({
    rowid: r.rowid,
    title: normalizeForSearch(r.title),
    offer: {
      id: r.id,
      interests: r.interests ? r.interests.split(' ') : [],
      age_groups: r.age_groups ? r.age_groups.split(' ') : [],
      district: r.district ?? undefined,
      cost: { free: r.free === 1 },
      location: r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon, wheelchair: r.wheelchair } : undefined,
      schedules: schedules.get(r.id) ?? [],
    },
  }));
  const t = readTaxonomy(db);
  const idx: OfferIndex = {
    generation,
    base,
    byRowid: new Map(base.map((b, i) => [b.rowid, i])),
    taxonomyIds: { interests: t.interests.map((i) => i.id), ageGroups: t.age_groups.map((a) => a.id), districts: t.districts.map((d) => d.id) },
    view: null,
  };
  indexes.set(db, idx);
  return idx;
}

/** UTC bounds [from, to) of the kiosk-local dates `first`..`last`. */
function utcRange(first: string, last: string, tz: string): [string, string] {
  return [zonedTimeToUtc(first, '00:00', tz).toISOString(), zonedTimeToUtc(addDays(last, 1), '00:00', tz).toISOString()];
}

function factsView(db: Db, idx: OfferIndex, today: string, position: LatLon, tz: string): FactsView {
  const key = `${today}|${position.lat}|${position.lon}|${tz}`;
  if (idx.view && idx.view.key === key) return idx.view;
  const q = db.prepare('SELECT DISTINCT offer_id FROM events WHERE offer_id IS NOT NULL AND start >= ? AND start < ?').pluck();
  const week = windowDates(today, 'week');
  const ctx: FilterContext = {
    position,
    today,
    eventOffers: {
      today: new Set(q.all(...utcRange(today, today, tz)) as string[]),
      week: new Set(q.all(...utcRange(week[0]!, week[week.length - 1]!, tz)) as string[]),
    },
  };
  const facts = idx.base.map((b) => offerFacts(b.offer, ctx, week));
  const byDistance = facts.map((_, i) => i);
  byDistance.sort((a, b) => {
    const da = facts[a]!.distanceKm ?? Infinity;
    const dbb = facts[b]!.distanceKm ?? Infinity;
    if (da !== dbb) return da - dbb;
    const ta = idx.base[a]!.title;
    const tb = idx.base[b]!.title;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
  idx.view = { key, facts, byDistance };
  return idx.view;
}

/** Builds the in-memory index ahead of the first search (e.g. at start-up). */
export function warmSearchIndex(db: Db, ctx: SearchContext): void {
  factsView(db, offerIndex(db), localDate(ctx.now, ctx.tz), ctx.position, ctx.tz);
}

// ── Text ──────────────────────────────────────────────────────────────────────────────────────────────
interface TextPlan {
  match: string | null;
  like: string[];
  normalised: string;
}
function textPlan(text: string): TextPlan | null {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  const long = tokens.filter((t) => t.length >= MIN_FTS_TOKEN);
  const short = tokens.filter((t) => t.length < MIN_FTS_TOKEN);
  return {
    // Tokens hold only letters and digits after normalisation, so quoting them as FTS5 strings is safe.
    match: long.length > 0 ? long.map((t) => `"${t}"`).join(' AND ') : null,
    like: short.map((t) => `%${t}%`),
    normalised: tokens.join(' '),
  };
}

const FTS_CONCAT = "(f.title || ' ' || f.summary || ' ' || f.description || ' ' || f.organisation || ' ' || f.place)";

/** rowid → bm25 rank (lower is better; 0 when only short tokens) of every offer matching the text. */
function textMatches(db: Db, plan: TextPlan): { rowid: number; rank: number }[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (plan.match) {
    where.push('offers_fts MATCH ?');
    params.push(plan.match);
  }
  for (const p of plan.like) {
    where.push(`${FTS_CONCAT} LIKE ?`);
    params.push(p);
  }
  const rank = plan.match ? `bm25(offers_fts, ${BM25_WEIGHTS})` : '0';
  return db.prepare(`SELECT f.rowid AS rowid, ${rank} AS rank FROM offers_fts f WHERE ${where.join(' AND ')}`).all(...params) as {
    rowid: number;
    rank: number;
  }[];
}

function titleBoost(title: string, q: string): number {
  if (title.startsWith(q)) return 0;
  if (title.includes(` ${q}`)) return 1;
  return 2;
}

// ── Cards ─────────────────────────────────────────────────────────────────────────────────────────────
export function localisedTexts(offer: Offer, lang: Language): { title: string; summary: string; description: string; untranslated: boolean } {
  if (lang === 'de' || lang === 'de-LS') return { title: offer.title, summary: offer.summary, description: offer.description, untranslated: false };
  const t = offer.translations?.[lang];
  if (t) return { title: t.title, summary: t.summary, description: t.description, untranslated: false };
  return { title: offer.title, summary: offer.summary, description: offer.description, untranslated: true };
}

export function offerCard(offer: Offer, lang: Language, position: LatLon): OfferCard {
  const text = localisedTexts(offer, lang);
  const l = offer.location;
  return {
    id: offer.id,
    title: text.title,
    summary: text.summary,
    organisation: offer.organisation.name,
    interests: offer.interests,
    ageGroups: offer.age_groups,
    district: offer.district ?? null,
    placeName: l?.name ?? null,
    street: l?.street ?? null,
    lat: l?.lat ?? null,
    lon: l?.lon ?? null,
    distanceKm: l ? roundKm(distanceKm(position, l)) : null,
    wheelchair: l?.wheelchair ?? 'unknown',
    free: offer.cost.free,
    sample: offer.sample === true,
    untranslated: text.untranslated,
    schedules: offer.schedules,
  };
}

function loadCards(db: Db, rowids: number[], lang: Language, position: LatLon): OfferCard[] {
  if (rowids.length === 0) return [];
  const rows = db.prepare(`SELECT rowid, data_json FROM offers WHERE rowid IN (${inList(rowids.length)})`).all(...rowids) as {
    rowid: number;
    data_json: string;
  }[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r.data_json]));
  return rowids.flatMap((id) => {
    const json = byRowid.get(id);
    return json ? [offerCard(JSON.parse(json) as Offer, lang, position)] : [];
  });
}

// ── Entry point ───────────────────────────────────────────────────────────────────────────────────────
export function searchOffers(db: Db, query: SearchQuery, ctx: SearchContext): SearchResult {
  const today = localDate(ctx.now, ctx.tz);
  const idx = offerIndex(db);
  const view = factsView(db, idx, today, ctx.position, ctx.tz);
  const criteria = compileCriteria(query);
  const plan = textPlan(query.text);

  let order: number[];
  let facetInput: OfferFacts[];
  if (plan) {
    const hits: { i: number; boost: number; rank: number }[] = [];
    for (const m of textMatches(db, plan)) {
      const i = idx.byRowid.get(m.rowid);
      if (i === undefined) continue; // not active
      hits.push({ i, boost: titleBoost(idx.base[i]!.title, plan.normalised), rank: m.rank });
    }
    facetInput = hits.map((h) => view.facts[h.i]!);
    hits.sort((a, b) => a.boost - b.boost || a.rank - b.rank || (idx.base[a.i]!.title < idx.base[b.i]!.title ? -1 : 1));
    order = hits.filter((h) => factsMatch(view.facts[h.i]!, criteria)).map((h) => h.i);
  } else {
    facetInput = view.facts;
    order = view.byDistance.filter((i) => factsMatch(view.facts[i]!, criteria));
  }

  const points: SearchResult['points'] = [];
  for (const i of order) {
    const f = view.facts[i]!;
    if (f.lat !== null && f.lon !== null) points.push({ id: f.id, lat: f.lat, lon: f.lon });
  }
  const page = order.slice(query.offset, query.offset + query.limit).map((i) => idx.base[i]!.rowid);
  return {
    total: order.length,
    items: loadCards(db, page, query.lang, ctx.position),
    points,
    facets: countFacets(facetInput, criteria, idx.taxonomyIds),
  };
}
