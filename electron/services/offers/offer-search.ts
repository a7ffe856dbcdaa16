import type { OfferCard, SearchQuery, SearchResult } from '../../../shared/contract/offers';
import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Offer, Schedule, Wheelchair } from '../../../shared/schemas/offer';
import { distanceKm, roundKm, type LatLon } from '../../../shared/logic/distance';
import { addDays, KIOSK_TZ, localDate, zonedTimeToUtc } from '../../../shared/logic/next-dates';
import { searchTokens } from '../../../shared/logic/normalize-text';
import { buildVocabulary, fuzzyWords, fuzzyWordsReference, nearestWord, type Vocabulary } from '../../../shared/logic/fuzzy-match';
import { setExtraSynonyms, taxonomySynonyms, wordAlternatives, wordInterests } from '../../../shared/logic/word-forms';
import { compileCriteria, offerFacts, windowDates, type FilterContext, type FilterableOffer } from '../../../shared/logic/offer-filter';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';
import { columnCriteria, countFacets, facetColumns, type FacetColumns } from './facet-columns';
import { offersGeneration, readTaxonomy } from './offer-repository';

/**
 * Offer search over the local SQLite database.
 *
 * - Text: over the normalised texts stored in offer_texts (title, summary, description, organisation, place), read
 *   once into memory. A word of 3+ characters lies inside one whitespace-separated word of the texts, so its offers
 *   are those of the vocabulary words containing it (word postings, built with the index); shorter words (the first
 *   keystrokes) are found by letter-pair bits. Until issue 15 the FTS5 trigram index found the candidates and each
 *   word was then checked in one piece over all texts; the postings give the same offers at a fraction of the cost
 *   (ADR 0011); kiosk migration 7 turned the FTS5 table into the plain table offer_texts.
 *   Ranking: title starting with the query, then a title word starting with it, then by where the words were found
 *   (each word counts by its best column: title 10, organisation 5, summary 3, place 2, description 1), then title.
 *   The ranking is computed in memory for the offers left after filtering only, which keeps broad words
 *   ("treff" is in half of all offers) as fast as narrow ones; bm25 over every match cost 3× the lookup itself.
 * - Filters and facet counts: from a compact in-memory index of each active offer's filterable facts
 *   (taxonomy links, cost, wheelchair, weekday/time bit masks, today/this-week flags, distance from the kiosk)
 *   held in typed-array columns (facet-columns.ts), built from SQLite and rebuilt when offers change, the day
 *   changes or the kiosk moves. The rules are those of shared/logic/offer-filter.ts (one implementation; tests
 *   compare both).
 * - Without text: nearest first (offers without a place last), then title.
 * Only offers with status 'active' are ever found.
 */

export interface SearchContext {
  position: LatLon;
  now: Date;
  tz: typeof KIOSK_TZ;
}

export interface SearchTuning {
  /** Rank by sweeping the column corpora when (text hits × tokens) exceeds this; below it, look into each hit. */
  sweepAbove: number;
  /** Also find words with typos (shared/logic/fuzzy-match.ts), ranked after all exact hits. Off unless set. */
  fuzzy?: boolean;
  /**
   * The typo step as before issue 15's speed work (the bench's baseline, same results): near words by the plain
   * vocabulary scan, and the word and each alternative searched one by one as a whole text.
   */
  previousTypoStep?: boolean;
}
/**
 * Measured with `npm run bench -- search` (both ways give the same order; tests force each). The `ui` bench starts a
 * browser host with KIOSK_BENCH_TYPO_STEP=previous for its baseline (the typo step before issue 15's speed work).
 */
export const DEFAULT_TUNING: SearchTuning = { sweepAbove: 3000, fuzzy: true, ...(process.env.KIOSK_BENCH_TYPO_STEP === 'previous' ? { previousTypoStep: true } : {}) };

/** Shortest word found through the word postings; shorter ones (first keystrokes) through the letter-pair bits. */
const MIN_POSTING_WORD = 3;
/** Weight of a word found in each searchable column (its best column counts). */
const COLUMN_WEIGHTS = { title: 10, organisation: 5, summary: 3, place: 2, description: 1 } as const;
type TextColumn = keyof typeof COLUMN_WEIGHTS;
/** Searchable columns, best first; the description (by far the longest) last. */
const TEXT_COLUMNS = Object.keys(COLUMN_WEIGHTS) as TextColumn[];
const WEIGHTS = TEXT_COLUMNS.map((c) => COLUMN_WEIGHTS[c]);
/** Columns before the description (whose end need not be stored: it runs to the end of the haystack). */
const SHORT_COLUMNS = TEXT_COLUMNS.length - 1;
const DESCRIPTION_WEIGHT = COLUMN_WEIGHTS.description;

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

// ── In-memory index ───────────────────────────────────────────────────────────────────────────────────
interface BaseEntry {
  rowid: number;
  offer: FilterableOffer;
  /** normalised title as stored in offer_texts (it includes translated titles) */
  title: string;
  /**
   * All normalised texts in TEXT_COLUMNS order (best column first), joined by tabs (normalised text has none, so no
   * word spans two columns). The first occurrence of a word tells its best column (see `columnAt`).
   */
  haystack: string;
  point: SearchResult['points'][number] | null;
}
interface FactsView {
  key: string;
  cols: FacetColumns;
  /** base indexes, nearest first, offers without a place last, then by title */
  byDistance: Int32Array;
  /** the map point of each entry of byDistance (read in that order without a lookup per offer) */
  pointByDistance: (SearchResult['points'][number] | null)[];
  /** the same without the nulls: the points of a search without text and filters */
  pointsByDistance: SearchResult['points'];
}
interface OfferIndex {
  generation: number;
  base: BaseEntry[];
  /** rowid → base index, -1 where there is no active offer */
  byRowid: Int32Array;
  /** position of each base entry in title order (ties by rowid), and its inverse */
  titleRank: Int32Array;
  byTitle: Int32Array;
  /** which letters/digits and pairs of them occur in each haystack: finds words shorter than MIN_POSTING_WORD */
  pairs: PairIndex;
  /** per title, how its words begin (first two letters/digits): the boosts of a one- or two-character query */
  initials: TitleInitials;
  /** every haystack in base order, in one string: verifying a word over thousands of offers is one forward pass */
  haystacks: Corpus;
  /** every haystack without its description (same offsets): sweeps find best columns of words too short for the postings */
  heads: Corpus;
  /** every title (same offsets): sweeps find title starts and title words (ranking, tiers of fuzzy hits) */
  titles: Corpus;
  /** interest id → the offers (base indexes, ascending) that have it */
  byInterest: Map<string, Int32Array>;
  /** for base entry i, columnEnds[i * SHORT_COLUMNS + c] = end of column c within its haystack (the description runs to the end) */
  columnEnds: Int32Array;
  taxonomyIds: { interests: string[]; ageGroups: string[]; districts: string[] };
  view: FactsView | null;
  /** distinct words of all haystacks (with their German folds): where typos are looked up */
  vocab: Vocabulary;
  /** for each vocabulary word, the offers that have it as a whole word: where alternatives are looked up */
  postings: WordPostings;
  /** map point of each base entry (null: no place), so collecting a search's points reads no entry objects */
  pointOf: (SearchResult['points'][number] | null)[];
  /** the same without the nulls: the points of a text search that finds every offer (a first keystroke) */
  allPoints: SearchResult['points'];
  /** per-search work buffers, allocated once per index (searches run one at a time): nothing of the size of the catalog is built per search */
  scratch: Scratch;
}
const indexes = new WeakMap<Db, OfferIndex>();

/** One slot per offer each; see OfferIndex.scratch. Which search step uses which is noted at the step. */
interface Scratch {
  boosts: Uint8Array;
  scores: Uint16Array;
  best: Uint8Array;
  keys: Float64Array;
  /** textMatches of the whole text: per offer how many long words it has, and the hits */
  count: Uint16Array;
  hits: Int32Array;
  /** fuzzyOnlyMatches */
  wordCount: Uint16Array;
  marks: Uint8Array;
  byInterest: Uint8Array;
  inTitle: Uint8Array;
  tier: Uint8Array;
  fuzzy: Int32Array;
  /** exact and fuzzy hits merged (what the facets count), whether each passes the filters, those that do, ranked */
  rows: Int32Array;
  pass: Uint8Array;
  passing: Int32Array;
  order: Int32Array;
}

function scratchFor(n: number): Scratch {
  return {
    boosts: new Uint8Array(n),
    scores: new Uint16Array(n),
    best: new Uint8Array(n),
    keys: new Float64Array(n),
    count: new Uint16Array(n),
    hits: new Int32Array(n),
    wordCount: new Uint16Array(n),
    marks: new Uint8Array(n),
    byInterest: new Uint8Array(n),
    inTitle: new Uint8Array(n),
    tier: new Uint8Array(n),
    fuzzy: new Int32Array(n),
    rows: new Int32Array(n),
    pass: new Uint8Array(n),
    passing: new Int32Array(n),
    order: new Int32Array(n),
  };
}

const statementCache = new WeakMap<Db, { cards: Map<number, Statement> }>();
function statements(db: Db) {
  let s = statementCache.get(db);
  if (!s) {
    s = { cards: new Map() };
    statementCache.set(db, s);
  }
  return s;
}

function offerIndex(db: Db): OfferIndex {
  const generation = offersGeneration(db);
  const cached = indexes.get(db);
  if (cached && cached.generation === generation) return cached;
  const rows = db
    .prepare(
      `SELECT o.rowid AS rowid, o.id AS id, o.district AS district, o.free AS free,
              l.lat AS lat, l.lon AS lon, l.wheelchair AS wheelchair,
              (SELECT group_concat(interest_id, ' ') FROM offer_interests WHERE offer_id = o.id) AS interests,
              (SELECT group_concat(age_group_id, ' ') FROM offer_age_groups WHERE offer_id = o.id) AS age_groups,
              f.title AS t_title, f.summary AS t_summary, f.description AS t_description,
              f.organisation AS t_organisation, f.place AS t_place
         FROM offers o LEFT JOIN locations l ON l.offer_id = o.id LEFT JOIN offer_texts f ON f.rowid = o.rowid
        WHERE o.status = 'active'`,
    )
    .all() as {
    rowid: number;
    id: string;
    district: string | null;
    free: number;
    lat: number | null;
    lon: number | null;
    wheelchair: Wheelchair;
    interests: string | null;
    age_groups: string | null;
    t_title: string | null;
    t_summary: string | null;
    t_description: string | null;
    t_organisation: string | null;
    t_place: string | null;
  }[];
  const schedules = new Map<string, Schedule[]>();
  const schedRows = db
    .prepare(
      `SELECT s.offer_id, s.freq, s.byday, s.setpos, s.date, s.opens_at, s.closes_at, s.valid_from, s.valid_to, s.interval, s.bymonthday, s.dtstart
         FROM schedules s JOIN offers o ON o.id = s.offer_id WHERE o.status = 'active' ORDER BY s.offer_id, s.idx`,
    )
    .all() as (Record<string, string | number | null> & { offer_id: string })[];
  for (const r of schedRows) {
    const s = { freq: r.freq } as Schedule;
    if (r.byday) s.byday = String(r.byday).split(',') as Schedule['byday'];
    if (r.setpos !== null) s.setpos = r.setpos as Schedule['setpos'];
    if (r.interval !== null) s.interval = r.interval as number;
    if (r.bymonthday) s.bymonthday = String(r.bymonthday).split(',').map(Number);
    for (const k of ['date', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'dtstart'] as const) if (r[k] !== null) s[k] = r[k] as string;
    let list = schedules.get(r.offer_id);
    if (!list) schedules.set(r.offer_id, (list = []));
    list.push(s);
  }
  const base: BaseEntry[] = rows.map((r) => {
    const texts: Record<TextColumn, string> = {
      title: r.t_title ?? '',
      organisation: r.t_organisation ?? '',
      summary: r.t_summary ?? '',
      place: r.t_place ?? '',
      description: r.t_description ?? '',
    };
    const location = r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon, wheelchair: r.wheelchair } : undefined;
    return {
      rowid: r.rowid,
      title: texts.title,
      haystack: TEXT_COLUMNS.map((c) => texts[c]).join('\t'),
      point: location ? { id: r.id, lat: location.lat, lon: location.lon } : null,
      offer: {
        id: r.id,
        interests: r.interests ? r.interests.split(' ') : [],
        age_groups: r.age_groups ? r.age_groups.split(' ') : [],
        district: r.district ?? undefined,
        cost: { free: r.free === 1 },
        location,
        schedules: schedules.get(r.id) ?? [],
      },
    };
  });
  const byTitle = Int32Array.from(base.keys()).sort((a, b) => {
    const ta = base[a]!.title;
    const tb = base[b]!.title;
    return ta < tb ? -1 : ta > tb ? 1 : base[a]!.rowid - base[b]!.rowid;
  });
  const titleRank = new Int32Array(base.length);
  byTitle.forEach((i, rank) => (titleRank[i] = rank));
  // One contiguous string for all haystacks; each offer's haystack becomes a slice of it (V8 keeps a slice as a view,
  // no copy), so checks over thousands of offers read memory in order instead of chasing scattered strings.
  const haystacks = corpusOf(base.map((b) => b.haystack));
  base.forEach((b, i) => (b.haystack = haystacks.text.slice(haystacks.start[i]!, haystacks.start[i + 1]! - 1)));
  const ends = columnEnds(base);
  const t = readTaxonomy(db);
  // The taxonomy's interest labels (and, later, staff-maintained search words) stand for their interest.
  setExtraSynonyms(taxonomySynonyms(t.interests));
  const idx: OfferIndex = {
    generation,
    base,
    byRowid: rowidLookup(base),
    titleRank,
    byTitle,
    pairs: pairIndex(base.map((b) => b.haystack)),
    initials: titleInitials(base.map((b) => b.title)),
    columnEnds: ends,
    haystacks,
    heads: corpusOf(base.map((b, i) => b.haystack.slice(0, ends[i * SHORT_COLUMNS + SHORT_COLUMNS - 1]))),
    titles: corpusOf(base.map((b) => b.title)),
    byInterest: interestPostings(base),
    taxonomyIds: { interests: t.interests.map((i) => i.id), ageGroups: t.age_groups.map((a) => a.id), districts: t.districts.map((d) => d.id) },
    view: null,
    ...wordIndex(base.map((b) => b.haystack)),
    pointOf: base.map((b) => b.point),
    allPoints: base.flatMap((b) => (b.point ? [b.point] : [])),
    scratch: scratchFor(base.length),
  };
  indexes.set(db, idx);
  return idx;
}

interface WordPostings {
  /** the offers (base indexes, ascending) of vocabulary word v are offers[start[v] .. start[v + 1]) */
  start: Int32Array;
  offers: Int32Array;
  /** weights[k]: weight of the best column (COLUMN_WEIGHTS) in which offers[k] has the word */
  weights: Uint8Array;
  /** bit (code unit & 31) for each character of vocabulary word v: a cheap "cannot contain" test */
  masks: Uint32Array;
  /** titleFirst[i]: the vocabulary word the title of offer i starts with (-1: none) */
  titleFirst: Int32Array;
  /** the last lookups of `containingWords`, newest first */
  recent: { word: string; ids: Int32Array }[];
}

/** The vocabulary (fuzzy-match.ts) and, per word, the offers having it and where; one pass over the haystacks. */
function wordIndex(haystacks: readonly string[]): { vocab: Vocabulary; postings: WordPostings } {
  // each haystack's words, column by column (best column first, so the first time a word is seen is its best column)
  const split = haystacks.map((h) => h.split('\t').map((column) => column.split(/\s+/)));
  const vocab = buildVocabulary(split.map((columns) => columns.flat().join(' ')));
  const at = new Map(vocab.words.map((w, v) => [w, v]));
  const count = new Int32Array(vocab.words.length + 1);
  const last = new Int32Array(vocab.words.length).fill(-1);
  const ids = split.map((columns, i) => {
    const own: number[] = [];
    const weights: number[] = [];
    columns.forEach((words, c) => {
      for (const w of words) {
        const v = at.get(w);
        if (v !== undefined && last[v] !== i) {
          last[v] = i;
          own.push(v);
          weights.push(WEIGHTS[c]!);
          count[v + 1]!++;
        }
      }
    });
    return { own, weights };
  });
  const titleFirst = Int32Array.from(split, (columns) => at.get(columns[0]![0]!) ?? -1);
  const start = new Int32Array(vocab.words.length + 1);
  for (let v = 0; v < vocab.words.length; v++) start[v + 1] = start[v]! + count[v + 1]!;
  const fill = start.slice(0, vocab.words.length);
  const offers = new Int32Array(start[vocab.words.length]!);
  const weights = new Uint8Array(offers.length);
  ids.forEach(({ own, weights: w }, i) => {
    own.forEach((v, k) => {
      weights[fill[v]!] = w[k]!;
      offers[fill[v]!++] = i;
    });
  });
  return { vocab, postings: { start, offers, weights, masks: Uint32Array.from(vocab.words, unitMask), titleFirst, recent: [] } };
}

function interestPostings(base: readonly BaseEntry[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  base.forEach((b, i) => {
    for (const id of new Set(b.offer.interests)) {
      let list = lists.get(id);
      if (!list) lists.set(id, (list = []));
      list.push(i);
    }
  });
  return new Map([...lists].map(([id, list]) => [id, Int32Array.from(list)]));
}

function unitMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) m |= 1 << (w.charCodeAt(i) & 31);
  return m >>> 0;
}

/**
 * Marks (marks[i] = 1) the offers whose texts contain `word` (normalised, no space), like `textMatches` for that one
 * word, from the word postings: a word of 3+ characters can only occur inside one vocabulary word, so the offers are
 * those of the vocabulary words containing it. Shorter words go through `textMatches`.
 */
function markContaining(db: Db, idx: OfferIndex, word: string, marks: Uint8Array): void {
  if (word.length < 3) {
    const p = textPlan(word);
    if (p) for (const i of textMatches(db, idx, p)) marks[i] = 1;
    return;
  }
  eachContaining(idx, word, (i) => (marks[i] = 1));
}

/**
 * For each vocabulary word containing `word` (3+ code units, no space) and each offer having it: `hit(offer, weight
 * of the best column the vocabulary word is in)`. An offer may come more than once (once per containing word); the
 * highest weight is that of the best column containing `word`.
 */
function eachContaining(idx: OfferIndex, word: string, hit: (i: number, weight: number) => void): void {
  const { start, offers, weights } = idx.postings;
  for (const v of containingWords(idx, word)) for (let k = start[v]!; k < start[v + 1]!; k++) hit(offers[k]!, weights[k]!);
}

/** How many earlier lookups `containingWords` keeps (typing extends a word one letter at a time). */
const RECENT_LOOKUPS = 16;

/**
 * The vocabulary words (ids) containing `word`. A word containing `word` also contains every part of it, so when an
 * earlier lookup was for a part (the word one letter shorter, while typing) only its words are checked; otherwise
 * every vocabulary word, with the letter mask as a cheap first test.
 */
function containingWords(idx: OfferIndex, word: string): Int32Array {
  const { recent, masks } = idx.postings;
  const words = idx.vocab.words;
  let from: Int32Array | null = null;
  for (const r of recent) if (word.includes(r.word) && (!from || r.ids.length < from.length)) from = r.ids;
  const mask = unitMask(word);
  const ids: number[] = [];
  if (from) {
    for (const v of from) if (words[v]!.includes(word)) ids.push(v);
  } else for (let v = 0; v < words.length; v++) if ((mask & ~masks[v]!) === 0 && words[v]!.includes(word)) ids.push(v);
  const found = Int32Array.from(ids);
  recent.unshift({ word, ids: found });
  if (recent.length > RECENT_LOOKUPS) recent.pop();
  return found;
}

/** Whether `word` can be looked up in the word postings: 3+ code units (the vocabulary's shortest words) and no space. */
const inPostings = (word: string) => word.length >= 3 && !/\s/.test(word);

function columnEnds(base: readonly BaseEntry[]): Int32Array {
  const ends = new Int32Array(base.length * SHORT_COLUMNS);
  base.forEach((b, i) => {
    let end = -1;
    for (let c = 0; c < SHORT_COLUMNS; c++) {
      end = b.haystack.indexOf('\t', end + 1);
      ends[i * SHORT_COLUMNS + c] = end;
    }
  });
  return ends;
}

/** Weight of the column of base entry i in which position `pos` of its haystack lies. */
function weightAt(idx: OfferIndex, i: number, pos: number): number {
  const o = i * SHORT_COLUMNS;
  for (let c = 0; c < SHORT_COLUMNS; c++) if (pos < idx.columnEnds[o + c]!) return WEIGHTS[c]!;
  return DESCRIPTION_WEIGHT;
}

function rowidLookup(base: readonly BaseEntry[]): Int32Array {
  let max = 0;
  for (const b of base) max = Math.max(max, b.rowid);
  const lookup = new Int32Array(max + 1).fill(-1);
  base.forEach((b, i) => (lookup[b.rowid] = i));
  return lookup;
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
  const cols = facetColumns(facts, idx.taxonomyIds);
  const byDistance = Int32Array.from(facts.keys()).sort((a, b) => {
    const da = cols.distance[a]!;
    const dbb = cols.distance[b]!;
    if (da !== dbb && !(Number.isNaN(da) && Number.isNaN(dbb))) {
      if (Number.isNaN(da)) return 1;
      if (Number.isNaN(dbb)) return -1;
      return da - dbb;
    }
    return idx.titleRank[a]! - idx.titleRank[b]!;
  });
  const pointByDistance = Array.from(byDistance, (i) => idx.pointOf[i]!);
  idx.view = { key, cols, byDistance, pointByDistance, pointsByDistance: pointByDistance.filter((p) => p !== null) };
  return idx.view;
}

/** Builds the in-memory index ahead of the first search (e.g. at start-up). */
export function warmSearchIndex(db: Db, ctx: SearchContext): void {
  factsView(db, offerIndex(db), localDate(ctx.now, ctx.tz), ctx.position, ctx.tz);
}

// ── Text ──────────────────────────────────────────────────────────────────────────────────────────────
interface TextPlan {
  tokens: string[];
  /** words of 3+ characters: found through the word postings */
  long: string[];
  /** shorter words (the first keystrokes): found through the letter-pair bits */
  short: string[];
  normalised: string;
}

function textPlan(text: string): TextPlan | null {
  const tokens = searchTokens(text);
  if (tokens.length === 0) return null;
  return {
    tokens,
    long: tokens.filter((t) => Array.from(t).length >= MIN_POSTING_WORD),
    short: tokens.filter((t) => Array.from(t).length < MIN_POSTING_WORD),
    normalised: tokens.join(' '),
  };
}

// ── Corpus sweeps ─────────────────────────────────────────────────────────────────────────────────────
/**
 * Many normalised texts joined into one string, each preceded by a newline (normalised text has none), with the
 * offset where each starts. One indexOf sweep over the whole string is far cheaper than a call per offer: it only
 * stops where the pattern occurs.
 */
interface Corpus {
  text: string;
  /** start[i] = offset of text i (just after its newline); start[n] = end */
  start: Int32Array;
}

function corpusOf(texts: readonly string[]): Corpus {
  const start = new Int32Array(texts.length + 1);
  let offset = 0;
  texts.forEach((t, i) => {
    start[i] = offset + 1;
    offset += t.length + 1;
  });
  start[texts.length] = offset + 1;
  return { text: `\n${texts.join('\n')}`, start };
}

/**
 * Calls `hit` with each text index (ascending) that contains `pattern`, once, with the offset of the first occurrence
 * in that text. A pattern starting with the newline ("text starts with …") belongs to the text after that newline.
 */
function sweep(corpus: Corpus, pattern: string, hit: (i: number, offset: number) => void): void {
  const { text, start } = corpus;
  const shift = pattern.startsWith('\n') ? 1 : 0;
  let doc = 0;
  let pos = text.indexOf(pattern);
  while (pos !== -1) {
    while (start[doc + 1]! <= pos + shift) doc++; // hits come in order: walk forward
    hit(doc, pos - start[doc]!); // offset of the first occurrence within text `doc`
    pos = text.indexOf(pattern, start[doc + 1]! - shift);
  }
}

// ── Short words ───────────────────────────────────────────────────────────────────────────────────────
/**
 * For words shorter than MIN_POSTING_WORD (the first one or two keystrokes): one bit per offer for each letter a–z and
 * digit that occurs in its normalised texts and one for each ordered pair of them (36 + 36² bits per offer, 168
 * bytes). A one- or two-character word made of those is then found by a bit test per offer, exactly (the bit says
 * whether the substring occurs). Other characters (Cyrillic, Arabic, …) fall back to a substring check.
 * Stored bit by bit: the offers' bits of one symbol or pair lie together (bits[b * words + (i >> 5)]), so testing
 * every offer for one pair reads 12.5 KB in order at 100,000 offers instead of one cache line per offer.
 */
interface PairIndex {
  bits: Uint32Array;
  /** 32-bit words per symbol or pair: ceil(offers / 32) */
  words: number;
}
const SYMBOLS = 36;
const PAIR_BITS = SYMBOLS + SYMBOLS * SYMBOLS;

function symbol(code: number): number {
  if (code >= 97 && code <= 122) return code - 97; // a-z
  if (code >= 48 && code <= 57) return code - 48 + 26; // 0-9
  return -1;
}

function pairIndex(haystacks: readonly string[]): PairIndex {
  const words = Math.ceil(haystacks.length / 32);
  const bits = new Uint32Array(PAIR_BITS * words);
  haystacks.forEach((h, i) => {
    const w = i >> 5;
    const bit = 1 << (i & 31);
    let prev = -1;
    for (let k = 0; k < h.length; k++) {
      const s = symbol(h.charCodeAt(k));
      if (s >= 0) {
        bits[s * words + w]! |= bit;
        if (prev >= 0) bits[(SYMBOLS + prev * SYMBOLS + s) * words + w]! |= bit;
      }
      prev = s;
    }
  });
  return { bits, words };
}

/**
 * How each title's words begin, as codes first symbol × START_CODES + second symbol (SYMBOLS when the second is no
 * letter/digit or the title ends): `first[i]` for the title's start (-1: no letter/digit), `after` for each position
 * after a space (offers' lists in compressed-row form, start[i] .. start[i + 1]), the same places the title sweeps of
 * rankTextHits look at (`\n` + query, space + query).
 */
interface TitleInitials {
  first: Int16Array;
  start: Int32Array;
  after: Int16Array;
}
const START_CODES = SYMBOLS + 1;

/** The code of the two characters of `t` at k (see TitleInitials); -1 when the first is no letter/digit. */
function initialCode(t: string, k: number): number {
  const a = symbol(t.charCodeAt(k));
  const b = k + 1 < t.length ? symbol(t.charCodeAt(k + 1)) : -1;
  return a < 0 ? -1 : a * START_CODES + (b < 0 ? SYMBOLS : b);
}

function titleInitials(titles: readonly string[]): TitleInitials {
  const first = Int16Array.from(titles, (t) => (t.length > 0 ? initialCode(t, 0) : -1));
  const start = new Int32Array(titles.length + 1);
  const after: number[] = [];
  titles.forEach((t, i) => {
    start[i] = after.length;
    for (let k = t.indexOf(' '); k !== -1 && k + 1 < t.length; k = t.indexOf(' ', k + 1)) {
      const code = initialCode(t, k + 1);
      if (code >= 0) after.push(code);
    }
  });
  start[titles.length] = after.length;
  return { first, start, after: Int16Array.from(after) };
}

/** The bit that says `token` (1–2 characters) occurs, or -1 when it has a character outside a–z/0–9. */
function pairBit(token: string): number {
  const a = symbol(token.charCodeAt(0));
  if (a < 0) return -1;
  if (token.length === 1) return a;
  const b = symbol(token.charCodeAt(1));
  return b < 0 ? -1 : SYMBOLS + a * SYMBOLS + b;
}

/** A test "does base entry i contain every one of these short tokens". */
function shortTokenTest(idx: OfferIndex, tokens: readonly string[]): (i: number) => boolean {
  const { bits, words } = idx.pairs;
  const exact = tokens.map(pairBit);
  const other = tokens.filter((_, k) => exact[k]! < 0);
  const rows = exact.filter((b) => b >= 0).map((b) => b * words);
  return (i) => {
    const w = i >> 5;
    const bit = 1 << (i & 31);
    for (let k = 0; k < rows.length; k++) if ((bits[rows[k]! + w]! & bit) === 0) return false;
    for (const t of other) if (!idx.base[i]!.haystack.includes(t)) return false;
    return true;
  };
}

/**
 * Base indexes (ascending) of the active offers whose texts contain every token, in `out` (one slot per offer;
 * `count` is work space of the same size). The whole text's search passes the index's scratch buffers; the rarer
 * lookups of single words get fresh ones.
 */
function textMatches(
  db: Db,
  idx: OfferIndex,
  plan: TextPlan,
  out: Int32Array = new Int32Array(idx.base.length),
  count: Uint16Array = new Uint16Array(idx.base.length),
): Int32Array {
  const hasShort = shortTokenTest(idx, plan.short);
  if (plan.long.length > 0) {
    // a word of 3+ characters lies inside one vocabulary word: its offers are those of the vocabulary words containing it
    const words = plan.long.map((w) => containingWords(idx, w));
    if (words.some((w) => w.length === 0)) return out.subarray(0, 0); // a word no offer has ("no match"): nothing to scan
    count.fill(0); // how many of the long words (in order) each offer has
    const { start, offers } = idx.postings;
    words.forEach((ids, k) => {
      for (const v of ids)
        for (let p = start[v]!; p < start[v + 1]!; p++) {
          const i = offers[p]!;
          if (count[i] === k) count[i] = k + 1;
        }
    });
    let found = 0;
    for (let i = 0; i < idx.base.length; i++) if (count[i] === plan.long.length && hasShort(i)) out[found++] = i;
    return out.subarray(0, found);
  }
  let found = 0;
  for (let i = 0; i < idx.base.length; i++) if (hasShort(i)) out[found++] = i;
  return out.subarray(0, found);
}

/**
 * Offers found only with typo tolerance, word forms or synonyms: for each word, its stem, the offer words it stands
 * for, and the vocabulary words that contain it with one edit (≥ 8 letters: two) after German folding are searched
 * exactly as alternatives, and offers with an interest the word stands for (synonym list, interest labels) count as
 * well; an offer must match every word
 * (exactly or through an alternative). Returns those not among the exact hits (ascending), or null when no word has
 * an alternative.
 */
function fuzzyOnlyMatches(db: Db, idx: OfferIndex, plan: TextPlan, exact: Int32Array, tuning: SearchTuning): { found: Int32Array; tier: Uint8Array } | null {
  // alternatives of a word: its stem and everyday-word synonyms (shared/logic/word-forms.ts), then near spellings
  const near = tuning.previousTypoStep ? fuzzyWordsReference : fuzzyWords;
  const variants = plan.tokens.map((t) => [...new Set([...wordAlternatives(t), ...near(idx.vocab, t)])]);
  // and the interests it stands for (synonym list, interest labels): offers with one of them count as matches
  const interests = plan.tokens.map((t) => ([...t].length >= MIN_POSTING_WORD ? wordInterests(t) : []));
  if (variants.every((v) => v.length === 0) && interests.every((v) => v.length === 0)) return null;
  const n = idx.base.length;
  // wordCount[i]: how many of the words (in order) offer i matched; marks: offers matching the current word;
  // byInterest: some word matched only through an interest. A text of one word needs no count: its marks say it.
  const single = plan.tokens.length === 1;
  const { wordCount, marks, byInterest, inTitle, tier } = idx.scratch;
  if (!single) wordCount.fill(0);
  byInterest.fill(0);
  plan.tokens.forEach((token, k) => {
    if (!single && !tuning.previousTypoStep && !inPostings(token) && variants[k]!.length === 0 && interests[k]!.length === 0) {
      // a short word with no alternatives (the last word being typed, 'senioren t'): only the offers that matched
      // every word before it are tested, by its letter-pair bit, instead of marking every offer that has it
      const has = shortTokenTest(idx, [token]);
      for (let i = 0; i < n; i++) if (wordCount[i] === k && has(i)) wordCount[i] = k + 1;
      return;
    }
    marks.fill(0);
    if (tuning.previousTypoStep)
      for (const word of [token, ...variants[k]!]) {
        const p = textPlan(word);
        if (p) for (const i of textMatches(db, idx, p)) marks[i] = 1;
      }
    else {
      // the word itself: a one-word text's matches are the exact hits (left out at the end, not marked); an
      // alternative containing another adds nothing
      if (!single) markContaining(db, idx, token, marks);
      const alts = variants[k]!;
      for (const word of alts) if (!word.includes(token) && !alts.some((o) => o !== word && word.includes(o))) markContaining(db, idx, word, marks);
    }
    for (const id of interests[k]!)
      for (const i of idx.byInterest.get(id) ?? [])
        if (marks[i] === 0) {
          marks[i] = 1;
          byInterest[i] = 1;
        }
    if (!single) for (let i = 0; i < n; i++) if (marks[i] === 1 && wordCount[i] === k) wordCount[i] = k + 1;
  });
  // every word matched, and not an exact hit (both ascending)
  const out = idx.scratch.fuzzy;
  let count = 0;
  for (let i = 0, e = 0; i < n; i++) {
    if (single ? marks[i] !== 1 : wordCount[i] !== plan.tokens.length) continue;
    while (e < exact.length && exact[e]! < i) e++;
    if (e < exact.length && exact[e] === i) continue;
    out[count++] = i;
  }
  const found = out.subarray(0, count);
  // tier: 0 = the title has a word form, synonym or near spelling, 1 = found in another text, 2 = through an interest only
  const words = variants.flat();
  if (tuning.previousTypoStep) {
    for (const i of found) tier[i] = byInterest[i] ? 2 : words.some((w) => idx.base[i]!.title.includes(w)) ? 0 : 1;
    return { found, tier };
  }
  // per word, the offers with it in the title from the word postings (else one sweep over all titles), instead of
  // every word against every title found
  inTitle.fill(0);
  for (const w of new Set(words)) {
    if (inPostings(w))
      eachContaining(idx, w, (i, weight) => {
        if (weight === COLUMN_WEIGHTS.title) inTitle[i] = 1;
      });
    else if (w === '') inTitle.fill(1);
    else sweep(idx.titles, w, (i) => (inTitle[i] = 1));
  }
  for (const i of found) tier[i] = byInterest[i] ? 2 : inTitle[i] ? 0 : 1;
  return { found, tier };
}

/** Sorted union of two ascending, disjoint index lists. */
function mergeSorted(a: Int32Array, b: Int32Array, into: Int32Array): Int32Array {
  const out = into.subarray(0, a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * Fuzzy-only hits that passed the filters, by tier, then title order (one numeric key each): the first `needed` of
 * them written to `out` in rank order (as in rankTextHits).
 */
function rankFuzzyHits(idx: OfferIndex, extra: Int32Array, tier: Uint8Array, needed: number, out: Int32Array): void {
  const n = idx.base.length;
  const keys = idx.scratch.keys.subarray(0, extra.length);
  for (let k = 0; k < extra.length; k++) keys[k] = tier[extra[k]!]! * n + idx.titleRank[extra[k]!]!; // tier ≤ 2: < 3n
  decodeFirst(idx, keys, needed, out);
}

/** Sorts the `needed` smallest rank keys (each ending in a title rank, see rankTextHits) and writes their offers to `out`. */
function decodeFirst(idx: OfferIndex, keys: Float64Array, needed: number, out: Int32Array): void {
  const n = idx.base.length;
  sortFirst(keys, needed);
  for (let k = 0, top = Math.min(needed, keys.length); k < top; k++) out[k] = idx.byTitle[(keys[k]! % n) | 0]!;
}

/** Puts the `needed` smallest keys (distinct) first, in order; the others follow in any order. */
function sortFirst(keys: Float64Array, needed: number): void {
  if (needed <= 0) return;
  if (keys.length > 2 * needed) {
    selectSmallest(keys, needed);
    keys.subarray(0, needed).sort();
  } else keys.sort();
}

/**
 * Ranks the text hits that passed the filters: title starting with the query first, then a title word starting
 * with it, then the higher column score (each token counts with the weight of the best column it was found in),
 * then title order. One numeric key per hit, sorted natively and decoded via the title rank. Only the first `needed`
 * are written to `out` (the page); the others only feed the count.
 *
 * Boosts and scores come from the first occurrence of each word in the offer's haystack (columns best first), found
 * in one of two equivalent ways, whichever is cheaper: for a few hits, one indexOf per hit; for many (a first
 * keystroke finds every offer), two sweeps over the titles alone for the boosts and, per word, its best column from
 * the word postings (words shorter than 3: one sweep over all haystacks without their descriptions, `heads`; a word
 * not found there is in the description), which costs about the same whatever the number of hits. Tests check both
 * against a plain reference ranking.
 */
function rankTextHits(idx: OfferIndex, hits: Int32Array, plan: TextPlan, needed: number, tuning: SearchTuning, out: Int32Array): void {
  const n = idx.base.length;
  const keys = idx.scratch.keys.subarray(0, hits.length);
  const key = (i: number, boost: number, score: number) =>
    // boost first (0 best), then higher score, then title order; exact integers in a double for n < 2^40
    (boost * (MAX_SCORE + 1) + (MAX_SCORE - Math.min(MAX_SCORE, score))) * n + idx.titleRank[i]!;
  // Fragments shorter than MIN_POSTING_WORD (a first keystroke) say nothing about relevance where they occur: without a
  // longer token only the title counts.
  const tokens = plan.long.length > 0 ? plan.tokens : [];
  const q = plan.normalised;
  const spaceQ = ` ${q}`;
  if (hits.length * (tokens.length + 1) <= tuning.sweepAbove) {
    for (let k = 0; k < hits.length; k++) {
      const i = hits[k]!;
      const hay = idx.base[i]!.haystack;
      let score = 0;
      for (const token of tokens) score += weightAt(idx, i, hay.indexOf(token)); // every hit contains every token
      const word = hay.indexOf(spaceQ);
      const boost = hay.startsWith(q) ? 0 : word !== -1 && word < idx.columnEnds[i * SHORT_COLUMNS]! ? 1 : 2;
      keys[k] = key(i, boost, score);
    }
  } else {
    const { boosts, scores, best } = idx.scratch;
    if (!titleBoosts(idx, plan, boosts) && !hitTitleBoosts(idx, q, hits, boosts)) {
      boosts.fill(2);
      sweep(idx.titles, spaceQ, (i) => (boosts[i] = 1)); // a title word starts with the query
      sweep(idx.titles, `\n${q}`, (i) => (boosts[i] = 0)); // the title starts with it
    }
    scores.fill(0);
    for (const token of tokens) {
      best.fill(DESCRIPTION_WEIGHT); // every hit contains every token: where no better column does, the description does
      if (inPostings(token))
        eachContaining(idx, token, (i, weight) => {
          if (weight > best[i]!) best[i] = weight;
        });
      else {
        // a short token: its first occurrence in each hit (every hit has it, mostly near the start), found in the one
        // string of all haystacks: half the time of a sweep over every offer's texts at 15,000 of 100,000 offers
        const { text, start } = idx.haystacks;
        for (let k = 0; k < hits.length; k++) best[hits[k]!] = weightAt(idx, hits[k]!, text.indexOf(token, start[hits[k]!]!) - start[hits[k]!]!);
      }
      for (let k = 0; k < hits.length; k++) scores[hits[k]!] = Math.min(MAX_SCORE, scores[hits[k]!]! + best[hits[k]!]!); // only hits get a key
    }
    for (let k = 0; k < hits.length; k++) keys[k] = key(hits[k]!, boosts[hits[k]!]!, scores[hits[k]!]!);
  }
  // Only the page shown needs rank order (the rest feeds the count): with many hits, move the smallest keys to the
  // front and sort just those.
  decodeFirst(idx, keys, needed, out);
}
const MAX_SCORE = 2047;

/**
 * The boosts of rankTextHits (0: the title starts with the query, 1: a later title word does, 2: neither) for every
 * offer, without sweeping the titles, for a query of one word: of 3+ characters from the word postings (the
 * vocabulary words starting with it that are in an offer's title, and the word its title starts with), of one letter
 * or digit or of two from the title initials. False (nothing written) for other queries.
 */
function titleBoosts(idx: OfferIndex, plan: TextPlan, boosts: Uint8Array): boolean {
  if (plan.tokens.length !== 1) return false;
  const q = plan.normalised;
  if (inPostings(q)) {
    boosts.fill(2);
    const { start, offers, weights, titleFirst } = idx.postings;
    for (const v of containingWords(idx, q)) {
      if (!idx.vocab.words[v]!.startsWith(q)) continue;
      for (let k = start[v]!; k < start[v + 1]!; k++) {
        const i = offers[k]!;
        if (weights[k] === COLUMN_WEIGHTS.title) boosts[i] = titleFirst[i] === v ? 0 : Math.min(boosts[i]!, 1);
      }
    }
    return true;
  }
  // one or two letters/digits: the word starts whose code lies in [lo, hi] begin with the query
  const a = symbol(q.charCodeAt(0));
  const b = q.length === 2 ? symbol(q.charCodeAt(1)) : -1;
  if (a < 0 || q.length > 2 || (q.length === 2 && b < 0)) return false;
  const lo = a * START_CODES + (q.length === 2 ? b : 0);
  const hi = q.length === 2 ? lo : a * START_CODES + SYMBOLS;
  const { first, start, after } = idx.initials;
  for (let i = 0; i < boosts.length; i++) {
    let boost = first[i]! >= lo && first[i]! <= hi ? 0 : 2;
    for (let k = start[i]!, end = start[i + 1]!; boost === 2 && k < end; k++) if (after[k]! >= lo && after[k]! <= hi) boost = 1;
    boosts[i] = boost;
  }
  return true;
}

/**
 * The boosts of rankTextHits for the hits only (other slots untouched), for a query of two or more characters starting
 * with a letter or digit (a text of several words): the title initials tell which titles can start with the query or
 * have a word starting with it (same first two characters), and only those titles are compared. False (nothing
 * written) for other queries.
 */
function hitTitleBoosts(idx: OfferIndex, q: string, hits: Int32Array, boosts: Uint8Array): boolean {
  const code = initialCode(q, 0);
  if (code < 0 || q.length < 2) return false;
  const spaceQ = ` ${q}`;
  const { first, start, after } = idx.initials;
  const titles = idx.titles;
  for (let k = 0; k < hits.length; k++) {
    const i = hits[k]!;
    let boost = 2;
    if (first[i] === code && titles.text.startsWith(q, titles.start[i]!)) boost = 0; // (in the one string of all titles: no object to load)
    else
      for (let j = start[i]!, end = start[i + 1]!; j < end; j++)
        if (after[j] === code) {
          if (idx.base[i]!.title.includes(spaceQ)) boost = 1;
          break;
        }
    boosts[i] = boost;
  }
  return true;
}

/** Rearranges `a` (distinct values) so that its k smallest values come first, in any order (quickselect). */
export function selectSmallest(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // median of three as pivot
    const mid = (lo + hi) >> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // now a[lo..j] <= pivot <= a[i..hi]
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
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
  const cached = statements(db).cards;
  let stmt = cached.get(rowids.length);
  if (!stmt) cached.set(rowids.length, (stmt = db.prepare(`SELECT rowid, data_json FROM offers WHERE rowid IN (${inList(rowids.length)})`)));
  const rows = stmt.all(...rowids) as {
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
export function searchOffers(db: Db, query: SearchQuery, ctx: SearchContext, tuning: SearchTuning = DEFAULT_TUNING): SearchResult {
  const today = localDate(ctx.now, ctx.tz);
  const idx = offerIndex(db);
  const { cols, byDistance, pointByDistance, pointsByDistance } = factsView(db, idx, today, ctx.position, ctx.tz);
  const criteria = columnCriteria(cols, compileCriteria(query));
  const plan = textPlan(query.text);

  const { scratch } = idx;
  const needed = query.offset + query.limit;
  let points: SearchResult['points'] = [];
  const page: number[] = []; // rowids
  let total = 0;
  let facetRows: Int32Array | null = null;
  let facets: SearchResult['facets'];
  if (plan) {
    const exact = textMatches(db, idx, plan, scratch.hits, scratch.count);
    // Typos, word forms, synonyms: offers found only so come after every exact hit; those with the word in the title
    // first, then in another text, then through an interest only; each in title order.
    const more = tuning.fuzzy ? fuzzyOnlyMatches(db, idx, plan, exact, tuning) : null;
    const fuzzy = more && more.found.length > 0 ? more.found : null;
    facetRows = fuzzy ? mergeSorted(exact, fuzzy, scratch.rows) : exact;
    // the counts, and which hits pass the filters, from one pass over the hits' columns
    const pass = criteria.none ? null : scratch.pass;
    facets = countFacets(cols, facetRows, criteria, pass);
    const passing = (list: Int32Array, into: Int32Array) => {
      if (!pass) return list;
      let m = 0;
      for (let k = 0; k < list.length; k++) if (pass[list[k]!] === 1) into[m++] = list[k]!;
      return into.subarray(0, m);
    };
    if (query.points) {
      // every hit that passes, in base order (the map needs no rank order): read in memory order, not rank order
      const { pointOf } = idx;
      points = !pass && facetRows.length === idx.base.length ? idx.allPoints.slice() : pointsOf(facetRows, pass, pointOf);
    }
    const ranked = passing(exact, scratch.passing);
    // only the page is put in rank order: the other hits feed only the count (and, above, the map points)
    const order = scratch.order;
    rankTextHits(idx, ranked, plan, needed, tuning, order);
    total = ranked.length;
    if (more && fuzzy) {
      const extra = passing(fuzzy, scratch.fuzzy); // (in place: the filtered list never overtakes the one it reads)
      if (total < needed) {
        if (tuning.previousTypoStep) {
          const sorted = Array.from(extra).sort((a, b) => more.tier[a]! - more.tier[b]! || idx.titleRank[a]! - idx.titleRank[b]!);
          order.set(sorted.slice(0, needed - total), total);
        } else rankFuzzyHits(idx, extra, more.tier, needed - total, order.subarray(total));
      }
      total += extra.length;
    }
    for (let k = query.offset; k < Math.min(total, needed); k++) page.push(idx.base[order[k]!]!.rowid);
  } else {
    // which offers pass: one pass over the columns in their own order, with the counts; then the list in distance order
    const pass = criteria.none ? null : scratch.pass;
    facets = countFacets(cols, null, criteria, pass);
    if (!pass) {
      total = byDistance.length;
      for (let k = query.offset; k < Math.min(total, needed); k++) page.push(idx.base[byDistance[k]!]!.rowid);
      if (query.points) points = pointsByDistance.slice(); // every offer with a place, nearest first
    } else {
      if (query.points) points = new Array<SearchResult['points'][number]>(byDistance.length);
      let m = 0;
      for (let k = 0; k < byDistance.length; k++) {
        if (pass[byDistance[k]!] === 0) continue;
        if (total >= query.offset && total < needed) page.push(idx.base[byDistance[k]!]!.rowid);
        total++;
        const p = pointByDistance[k]!;
        if (p !== null && query.points) points[m++] = p;
      }
      points.length = m;
    }
  }
  const result: SearchResult = { total, items: loadCards(db, page, query.lang, ctx.position), points, facets };
  if (plan && facetRows && facetRows.length === 0) {
    const suggestion = didYouMean(db, idx, plan, tuning);
    if (suggestion) result.didYouMean = suggestion;
  }
  return result;
}

/**
 * The map points of the offers in `rows` (base indexes) that pass (pass[i] === 1, or all without `pass`), in that
 * order. One pass into an array sized for every row, then cut: in the same process at 100,000 offers, counting first
 * to allocate the exact size cost 2–3 ms more per search (CPU time, filter 'bewegung', text 'garten'); push the same.
 * `p !== null`, not `p &&`: the truth test of an object reads its hidden class, one scattered memory access per point
 * (at 100,000 offers a third of the CPU time of 'this week + 2 km').
 */
function pointsOf(rows: Int32Array, pass: Uint8Array | null, pointOf: readonly (SearchResult['points'][number] | null)[]): SearchResult['points'] {
  const points = new Array<SearchResult['points'][number]>(rows.length);
  let m = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const p = pointOf[i]!;
    if (p !== null && (!pass || pass[i] === 1)) points[m++] = p;
  }
  points.length = m;
  return points;
}

/**
 * The text found nothing (not even with typos or synonyms): each word that finds nothing on its own is replaced by
 * the nearest word of the offers (vocabulary built once with the index). Null when no word could be replaced.
 */
function didYouMean(db: Db, idx: OfferIndex, plan: TextPlan, tuning: SearchTuning): string | null {
  let changed = false;
  const words = plan.tokens.map((t) => {
    // (one word: it is the whole text, which found nothing)
    const p = plan.tokens.length > 1 || tuning.previousTypoStep ? textPlan(t) : null;
    if (p && textMatches(db, idx, p).length > 0) return t;
    const near = nearestWord(idx.vocab, t);
    if (!near) return t;
    changed = true;
    return near;
  });
  return changed ? words.join(' ') : null;
}
