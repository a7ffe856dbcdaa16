import { createHash } from 'node:crypto';
import { offerSchema, type Offer } from '../../shared/schemas/offer';
import { taxonomySchema, type Taxonomy } from '../../shared/schemas/taxonomy';
import { nextSeq, type CityDb } from './city-db';

export type OfferState = 'published' | 'hidden' | 'deleted';

/** Stores (creates or replaces) an offer after validating it; it gets a new change sequence number. */
export function putOffer(db: CityDb, offer: Offer, state: OfferState = 'published'): void {
  const parsed = offerSchema.parse(offer);
  putUncheckedOffer(db, parsed.id, JSON.stringify(parsed), state);
}

/**
 * Stores an offer's JSON without validation. Only for tests and chaos fixtures that need to publish a
 * deliberately broken record (HTML, oversized text, bad coordinates) to prove the kiosk rejects it alone.
 */
export function putUncheckedOffer(db: CityDb, id: string, json: string, state: OfferState = 'published'): void {
  db.transaction(() => {
    const seq = nextSeq(db);
    db.prepare(
      `INSERT INTO offers (id, seq, state, data_json, changed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, state = excluded.state, data_json = excluded.data_json, changed_at = excluded.changed_at`,
    ).run(id, seq, state, json, new Date().toISOString());
  })();
}

/** Many offers in one transaction (seeding). */
export function putOffers(db: CityDb, offers: Offer[]): void {
  const stmt = db.prepare(
    `INSERT INTO offers (id, seq, state, data_json, changed_at) VALUES (?, ?, 'published', ?, ?)
     ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, state = 'published', data_json = excluded.data_json, changed_at = excluded.changed_at`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const o of offers) stmt.run(o.id, nextSeq(db), JSON.stringify(offerSchema.parse(o)), now);
  })();
}

/** Hide (tombstone for kiosks), delete (tombstone) or re-publish an offer. Returns false if unknown. */
export function setOfferState(db: CityDb, id: string, state: OfferState): boolean {
  return db.transaction(() => {
    const row = db.prepare(`SELECT state FROM offers WHERE id = ?`).get(id) as { state: OfferState } | undefined;
    if (!row) return false;
    if (row.state === state) return true;
    db.prepare(`UPDATE offers SET state = ?, seq = ?, changed_at = ? WHERE id = ?`).run(state, nextSeq(db), new Date().toISOString(), id);
    return true;
  })();
}

export function getStoredOffer(db: CityDb, id: string): { offer: unknown; state: OfferState; seq: number } | null {
  const row = db.prepare(`SELECT data_json, state, seq FROM offers WHERE id = ?`).get(id) as
    | { data_json: string; state: OfferState; seq: number }
    | undefined;
  return row ? { offer: JSON.parse(row.data_json), state: row.state, seq: row.seq } : null;
}

/** What kiosks should hold: every published offer, as stored (validated or not), by id. */
export function publishedOffers(db: CityDb): Map<string, unknown> {
  const rows = db.prepare(`SELECT id, data_json FROM offers WHERE state = 'published' ORDER BY id`).all() as { id: string; data_json: string }[];
  return new Map(rows.map((r) => [r.id, JSON.parse(r.data_json)]));
}

/** `town`: only that town's offers (a town's staff account, issue 19); absent or null: every offer. */
export function listOffersForStaff(
  db: CityDb,
  limit = 500,
  offset = 0,
  town: string | null = null,
): { id: string; state: OfferState; title: string; status: string; changed_at: string }[] {
  return db
    .prepare(
      `SELECT id, state, json_extract(data_json, '$.title') AS title, json_extract(data_json, '$.status') AS status, changed_at
       FROM offers WHERE state != 'deleted' AND (@town IS NULL OR town = @town) ORDER BY changed_at DESC, id LIMIT @limit OFFSET @offset`,
    )
    .all({ town, limit, offset }) as { id: string; state: OfferState; title: string; status: string; changed_at: string }[];
}

// ---------------------------------------------------------------- change feed

// v1.<seq>, or v1.<seq>.<scope> for a feed limited to towns (storage/town-storage.ts; the scope is 8 hex digits)
// and .f<head> while a kiosk's first sync runs (see FeedCursor.firstSyncHead)
const CURSOR_RE = /^v1\.(\d{1,15})(?:\.([0-9a-f]{8}))?(?:\.f(\d{1,15}))?$/;

/** Position in the change feed: every change with a higher sequence number is still to come. */
export interface FeedCursor {
  seq: number;
  /** Which towns the feed was limited to (scopeTag); absent for the whole district. */
  scope?: string;
  /**
   * Only during a first sync (GET /v1/offers without `since`, issue 19): the feed head when it began. A row at or
   * below it that is a tombstone (hidden, deleted, another town's offer) has not changed since the sync began, so
   * this sync never sent it as an offer and the kiosk has nothing to delete: no tombstone (a town kiosk's first
   * sync on a district server carried ~19,000 of them). Rows changed after it (above) still send their tombstones,
   * so an offer hidden between two pages of the first sync reaches the kiosk. Dropped when the first sync ends.
   */
  firstSyncHead?: number;
}

/** Parses `since`; absent = from the beginning; null = not a cursor this server handed out. */
export function parseCursor(since: string | undefined): FeedCursor | null {
  if (since === undefined || since === '') return { seq: 0 };
  const m = CURSOR_RE.exec(since);
  if (!m) return null;
  const c: FeedCursor = { seq: Number(m[1]) };
  if (m[2]) c.scope = m[2];
  if (m[3]) c.firstSyncHead = Number(m[3]);
  return c;
}

export function formatCursor(c: FeedCursor): string {
  return `v1.${c.seq}${c.scope ? `.${c.scope}` : ''}${c.firstSyncHead !== undefined ? `.f${c.firstSyncHead}` : ''}`;
}

export interface FeedPage {
  /** Raw JSON texts of the items (already serialised, so a page is built without re-encoding 500 offers). */
  items: string[];
  deleted: string[];
  next_cursor: string;
  has_more: boolean;
}

/**
 * One page of the change feed: changes with seq > cursor, oldest first; hidden and deleted offers as tombstones.
 * (Tombstones are sent on a first sync too for what changed after it began: an offer hidden while a kiosk is
 * between two pages of its first sync must still reach it; see FeedCursor.firstSyncHead.)
 */
export function offersPage(db: CityDb, cursor: FeedCursor, limit: number): FeedPage {
  const rows = db
    .prepare(`SELECT id, seq, state, data_json FROM offers WHERE seq > ? ORDER BY seq LIMIT ?`)
    .all(cursor.seq, limit + 1) as FeedRow[];
  return feedPageFromRows(rows, cursor, limit);
}

export type FeedRow = { id: string; seq: number; state: OfferState; data_json: string };

/** One feed page from up to limit + 1 rows in seq order (the extra row only says there is more); both backends. */
export function feedPageFromRows(rows: FeedRow[], cursor: FeedCursor, limit: number): FeedPage {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const items: string[] = [];
  const deleted: string[] = [];
  const first = cursor.firstSyncHead;
  for (const r of page) {
    if (r.state === 'published') items.push(r.data_json);
    else if (first === undefined || r.seq > first) deleted.push(r.id);
  }
  const lastSeq = page.length ? page[page.length - 1]!.seq : cursor.seq;
  const next: FeedCursor = { ...cursor, seq: lastSeq };
  if (!hasMore) delete next.firstSyncHead;
  return { items, deleted, next_cursor: formatCursor(next), has_more: hasMore };
}

export function currentSeq(db: CityDb): number {
  return Number((db.prepare(`SELECT value FROM meta WHERE key = 'change_seq'`).get() as { value: string }).value);
}

/** The public page of an offer (`/angebote/<id>`, public-web plugin); `base` is --public-url. */
export function offerWebUrl(base: string, id: string): string {
  return `${base.replace(/\/+$/, '')}/angebote/${encodeURIComponent(id)}`;
}

/** Adds `web_url` (issue 17) to each serialised offer of a feed page. */
export function withWebUrl(items: string[], base: string): string[] {
  return items.map((j) => {
    const id = (JSON.parse(j) as { id: string }).id;
    return `${j.slice(0, -1)},"web_url":${JSON.stringify(offerWebUrl(base, id))}}`;
  });
}

export function serialiseFeedPage(p: FeedPage): string {
  return `{"items":[${p.items.join(',')}],"deleted":${JSON.stringify(p.deleted)},"next_cursor":${JSON.stringify(p.next_cursor)},"has_more":${p.has_more}}`;
}

// ---------------------------------------------------------------- taxonomy

export function setTaxonomy(db: CityDb, t: Taxonomy): string {
  const json = JSON.stringify(taxonomySchema.parse(t));
  const etag = `"${createHash('sha256').update(json).digest('hex').slice(0, 32)}"`;
  db.prepare(
    `INSERT INTO taxonomy (id, data_json, etag, updated_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET data_json = excluded.data_json, etag = excluded.etag, updated_at = excluded.updated_at`,
  ).run(json, etag, new Date().toISOString());
  return etag;
}

export function getTaxonomyRow(db: CityDb): { json: string; etag: string } | null {
  const row = db.prepare(`SELECT data_json, etag FROM taxonomy WHERE id = 1`).get() as { data_json: string; etag: string } | undefined;
  return row ? { json: row.data_json, etag: row.etag } : null;
}
