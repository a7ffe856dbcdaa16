/**
 * Heartbeats in group commits (issue 19, load goal). At 10× the district's load 1,000 kiosk heartbeats arrive per
 * second; one write transaction each is one WAL fsync each on SQLite (synchronous = FULL) and four round trips on
 * PostgreSQL. Here the heartbeats that arrive while a write is under way (or in the same turn of the event loop)
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

/** PostgreSQL: the batch in one transaction of four statements, whatever its size. */
export async function pgRecordHeartbeats(pool: pg.Pool, items: HeartbeatItem[]): Promise<Settled<KioskCommand[]>[]> {
  // of several heartbeats of one kiosk the last one is stored (as when they were written one after the other)
  const last = new Map(items.map((i) => [i.kioskId, i]));
  const kiosks = [...last.keys()];
  const acks = items.flatMap((i) => (i.hb.acked ?? []).map((id) => ({ id, kiosk: i.kioskId, at: i.now })));
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(
      `UPDATE kiosks SET last_heartbeat_at = u.at, last_heartbeat_json = u.json
       FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS u(id, at, json) WHERE kiosks.id = u.id`,
      [kiosks, kiosks.map((k) => last.get(k)!.now), kiosks.map((k) => JSON.stringify(last.get(k)!.hb))],
    );
    if (acks.length) {
      await c.query(
        `UPDATE commands SET state = 'done', done_at = u.at
         FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(id, kiosk_id, at)
         WHERE commands.id = u.id AND commands.kiosk_id = u.kiosk_id AND commands.state != 'done'`,
        [acks.map((a) => a.id), acks.map((a) => a.kiosk), acks.map((a) => a.at)],
      );
    }
    const { rows } = await c.query<KioskCommand & { kiosk_id: string }>(
      `SELECT id, type, kiosk_id FROM commands WHERE kiosk_id = ANY($1::text[]) AND state IN ('queued', 'sent') ORDER BY created_at, id COLLATE "C"`,
      [kiosks],
    );
    const pending = new Map<string, KioskCommand[]>();
    for (const r of rows) pending.set(r.kiosk_id, [...(pending.get(r.kiosk_id) ?? []), { id: r.id, type: r.type }]);
    if (pending.size) {
      await c.query(
        `UPDATE commands SET state = 'sent', sent_at = COALESCE(sent_at, u.at)
         FROM unnest($1::text[], $2::timestamptz[]) AS u(kiosk_id, at) WHERE commands.kiosk_id = u.kiosk_id AND commands.state = 'queued'`,
        [[...pending.keys()], [...pending.keys()].map((k) => last.get(k)!.now)],
      );
    }
    await c.query('COMMIT');
    return items.map((i) => ({ ok: true, value: pending.get(i.kioskId) ?? [] }));
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
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
