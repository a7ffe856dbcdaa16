/**
 * Test-only: moves a stored wish's arrival into the past on either backend (issue 19), for pages that count wishes
 * by the day they arrived (Bedarf). The storage itself always stamps a wish with the moment it is received.
 */
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import type { PgStorage } from '../../city-api/src/storage/pg-storage';
import type { SqliteStorage } from '../../city-api/src/storage/sqlite-storage';

/** `at`: ISO 8601 in UTC with milliseconds (as the SQLite store writes it), e.g. 2026-11-03T10:00:00.000Z. */
export async function backdateWish(storage: KioskStorage, wishId: string, at: string): Promise<void> {
  if (storage.kind === 'sqlite') (storage as SqliteStorage).db.prepare(`UPDATE wishes SET received_at = ? WHERE id = ?`).run(at, wishId);
  else await (storage as PgStorage).pool.query('UPDATE wishes SET received_at = $1 WHERE id = $2', [at, wishId]);
}

/** Test-only: moves an offer's last change into the past on either backend (the 12-month review counts from it). */
export async function backdateOffer(storage: KioskStorage, offerId: string, at: string): Promise<void> {
  if (storage.kind === 'sqlite') (storage as SqliteStorage).db.prepare(`UPDATE offers SET changed_at = ? WHERE id = ?`).run(at, offerId);
  else await (storage as PgStorage).pool.query('UPDATE offers SET changed_at = $1 WHERE id = $2', [at, offerId]);
}
