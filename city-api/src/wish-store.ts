import { randomUUID } from 'node:crypto';
import type { WishBody } from '../../shared/schemas/wish';
import type { CityDb } from './city-db';

/** Stores a wish once per idempotency key. Returns its id and whether it was new. */
export function storeWish(db: CityDb, key: string, kioskId: string, body: WishBody): { id: string; created: boolean } {
  return db.transaction(() => {
    const existing = db.prepare(`SELECT id FROM wishes WHERE idempotency_key = ?`).get(key) as { id: string } | undefined;
    if (existing) return { id: existing.id, created: false };
    const id = `wish-${randomUUID()}`;
    db.prepare(`INSERT INTO wishes (id, idempotency_key, kiosk_id, body_json, received_at) VALUES (?, ?, ?, ?, ?)`).run(
      id,
      key,
      kioskId,
      JSON.stringify(body),
      new Date().toISOString(),
    );
    return { id, created: true };
  })();
}

export function listWishes(db: CityDb, limit = 200): { id: string; kiosk_id: string; received_at: string; body: WishBody }[] {
  const rows = db.prepare(`SELECT id, kiosk_id, received_at, body_json FROM wishes ORDER BY received_at DESC LIMIT ?`).all(limit) as {
    id: string;
    kiosk_id: string;
    received_at: string;
    body_json: string;
  }[];
  return rows.map((r) => ({ id: r.id, kiosk_id: r.kiosk_id, received_at: r.received_at, body: JSON.parse(r.body_json) as WishBody }));
}

export function countWishes(db: CityDb): number {
  return (db.prepare(`SELECT count(*) AS n FROM wishes`).get() as { n: number }).n;
}
