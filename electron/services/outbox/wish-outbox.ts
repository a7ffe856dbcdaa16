import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../shared/logic/clock';
import type { OutboxStatus, OutboxWaitingReason } from '../../../shared/contract/wishes';
import {
  wishBodySchema,
  wishContactSchema,
  wishInputSchema,
  type WishBody,
  type WishContact,
  type WishInput,
} from '../../../shared/schemas/wish';
import type { Db } from '../db/open-database';

/** A wish waiting to be delivered, as the sender needs it. */
export interface DueWish {
  key: string;
  attempts: number;
  /** The body to POST (contact merged in when the person consented), or null when the stored row cannot be read. */
  body: WishBody | null;
}

const META_LAST_ATTEMPT = 'wish_outbox.last_attempt_at';
const META_LAST_ERROR = 'wish_outbox.last_error';
const META_LAST_DELIVERED = 'wish_outbox.last_delivered_at';

/** Delivered wishes are kept this long (for the staff counts), then removed. */
export const DELIVERED_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export class WishValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WishValidationError';
  }
}

/** Drops empty contact fields; returns undefined when nothing is left. */
function cleanContact(contact: WishContact | undefined): WishContact | undefined {
  if (!contact) return undefined;
  const out: WishContact = {};
  if (contact.name?.trim()) out.name = contact.name;
  if (contact.phone?.trim()) out.phone = contact.phone;
  if (contact.email?.trim()) out.email = contact.email;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The durable part of the outbox: every wish is one row in `wish_outbox`, committed before `save` returns.
 * Contact data lives in its own column (only with consent) and is deleted once the wish is delivered.
 * Nothing here logs or returns wish text or contact data except `due()`, which feeds the sender.
 */
export function createWishOutbox(db: Db, clock: Clock) {
  const insert = db.prepare(
    `INSERT INTO wish_outbox (key, body_json, contact_json, state, attempts, next_attempt_at, created_at)
     VALUES (@key, @body_json, @contact_json, 'pending', 0, @next_attempt_at, @created_at)`,
  );
  const selectDue = db.prepare(
    `SELECT key, body_json, contact_json, attempts FROM wish_outbox
     WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at, key LIMIT ?`,
  );
  const selectNextDue = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM wish_outbox WHERE state = 'pending'`);
  const updDelivered = db.prepare(
    `UPDATE wish_outbox SET state = 'delivered', contact_json = NULL, remote_id = ?, delivered_at = ?,
       attempts = attempts + 1, last_error = NULL WHERE key = ? AND state = 'pending'`,
  );
  const updRejected = db.prepare(
    `UPDATE wish_outbox SET state = 'rejected', attempts = attempts + 1, last_error = ? WHERE key = ? AND state = 'pending'`,
  );
  const updRetry = db.prepare(
    `UPDATE wish_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE key = ? AND state = 'pending'`,
  );
  const updAllDueNow = db.prepare(`UPDATE wish_outbox SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`);
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM wish_outbox GROUP BY state`);
  const rejectedRows = db.prepare(
    `SELECT key, created_at, last_error FROM wish_outbox WHERE state = 'rejected' ORDER BY created_at DESC, key LIMIT 50`,
  );
  const pruneDelivered = db.prepare(`DELETE FROM wish_outbox WHERE state = 'delivered' AND delivered_at < ?`);
  const getMeta = db.prepare(`SELECT value FROM sync_state WHERE key = ?`);
  const setMeta = db.prepare(
    `INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  const delMeta = db.prepare(`DELETE FROM sync_state WHERE key = ?`);

  const meta = (key: string): string | null => (getMeta.get(key) as { value: string } | undefined)?.value ?? null;
  const recordAttempt = (at: string, error: string | null) => {
    setMeta.run(META_LAST_ATTEMPT, at);
    if (error === null) delMeta.run(META_LAST_ERROR);
    else setMeta.run(META_LAST_ERROR, error);
  };

  return {
    /**
     * Validates the wish and commits it to SQLite (WAL, synchronous=FULL) before returning its idempotency key.
     * Without `contact_consent` any contact is dropped here and never stored or sent.
     */
    save(raw: WishInput, kioskId: string): { key: string } {
      const parsed = wishInputSchema.safeParse(raw);
      if (!parsed.success) throw new WishValidationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const input = parsed.data;
      const now = clock.now().toISOString();
      const key = randomUUID();
      const contact = input.contact_consent ? cleanContact(input.contact) : undefined;
      const body: WishBody = {
        text: input.text,
        ...(input.interests?.length ? { interests: input.interests } : {}),
        ...(input.age_group ? { age_group: input.age_group } : {}),
        ...(input.district ? { district: input.district } : {}),
        language: input.language,
        contact_consent: input.contact_consent,
        created_at: now,
        kiosk_id: kioskId,
      };
      const checked = wishBodySchema.safeParse({ ...body, ...(contact ? { contact } : {}) });
      if (!checked.success) throw new WishValidationError(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      insert.run({
        key,
        body_json: JSON.stringify(body),
        contact_json: contact ? JSON.stringify(contact) : null,
        next_attempt_at: now,
        created_at: now,
      });
      return { key };
    },

    /** Pending wishes whose next attempt is due, oldest first. */
    due(limit = 20): DueWish[] {
      const rows = selectDue.all(clock.now().toISOString(), limit) as {
        key: string;
        body_json: string;
        contact_json: string | null;
        attempts: number;
      }[];
      return rows.map((r) => {
        let body: WishBody | null = null;
        try {
          const base = JSON.parse(r.body_json) as Record<string, unknown>;
          const contact = r.contact_json ? wishContactSchema.parse(JSON.parse(r.contact_json)) : undefined;
          const candidate = { ...base, ...(contact && base.contact_consent === true ? { contact } : {}) };
          if (base.contact_consent !== true) delete candidate.contact;
          const ok = wishBodySchema.safeParse(candidate);
          body = ok.success ? ok.data : null;
        } catch {
          body = null;
        }
        return { key: r.key, attempts: r.attempts, body };
      });
    },

    /** Time of the earliest pending attempt, or null when nothing is pending. */
    nextDueAt(): string | null {
      return (selectNextDue.get() as { at: string | null }).at;
    },

    markDelivered(key: string, remoteId: string): void {
      const at = clock.now().toISOString();
      db.transaction(() => {
        updDelivered.run(remoteId, at, key);
        recordAttempt(at, null);
        setMeta.run(META_LAST_DELIVERED, at);
      })();
    },

    markRejected(key: string, error: string): void {
      const at = clock.now().toISOString();
      db.transaction(() => {
        updRejected.run(error, key);
        recordAttempt(at, error);
      })();
    },

    /** `attemptAt`: the moment the delay was counted from (the sender's one clock read), so the next try is never sooner after the recorded attempt than the delay. */
    markRetry(key: string, error: string, nextAttemptAt: Date, attemptAt: Date = clock.now()): void {
      const at = attemptAt.toISOString();
      db.transaction(() => {
        updRetry.run(error, nextAttemptAt.toISOString(), key);
        recordAttempt(at, error);
      })();
    },

    /** After a configuration change: try every pending wish again right away. */
    makeAllDueNow(): void {
      const now = clock.now().toISOString();
      updAllDueNow.run(now, now);
    },

    /** Removes delivered wishes older than the retention time. Returns how many. */
    prune(): number {
      return pruneDelivered.run(new Date(clock.now().getTime() - DELIVERED_RETENTION_MS).toISOString()).changes;
    },

    status(waitingReason: OutboxWaitingReason | null): OutboxStatus {
      const byState: Record<string, number> = {};
      for (const r of counts.all() as { state: string; n: number }[]) byState[r.state] = r.n;
      const pending = byState.pending ?? 0;
      return {
        pending,
        delivered: byState.delivered ?? 0,
        rejected: byState.rejected ?? 0,
        lastError: meta(META_LAST_ERROR),
        lastAttemptAt: meta(META_LAST_ATTEMPT),
        lastDeliveredAt: meta(META_LAST_DELIVERED),
        nextAttemptAt: pending > 0 ? (selectNextDue.get() as { at: string | null }).at : null,
        waitingReason,
        rejectedItems: (rejectedRows.all() as { key: string; created_at: string; last_error: string | null }[]).map((r) => ({
          key: r.key,
          created_at: r.created_at,
          error: r.last_error,
        })),
      };
    },
  };
}

export type WishOutbox = ReturnType<typeof createWishOutbox>;
