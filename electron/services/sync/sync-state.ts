import type { Db } from '../db/open-database';

/** Keys of the sync engine in table sync_state (key, value). */
export const SYNC_KEYS = {
  offersCursor: 'offers_cursor',
  taxonomyEtag: 'taxonomy_etag',
  /** "kind baseUrl" of the source the stored cursor belongs to; a different source starts over. */
  source: 'sync_source',
  lastSuccessAt: 'sync_last_success_at',
  lastAttemptAt: 'sync_last_attempt_at',
  lastError: 'sync_last_error',
  lastRun: 'sync_last_run',
  consecutiveFailures: 'sync_consecutive_failures',
  unauthorized: 'sync_unauthorized',
  /** '0' when every referenced image is cached; otherwise the next run looks at the images again */
  imagesPending: 'sync_images_pending',
  /** First sync collected in sync_staging (offers-sync.ts): for which source, up to which cursor, how many pages. */
  stagingSource: 'sync_staging_source',
  stagingCursor: 'sync_staging_cursor',
  stagingPages: 'sync_staging_pages',
} as const;

export function readSyncState(db: Db, key: string): string | null {
  const v = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined;
  return v ?? null;
}

export function writeSyncState(db: Db, key: string, value: string | null): void {
  if (value === null) db.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  else db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
