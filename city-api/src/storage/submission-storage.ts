/**
 * Club submissions (the account-free club form /submit and the submitter's private page), their moderation, the
 * audit trail and the 12-month confirmations, for both backends (issue 19). Part of KioskStorage. SQLite wraps
 * submissions/submission-store.ts unchanged; PostgreSQL has the same tables (PG_SUBMISSIONS_MIGRATION) and rules,
 * and writes an approved or withdrawn submission's offer in the same transaction as the submission and its log entry
 * (with its change number from feed_head, ADR 0013).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { offerSchema, type Offer } from '../../../shared/schemas/offer';
import type { CityDb } from '../city-db';
import type { OfferState } from '../offer-store';
import { pgText } from './pg-text';
import {
  approveSubmission,
  auditTrail,
  confirmOffer,
  createSubmission,
  getSubmission,
  listSubmissions,
  offersDueForReview,
  rejectSubmission,
  requestChanges,
  editTokenSha256,
  submissionByToken,
  submissionFromRow,
  updateSubmission,
  withdrawSubmission,
  type AuditEntry,
  type ReviewItem,
  type Submission,
  type SubmissionRowOf,
  type SubmissionState,
  type SubmitterContact,
} from '../submissions/submission-store';

export interface SubmissionStorage {
  /** A new pending submission; returns it and the private edit token (only its hash is kept). */
  createSubmission(offer: Offer, contact: SubmitterContact, now?: Date): Promise<{ submission: Submission; editToken: string }>;
  getSubmission(id: string): Promise<Submission | null>;
  submissionByToken(token: string): Promise<Submission | null>;
  /** The submitter changed it: back to pending. */
  updateSubmission(id: string, offer: Offer, contact: SubmitterContact, now?: Date): Promise<void>;
  /** Proposed data and contact deleted; an offer already published from it is hidden. */
  withdrawSubmission(id: string, now?: Date): Promise<void>;
  /** Oldest change first, at most 500. */
  listSubmissions(states: SubmissionState[]): Promise<Submission[]>;
  /** Publishes the offer (active, confirmed now) and marks the submission approved. */
  approveSubmission(id: string, offer: Offer, actor: string, now?: Date): Promise<void>;
  requestChanges(id: string, actor: string, reason: string, now?: Date): Promise<void>;
  rejectSubmission(id: string, actor: string, reason: string, now?: Date): Promise<void>;
  /** The club (or staff for it) confirmed the offer is current: the 12-month review clock starts again. */
  confirmOffer(offerId: string, actor: string, now?: Date): Promise<void>;
  /** Published offers not confirmed (or, never confirmed, not changed) for 12 months, oldest first. */
  offersDueForReview(now?: Date): Promise<ReviewItem[]>;
  /** Newest first; `town`: only that town's entries (their own town, else their submission's, else their offer's). */
  auditTrail(limit?: number, town?: string | null): Promise<AuditEntry[]>;
}

export function sqliteSubmissionStorage(db: CityDb): SubmissionStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  return {
    createSubmission: (offer, contact, now) => run(() => createSubmission(db, offer, contact, now)),
    getSubmission: (id) => run(() => getSubmission(db, id)),
    submissionByToken: (token) => run(() => submissionByToken(db, token)),
    updateSubmission: (id, offer, contact, now) => run(() => updateSubmission(db, id, offer, contact, now)),
    withdrawSubmission: (id, now) => run(() => withdrawSubmission(db, id, now)),
    listSubmissions: (states) => run(() => listSubmissions(db, states)),
    approveSubmission: (id, offer, actor, now) => run(() => approveSubmission(db, id, offer, actor, now)),
    requestChanges: (id, actor, reason, now) => run(() => requestChanges(db, id, actor, reason, now)),
    rejectSubmission: (id, actor, reason, now) => run(() => rejectSubmission(db, id, actor, reason, now)),
    confirmOffer: (offerId, actor, now) => run(() => confirmOffer(db, offerId, actor, now)),
    offersDueForReview: (now) => run(() => offersDueForReview(db, now)),
    auditTrail: (limit, town) => run(() => auditTrail(db, limit, town ?? null)),
  };
}

/**
 * PostgreSQL migration 5 (pg-migrations.ts): the tables of SQLite migration 2, with timestamptz instead of ISO text.
 * A second copy of submission-schema.ts's tables on purpose (duplicates lists the pair): the two dialects differ
 * (timestamptz, bigserial, spacing of CHECK lists), and a released migration's text is never changed, so neither
 * is generated from the other.
 */
export const PG_SUBMISSIONS_MIGRATION = `
  CREATE TABLE submissions (
    id text PRIMARY KEY,
    edit_token_sha256 text NOT NULL UNIQUE,
    offer_id text NOT NULL,
    state text NOT NULL CHECK (state IN ('pending', 'changes_requested', 'approved', 'rejected', 'withdrawn')),
    data_json text,
    contact_json text,
    staff_message text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX submissions_state ON submissions (state, updated_at);
  CREATE TABLE moderation_log (
    id bigserial PRIMARY KEY,
    submission_id text,
    offer_id text,
    action text NOT NULL,
    actor text NOT NULL,
    reason text,
    at timestamptz NOT NULL
  );
  CREATE TABLE offer_confirmations (
    offer_id text PRIMARY KEY,
    confirmed_at timestamptz NOT NULL,
    confirmed_by text NOT NULL
  );
`;

/** What the PostgreSQL submission storage needs from pg-storage.ts: its transactions and offer writes inside them. */
export interface PgOfferWriter {
  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
  /** Stores offers in the caller's transaction, each with the next change number. */
  writeOffersIn(c: pg.PoolClient, rows: { id: string; json: string; state: OfferState }[]): Promise<void>;
  /** Changes an offer's visibility in the caller's transaction (next change number); false when unknown. */
  setOfferStateIn(c: pg.PoolClient, id: string, state: OfferState): Promise<boolean>;
}

type Row = SubmissionRowOf<Date>;
const fromRow = (r: Row): Submission => submissionFromRow(r, (d) => d.toISOString());

type Q = Pick<pg.PoolClient, 'query'>;
const log = (c: Q, e: { submissionId: string | null; offerId: string | null; action: string; actor: string; reason?: string; at: Date }) =>
  c.query('INSERT INTO moderation_log (submission_id, offer_id, action, actor, reason, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    e.submissionId,
    e.offerId,
    e.action,
    pgText(e.actor),
    pgText(e.reason ?? null),
    e.at,
  ]);
const confirm = (c: Q, offerId: string, actor: string, at: Date) =>
  c.query(
    `INSERT INTO offer_confirmations (offer_id, confirmed_at, confirmed_by) VALUES ($1, $2, $3)
     ON CONFLICT (offer_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
    [offerId, at, pgText(actor)],
  );

export function pgSubmissionStorage(pool: pg.Pool, w: PgOfferWriter): SubmissionStorage {
  const one = async (c: Q, sql: string, args: unknown[]): Promise<Submission | null> => {
    const { rows } = await c.query<Row>(sql, args);
    return rows[0] ? fromRow(rows[0]) : null;
  };
  const decide = (id: string, state: SubmissionState, actor: string, reason: string, now = new Date()) =>
    w.tx(async (c) => {
      const s = await one(c, 'SELECT * FROM submissions WHERE id = $1 FOR UPDATE', [id]);
      if (!s) return;
      await c.query('UPDATE submissions SET state = $1, staff_message = $2, updated_at = $3 WHERE id = $4', [state, pgText(reason), now, id]);
      await log(c, { submissionId: id, offerId: s.offerId, action: state, actor, reason, at: now });
    });

  const storage: SubmissionStorage = {
    async createSubmission(offer, contact, now = new Date()) {
      const editToken = randomBytes(24).toString('base64url');
      const id = randomUUID();
      await w.tx(async (c) => {
        await c.query(
          `INSERT INTO submissions (id, edit_token_sha256, offer_id, state, data_json, contact_json, created_at, updated_at)
           VALUES ($1, $2, $3, 'pending', $4, $5, $6, $6)`,
          [id, editTokenSha256(editToken), offer.id, JSON.stringify(offer), JSON.stringify(contact), now],
        );
        await log(c, { submissionId: id, offerId: offer.id, action: 'submitted', actor: 'submitter', at: now });
      });
      return { submission: (await storage.getSubmission(id))!, editToken };
    },
    getSubmission: (id) => one(pool, 'SELECT * FROM submissions WHERE id = $1', [id]),
    async submissionByToken(token) {
      if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
      return one(pool, 'SELECT * FROM submissions WHERE edit_token_sha256 = $1', [editTokenSha256(token)]);
    },
    async updateSubmission(id, offer, contact, now = new Date()) {
      await w.tx(async (c) => {
        await c.query(`UPDATE submissions SET data_json = $1, contact_json = $2, state = 'pending', updated_at = $3 WHERE id = $4`, [
          JSON.stringify(offer),
          JSON.stringify(contact),
          now,
          id,
        ]);
        await log(c, { submissionId: id, offerId: offer.id, action: 'edited', actor: 'submitter', at: now });
      });
    },
    async withdrawSubmission(id, now = new Date()) {
      await w.tx(async (c) => {
        const s = await one(c, 'SELECT * FROM submissions WHERE id = $1 FOR UPDATE', [id]);
        if (!s) return;
        await c.query(`UPDATE submissions SET state = 'withdrawn', data_json = NULL, contact_json = NULL, staff_message = NULL, updated_at = $1 WHERE id = $2`, [now, id]);
        const { rows } = await c.query<{ state: OfferState }>('SELECT state FROM offers WHERE id = $1', [s.offerId]);
        if (rows[0]?.state === 'published') await w.setOfferStateIn(c, s.offerId, 'hidden');
        await log(c, { submissionId: id, offerId: s.offerId, action: 'withdrawn', actor: 'submitter', at: now });
      });
    },
    async listSubmissions(states) {
      const { rows } = await pool.query<Row>('SELECT * FROM submissions WHERE state = ANY($1::text[]) ORDER BY updated_at ASC, id COLLATE "C" LIMIT 500', [states]);
      return rows.map(fromRow);
    },
    async approveSubmission(id, offer, actor, now = new Date()) {
      const published: Offer = { ...offer, status: 'active', updated_at: now.toISOString() };
      const checked = offerSchema.parse(published);
      await w.tx(async (c) => {
        await w.writeOffersIn(c, [{ id: checked.id, json: JSON.stringify(checked), state: 'published' }]);
        await c.query(`UPDATE submissions SET state = 'approved', data_json = $1, staff_message = NULL, updated_at = $2 WHERE id = $3`, [JSON.stringify(published), now, id]);
        await confirm(c, offer.id, actor, now);
        await log(c, { submissionId: id, offerId: offer.id, action: 'approved', actor, at: now });
      });
    },
    requestChanges: (id, actor, reason, now) => decide(id, 'changes_requested', actor, reason, now),
    rejectSubmission: (id, actor, reason, now) => decide(id, 'rejected', actor, reason, now),
    async confirmOffer(offerId, actor, now = new Date()) {
      await w.tx(async (c) => {
        await confirm(c, offerId, actor, now);
        await log(c, { submissionId: null, offerId, action: 'confirmed', actor, at: now });
      });
    },
    async offersDueForReview(now = new Date()) {
      const cutoff = new Date(now);
      cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
      const { rows } = await pool.query<{ id: string; data_json: string; last: Date }>(
        `SELECT o.id, o.data_json, COALESCE(c.confirmed_at, o.changed_at) AS last
         FROM offers o LEFT JOIN offer_confirmations c ON c.offer_id = o.id
         WHERE o.state = 'published' AND COALESCE(c.confirmed_at, o.changed_at) < $1
         ORDER BY last ASC, o.id COLLATE "C" LIMIT 500`,
        [cutoff],
      );
      return rows.map((r) => ({ offerId: r.id, title: String((JSON.parse(r.data_json) as { title?: unknown }).title ?? r.id), lastConfirmed: r.last.toISOString() }));
    },
    async auditTrail(limit = 500, town = null) {
      const { rows } = await pool.query<{ submission_id: string | null; offer_id: string | null; action: string; actor: string; reason: string | null; at: Date }>(
        `SELECT l.submission_id, l.offer_id, l.action, l.actor, l.reason, l.at FROM moderation_log l
         LEFT JOIN submissions s ON s.id = l.submission_id LEFT JOIN offers o ON o.id = l.offer_id
         WHERE $2::text IS NULL OR COALESCE(l.town, s.town, o.town) = $2 ORDER BY l.id DESC LIMIT $1`,
        [limit, town],
      );
      return rows.map((r) => ({ submissionId: r.submission_id, offerId: r.offer_id, action: r.action, actor: r.actor, reason: r.reason, at: r.at.toISOString() }));
    },
  };
  return storage;
}
