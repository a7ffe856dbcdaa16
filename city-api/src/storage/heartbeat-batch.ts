/**
 * Heartbeats in group commits (issue 19, load goal). At 10× the district's load 1,000 kiosk heartbeats arrive per
 * second; one write transaction each is one WAL fsync each on SQLite (synchronous = FULL) and four round trips on
 * PostgreSQL (now one statement per batch). Here the heartbeats that arrive while a write is under way (or in the same turn of the event loop)
 * are written together in ONE transaction, and each request is answered only after that transaction committed.
 *
 * What a heartbeat stores keeps its meaning: the whole body (version, outbox count, printer state, the errors
 * since the last heartbeat, e.g. a damaged kiosk database) as last_heartbeat_json with its time, the commands it
 * acknowledges marked done, the commands still to carry out returned and marked sent — in the order the
 * heartbeats arrived, so of two heartbeats of one kiosk in a batch the later one is the stored one, as before.
 * An acknowledged heartbeat is committed (no in-memory window that a crash could lose); a failed batch fails
 * each of its requests (the kiosk sends its next heartbeat anyway). No delay is added: an idle server writes a
 * lone heartbeat at once; batches grow only while the database is busy.
 */
import type pg from 'pg';
import type { HeartbeatBody, KioskCommand } from '../../../shared/schemas/city-api';
import type { CityDb } from '../city-db';
import { recordHeartbeat } from '../kiosk-store';
import type { KioskStorage } from './kiosk-storage';

export interface HeartbeatItem {
  kioskId: string;
  hb: HeartbeatBody;
  now: Date;
}

/** The outcome of one item of a batch. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Group commit: `add(item)` resolves with the item's result once a `flush` that contained it returned. One flush
 * at a time; what arrives meanwhile goes into the next one (at most `maxBatch` items each).
 */
export function groupCommit<T, R>(flush: (items: T[]) => Promise<Settled<R>[]> | Settled<R>[], maxBatch = 1000): (item: T) => Promise<R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  const run = async () => {
    while (queue.length) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      try {
        const out = await flush(batch.map((b) => b.item));
        batch.forEach((b, i) => {
          const r = out[i];
          if (r?.ok) b.resolve(r.value);
          else b.reject(r ? r.error : new Error('group commit: no result for an item'));
        });
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    scheduled = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        // the requests already read in this turn of the event loop join the first batch
        setImmediate(() => void run());
      }
    });
}

/** SQLite: the batch in one transaction, each heartbeat as before (kiosk-store.ts) in a savepoint of its own. */
export function sqliteRecordHeartbeats(db: CityDb, items: HeartbeatItem[]): Settled<KioskCommand[]>[] {
  return db.transaction(() =>
    items.map((i): Settled<KioskCommand[]> => {
      try {
        return { ok: true, value: recordHeartbeat(db, i.kioskId, i.hb, i.now) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  )();
}

/**
 * The whole batch as ONE statement (one round trip, its own transaction): the kiosks' heartbeats, the acknowledged
 * commands done, and the commands still to carry out returned and marked sent. The sub-statements of a WITH all see
 * the snapshot from before the statement, so `pending` leaves out the commands this batch acknowledges itself (as
 * the former BEGIN / 4 statements / COMMIT did by running the acks first), and `sent` touches only pending rows.
 */
export const PG_HEARTBEAT_BATCH_SQL = `WITH hb AS (
    UPDATE kiosks SET last_heartbeat_at = u.at, last_heartbeat_json = u.json
    FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS u(id, at, json) WHERE kiosks.id = u.id
    RETURNING kiosks.id
  ), acked AS (
    UPDATE commands SET state = 'done', done_at = a.at
    FROM unnest($4::text[], $5::text[], $6::timestamptz[]) AS a(id, kiosk_id, at)
    WHERE commands.id = a.id AND commands.kiosk_id = a.kiosk_id AND commands.state != 'done'
    RETURNING commands.id
  ), pending AS (
    SELECT c.id, c.type, c.kiosk_id, c.state, c.created_at FROM commands c
    WHERE c.kiosk_id = ANY($1::text[]) AND c.state IN ('queued', 'sent')
      AND NOT EXISTS (SELECT 1 FROM unnest($4::text[], $5::text[]) AS a(id, kiosk_id) WHERE a.id = c.id AND a.kiosk_id = c.kiosk_id)
  ), sent AS (
    UPDATE commands SET state = 'sent', sent_at = COALESCE(commands.sent_at, u.at)
    FROM pending p JOIN unnest($1::text[], $2::timestamptz[]) AS u(kiosk_id, at) ON u.kiosk_id = p.kiosk_id
    WHERE commands.id = p.id AND p.state = 'queued'
    RETURNING commands.id
  )
  SELECT id, type, kiosk_id FROM pending ORDER BY created_at, id COLLATE "C"`;

/** PostgreSQL: the batch in one statement, whatever its size (PG_HEARTBEAT_BATCH_SQL). */
export async function pgRecordHeartbeats(pool: pg.Pool, items: HeartbeatItem[]): Promise<Settled<KioskCommand[]>[]> {
  // of several heartbeats of one kiosk the last one is stored (as when they were written one after the other)
  const last = new Map(items.map((i) => [i.kioskId, i]));
  const kiosks = [...last.keys()];
  const acks = items.flatMap((i) => (i.hb.acked ?? []).map((id) => ({ id, kiosk: i.kioskId, at: i.now })));
  const { rows } = await pool.query<KioskCommand & { kiosk_id: string }>(PG_HEARTBEAT_BATCH_SQL, [
    kiosks,
    kiosks.map((k) => last.get(k)!.now),
    kiosks.map((k) => JSON.stringify(last.get(k)!.hb)),
    acks.map((a) => a.id),
    acks.map((a) => a.kiosk),
    acks.map((a) => a.at),
  ]);
  const pending = new Map<string, KioskCommand[]>();
  for (const r of rows) pending.set(r.kiosk_id, [...(pending.get(r.kiosk_id) ?? []), { id: r.id, type: r.type }]);
  return items.map((i) => ({ ok: true, value: pending.get(i.kioskId) ?? [] }));
}

/**
 * recordHeartbeat of the storage in group commits (SQLite and PostgreSQL); any other storage (test fakes) one by
 * one through its own recordHeartbeat.
 */
export function heartbeatWriter(storage: KioskStorage): (kioskId: string, hb: HeartbeatBody, now?: Date) => Promise<KioskCommand[]> {
  const backend = storage as KioskStorage & { db?: CityDb; pool?: pg.Pool };
  const flush =
    storage.kind === 'sqlite' && backend.db
      ? (items: HeartbeatItem[]) => sqliteRecordHeartbeats(backend.db!, items)
      : storage.kind === 'postgres' && backend.pool
        ? (items: HeartbeatItem[]) => pgRecordHeartbeats(backend.pool!, items)
        : null;
  if (!flush) return (kioskId, hb, now) => storage.recordHeartbeat(kioskId, hb, now);
  const add = groupCommit(flush);
  return (kioskId, hb, now = new Date()) => add({ kioskId, hb, now });
}
