import type { EventOccurrence } from '../../../shared/schemas/event';
import type { Offer, Schedule } from '../../../shared/schemas/offer';
import type { Interest, Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Label } from '../../../shared/schemas/text';
import { normalizeForSearch } from '../../../shared/logic/normalize-text';
import type { Db } from '../db/open-database';

/**
 * The offers data layer: every read and write of offers, taxonomy, events and the data-source marker.
 * Writers never open their own transaction — the caller wraps a whole page/import in `db.transaction`.
 */

export type DataSource = 'sample' | 'city';
export type OfferStatus = Offer['status'];

const DATA_SOURCE_KEY = 'data_source';

/** Bumped on every change of offers/events in this process, so in-memory search indexes know when to rebuild. */
const generations = new WeakMap<Db, number>();
export function offersGeneration(db: Db): number {
  return generations.get(db) ?? 0;
}
function bump(db: Db): void {
  generations.set(db, offersGeneration(db) + 1);
}

/** The offer writers' prepared statements, made once per database (their type is what this returns). */
function prepareStatements(db: Db) {
  return {
    upsertOffer: db.prepare(
      `INSERT INTO offers (id, updated_at, status, title, summary, organisation, district, free, sample, data_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status, title = excluded.title,
         summary = excluded.summary, organisation = excluded.organisation, district = excluded.district,
         free = excluded.free, sample = excluded.sample, data_json = excluded.data_json
       RETURNING rowid`,
    ).pluck(),
    selectRowid: db.prepare('SELECT rowid FROM offers WHERE id = ?').pluck(),
    deleteLocation: db.prepare('DELETE FROM locations WHERE offer_id = ?'),
    insertLocation: db.prepare(
      `INSERT INTO locations (offer_id, name, street, postal_code, city, lat, lon, wheelchair, accessibility_notes, transit_stop)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteSchedules: db.prepare('DELETE FROM schedules WHERE offer_id = ?'),
    insertSchedule: db.prepare(
      `INSERT INTO schedules (offer_id, idx, freq, byday, setpos, date, opens_at, closes_at, valid_from, valid_to, note, interval, bymonthday, dtstart)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteInterests: db.prepare('DELETE FROM offer_interests WHERE offer_id = ?'),
    insertInterest: db.prepare('INSERT OR IGNORE INTO offer_interests (offer_id, interest_id) VALUES (?, ?)'),
    deleteAgeGroups: db.prepare('DELETE FROM offer_age_groups WHERE offer_id = ?'),
    insertAgeGroup: db.prepare('INSERT OR IGNORE INTO offer_age_groups (offer_id, age_group_id) VALUES (?, ?)'),
    deleteTexts: db.prepare('DELETE FROM offer_texts WHERE rowid = ?'),
    insertTexts: db.prepare(
      'INSERT OR REPLACE INTO offer_texts (rowid, title, summary, description, organisation, place) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteOffer: db.prepare('DELETE FROM offers WHERE id = ?'),
  };
}
type Statements = ReturnType<typeof prepareStatements>;
const statementCache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = statementCache.get(db);
  if (!s) statementCache.set(db, (s = prepareStatements(db)));
  return s;
}

function districtLabels(db: Db): Map<string, string> {
  const rows = db.prepare("SELECT id, label_json FROM taxonomy WHERE kind = 'district'").all() as { id: string; label_json: string }[];
  return new Map(rows.map((r) => [r.id, (JSON.parse(r.label_json) as Label).de]));
}

/** The normalised texts stored in offer_texts for one offer (what the search looks in). Translated titles/summaries are searchable too. */
export function searchTexts(offer: Offer, districtLabel: string | undefined) {
  const tr = Object.values(offer.translations ?? {}).filter((t) => t !== undefined);
  const join = (parts: (string | undefined)[]) => normalizeForSearch(parts.filter(Boolean).join(' '));
  return {
    title: join([offer.title, ...tr.map((t) => t.title)]),
    summary: join([offer.summary, ...tr.map((t) => t.summary)]),
    description: join([offer.description, offer.easy_read]),
    organisation: join([offer.organisation.name]),
    place: join([offer.location?.name, offer.location?.street, districtLabel]),
  };
}

/**
 * Inserts or replaces offers with all their derived rows. Does not open a transaction: wrap the call in `db.transaction`.
 * New offers (not stored before the call) have no derived rows to delete. (Until kiosk migration 7 the texts went into
 * an FTS5 index, written last for one index flush per transaction; offer_texts is a plain table.)
 */
export function upsertOffers(db: Db, offers: Offer[], opts: { sample?: boolean } = {}): void {
  if (offers.length === 0) return;
  const s = statements(db);
  const labels = districtLabels(db);
  for (const offer of offers) {
    const sample = opts.sample ?? offer.sample ?? false;
    // The stored JSON has `sample: true` or no `sample` at all (JSON.stringify leaves out undefined properties);
    // most offers already look like that and are serialised without a copy.
    const asIs = sample ? offer.sample === true : offer.sample === undefined;
    const dataJson = JSON.stringify(asIs ? offer : { ...offer, sample: sample || undefined });
    const existed = s.selectRowid.get(offer.id) !== undefined;
    const rowid = s.upsertOffer.get(
      offer.id,
      offer.updated_at,
      offer.status,
      offer.title,
      offer.summary,
      offer.organisation.name,
      offer.district ?? null,
      offer.cost.free ? 1 : 0,
      sample ? 1 : 0,
      dataJson,
    ) as number;

    if (existed) {
      s.deleteLocation.run(offer.id);
      s.deleteSchedules.run(offer.id);
      s.deleteInterests.run(offer.id);
      s.deleteAgeGroups.run(offer.id);
    }
    const l = offer.location;
    if (l) {
      s.insertLocation.run(offer.id, l.name, l.street, l.postal_code, l.city, l.lat, l.lon, l.wheelchair, l.accessibility_notes ?? null, l.transit_stop ?? null);
    }
    offer.schedules.forEach((sc: Schedule, idx) => {
      s.insertSchedule.run(
        offer.id,
        idx,
        sc.freq,
        sc.byday && sc.byday.length > 0 ? sc.byday.join(',') : null,
        sc.setpos ?? null,
        sc.date ?? null,
        sc.opens_at ?? null,
        sc.closes_at ?? null,
        sc.valid_from ?? null,
        sc.valid_to ?? null,
        sc.note ?? null,
        sc.interval ?? null,
        sc.bymonthday && sc.bymonthday.length > 0 ? sc.bymonthday.join(',') : null,
        sc.dtstart ?? null,
      );
    });
    for (const i of offer.interests) s.insertInterest.run(offer.id, i);
    for (const a of offer.age_groups) s.insertAgeGroup.run(offer.id, a);

    const t = searchTexts(offer, offer.district ? labels.get(offer.district) : undefined);
    s.insertTexts.run(rowid, t.title, t.summary, t.description, t.organisation, t.place);
  }
  bump(db);
}

/** Removes offers and everything derived from them. Unknown ids are ignored. No own transaction. */
export function deleteOffers(db: Db, ids: string[]): void {
  if (ids.length === 0) return;
  const s = statements(db);
  for (const id of ids) {
    const rowid = s.selectRowid.get(id) as number | undefined;
    if (rowid === undefined) continue;
    s.deleteTexts.run(rowid);
    s.deleteLocation.run(id);
    s.deleteSchedules.run(id);
    s.deleteInterests.run(id);
    s.deleteAgeGroups.run(id);
    s.deleteOffer.run(id);
  }
  bump(db);
}

/** Removes the built-in sample offers (when the kiosk switches to the city's data). No own transaction. */
export function clearSampleData(db: Db): void {
  const ids = db.prepare('SELECT id FROM offers WHERE sample = 1').pluck().all() as string[];
  deleteOffers(db, ids);
}

/** Replaces the whole taxonomy. When district labels change, the place text of affected offers is re-indexed. No own transaction. */
export function replaceTaxonomy(db: Db, t: Taxonomy): void {
  const before = districtLabels(db);
  const interestsBefore = JSON.stringify(readTaxonomy(db).interests);
  db.prepare('DELETE FROM taxonomy').run();
  const insert = db.prepare(
    'INSERT INTO taxonomy (kind, id, label_json, search_words_json, icon, min_age, max_age, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // an interest's search words (issue 15) in their own column (migration 6)
  t.interests.forEach((i, n) =>
    insert.run('interest', i.id, JSON.stringify(i.label), i.search_words ? JSON.stringify(i.search_words) : null, i.icon ?? null, null, null, n),
  );
  t.age_groups.forEach((a, n) => insert.run('age_group', a.id, JSON.stringify(a.label), null, null, a.min_age ?? null, a.max_age ?? null, n));
  t.districts.forEach((d, n) => insert.run('district', d.id, JSON.stringify(d.label), null, null, null, null, n));

  const after = districtLabels(db);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id));
  if (changed.length > 0) {
    const rows = db
      .prepare(`SELECT rowid, data_json FROM offers WHERE district IN (${changed.map(() => '?').join(',')})`)
      .all(...changed) as { rowid: number; data_json: string }[];
    const update = db.prepare('UPDATE offer_texts SET place = ? WHERE rowid = ?');
    for (const r of rows) {
      const offer = JSON.parse(r.data_json) as Offer;
      update.run(searchTexts(offer, offer.district ? after.get(offer.district) : undefined).place, r.rowid);
    }
    if (rows.length > 0) bump(db);
  }
  // the search index holds the interests' labels and search words as synonyms: rebuild it when they change
  if (JSON.stringify(readTaxonomy(db).interests) !== interestsBefore) bump(db);
}

export function readTaxonomy(db: Db): Taxonomy {
  const rows = db.prepare('SELECT kind, id, label_json, search_words_json, icon, min_age, max_age FROM taxonomy ORDER BY kind, sort, id').all() as {
    kind: 'interest' | 'age_group' | 'district';
    id: string;
    label_json: string;
    search_words_json: string | null;
    icon: string | null;
    min_age: number | null;
    max_age: number | null;
  }[];
  const t: Taxonomy = { interests: [], age_groups: [], districts: [] };
  for (const r of rows) {
    const label = JSON.parse(r.label_json) as Label;
    if (r.kind === 'interest')
      t.interests.push({
        id: r.id,
        label,
        ...(r.icon ? { icon: r.icon } : {}),
        ...(r.search_words_json ? { search_words: JSON.parse(r.search_words_json) as Interest['search_words'] } : {}),
      });
    else if (r.kind === 'age_group') {
      t.age_groups.push({
        id: r.id,
        label,
        ...(r.min_age !== null ? { min_age: r.min_age } : {}),
        ...(r.max_age !== null ? { max_age: r.max_age } : {}),
      });
    } else t.districts.push({ id: r.id, label });
  }
  return t;
}

/** The stored offer, whatever its status (callers decide whether a paused/ended offer is shown). */
export function getOfferById(db: Db, id: string): Offer | null {
  const row = db.prepare('SELECT data_json FROM offers WHERE id = ?').pluck().get(id) as string | undefined;
  return row === undefined ? null : (JSON.parse(row) as Offer);
}

export function countOffers(db: Db, opts: { status?: OfferStatus } = {}): number {
  if (opts.status) return db.prepare('SELECT count(*) FROM offers WHERE status = ?').pluck().get(opts.status) as number;
  return db.prepare('SELECT count(*) FROM offers').pluck().get() as number;
}

/**
 * Day window used for events: `from` and `to` are dates (YYYY-MM-DD, both inclusive) or full ISO date-times,
 * compared with the event's UTC start.
 */
function windowBounds(from: string, to: string): [string, string] {
  const upper = /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T99` : to; // 'T99' sorts after every time on that date
  return [from, upper];
}

/** Replaces every stored event occurrence whose start lies in [from, to] by `events`. No own transaction. */
export function replaceEvents(db: Db, from: string, to: string, events: EventOccurrence[]): void {
  const [lo, hi] = windowBounds(from, to);
  db.prepare('DELETE FROM events WHERE start >= ? AND start <= ?').run(lo, hi);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO events (uid, start, end, all_day, offer_id, title, description, location)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of events) {
    insert.run(e.uid, toUtcIso(e.start), e.end ? toUtcIso(e.end) : null, e.all_day ? 1 : 0, e.offer_id ?? null, e.title, e.description ?? null, e.location ?? null);
  }
  bump(db);
}

/** Stores start/end in one comparable form (UTC, `Z`), whatever offset the feed used. */
function toUtcIso(s: string): string {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toISOString();
}

export function listEventOccurrences(
  db: Db,
  opts: { from: string; to: string; offerId?: string; limit: number },
): EventOccurrence[] {
  const [lo, hi] = windowBounds(opts.from, opts.to);
  const params: unknown[] = [lo, hi];
  let sql = 'SELECT uid, start, end, all_day, offer_id, title, description, location FROM events WHERE start >= ? AND start <= ?';
  if (opts.offerId !== undefined) {
    sql += ' AND offer_id = ?';
    params.push(opts.offerId);
  }
  sql += ' ORDER BY start, uid LIMIT ?';
  params.push(opts.limit);
  const rows = db.prepare(sql).all(...params) as {
    uid: string;
    start: string;
    end: string | null;
    all_day: number;
    offer_id: string | null;
    title: string;
    description: string | null;
    location: string | null;
  }[];
  return rows.map((r) => ({
    uid: r.uid,
    start: r.start,
    ...(r.end !== null ? { end: r.end } : {}),
    all_day: r.all_day === 1,
    ...(r.offer_id !== null ? { offer_id: r.offer_id } : {}),
    title: r.title,
    ...(r.description !== null ? { description: r.description } : {}),
    ...(r.location !== null ? { location: r.location } : {}),
  }));
}

export function getDataSource(db: Db): DataSource {
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(DATA_SOURCE_KEY) as string | undefined;
  return v === 'city' ? 'city' : 'sample';
}

export function setDataSource(db: Db, v: DataSource): void {
  db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DATA_SOURCE_KEY, v);
}
