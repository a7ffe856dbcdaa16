import { createHash, randomUUID } from 'node:crypto';
import type { WishBody } from '../../shared/schemas/wish';
import type { CityDb } from './city-db';

/**
 * Migration (add-only, no table rebuild: other tables reference wishes(id)): the Idempotency-Key is unique per
 * kiosk. The existing UNIQUE idempotency_key column now holds "<kiosk id> <key>" (a space occurs in neither), and
 * body_sha256 remembers what was sent under the key, so a different body under the same key is a 409.
 */
export const WISH_IDEMPOTENCY_MIGRATION = `
  ALTER TABLE wishes ADD COLUMN body_sha256 TEXT;
  UPDATE wishes SET idempotency_key = kiosk_id || ' ' || idempotency_key WHERE instr(idempotency_key, ' ') = 0;
`;

/**
 * Migration (add-only): where a wish came from. 'kiosk' (all earlier rows) or 'web' (the public wish form
 * /wuensche/neu, issue 17). A web wish has no kiosk: its body says `kiosk_id: null`; the kiosk_id column (NOT NULL
 * since migration 1, and SQLite cannot drop that without rebuilding a table that wish_work references) holds ''.
 */
export const WEB_WISH_MIGRATION = `
  ALTER TABLE wishes ADD COLUMN source TEXT NOT NULL DEFAULT 'kiosk' CHECK (source IN ('kiosk', 'web'));
`;

/** A wish from the public web form: the kiosk wish body with `kiosk_id: null` and `source: 'web'`. */
export type WebWishBody = Omit<WishBody, 'kiosk_id'> & { kiosk_id: null; source: 'web' };

export type StoreWishResult = { outcome: 'created' | 'replayed'; id: string } | { outcome: 'conflict'; id: string };

const bodyHash = (json: string) => createHash('sha256').update(json).digest('hex');

/**
 * Stores a wish once per (kiosk, Idempotency-Key). The same key with the same body answers the stored wish
 * ('replayed'); with another body 'conflict' (the kiosk's retry must never overwrite or merge a different wish).
 * Contact details are stored only when the visitor consented (contact_consent true); otherwise they are dropped here.
 */
export function storeWish(db: CityDb, key: string, kioskId: string, body: WishBody): StoreWishResult {
  return storeOnce(db, key, kioskId, 'kiosk', body);
}

/**
 * Stores a wish from the public web form once per form (key: the nonce of the form's signed time token), so a
 * replayed or double-sent form is one wish; the same form with another text is a conflict. `town`: the town whose
 * public pages the form was sent on (wishes.town, migration 10), null on the district's address.
 */
export function storeWebWish(db: CityDb, formKey: string, body: WebWishBody, town: string | null = null): StoreWishResult {
  // what was sent, without the moment the server received it (a replay arrives later with the same form)
  return storeOnce(db, formKey, '', 'web', body, JSON.stringify({ ...body, created_at: undefined }), town);
}

function storeOnce(db: CityDb, key: string, kioskId: string, source: 'kiosk' | 'web', body: WishBody | WebWishBody, sent = JSON.stringify(body), town: string | null = null): StoreWishResult {
  const hash = bodyHash(sent);
  const stored = body.contact_consent ? body : { ...body, contact: undefined };
  return db.transaction((): StoreWishResult => {
    const existing = db.prepare(`SELECT id, body_sha256, body_json FROM wishes WHERE idempotency_key = ?`).get(`${kioskId} ${key}`) as
      | { id: string; body_sha256: string | null; body_json: string }
      | undefined;
    if (existing) {
      // rows from before the migration have no body_sha256: compare with what was stored then (the whole body)
      const same = existing.body_sha256 ? existing.body_sha256 === hash : bodyHash(existing.body_json) === hash;
      return { outcome: same ? 'replayed' : 'conflict', id: existing.id };
    }
    const id = `wish-${randomUUID()}`;
    db.prepare(`INSERT INTO wishes (id, idempotency_key, kiosk_id, body_json, body_sha256, received_at, source, town) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
      id,
      `${kioskId} ${key}`,
      kioskId,
      JSON.stringify(stored),
      hash,
      new Date().toISOString(),
      source,
      town,
    );
    return { outcome: 'created', id };
  })();
}

/** Newest first, kiosk and web wishes alike (`source`; a web wish's kiosk_id is '' here and null in its body). */
export function listWishes(
  db: CityDb,
  limit = 200,
): { id: string; kiosk_id: string; source: 'kiosk' | 'web'; received_at: string; idempotency_key: string; body: WishBody }[] {
  const rows = db.prepare(`SELECT id, kiosk_id, source, received_at, idempotency_key, body_json FROM wishes ORDER BY received_at DESC LIMIT ?`).all(limit) as {
    id: string;
    kiosk_id: string;
    source: 'kiosk' | 'web';
    received_at: string;
    idempotency_key: string;
    body_json: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    kiosk_id: r.kiosk_id,
    source: r.source,
    received_at: r.received_at,
    // stored as "<kiosk_id> <key>" (storeOnce); the interface gives the sender's key, as PostgreSQL stores it
    idempotency_key: r.idempotency_key.slice(r.kiosk_id.length + 1),
    body: JSON.parse(r.body_json) as WishBody,
  }));
}

export function countWishes(db: CityDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM wishes`).get() as { n: number }).n;
}
