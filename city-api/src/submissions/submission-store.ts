import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Offer } from '../../../shared/schemas/offer';
import type { CityDb } from '../city-db';
import { getStoredOffer, putOffer, setOfferState } from '../offer-store';


export type SubmissionState = 'pending' | 'changes_requested' | 'approved' | 'rejected' | 'withdrawn';

export interface SubmitterContact {
  name: string;
  email?: string;
  phone?: string;
}

export interface Submission {
  id: string;
  offerId: string;
  state: SubmissionState;
  offer: Offer | null;
  contact: SubmitterContact | null;
  staffMessage: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A `submissions` row as a driver returns it: ISO text times on SQLite, Date objects on PostgreSQL (storage/submission-storage.ts). */
export interface SubmissionRowOf<Time> {
  id: string;
  offer_id: string;
  state: SubmissionState;
  data_json: string | null;
  contact_json: string | null;
  staff_message: string | null;
  created_at: Time;
  updated_at: Time;
}

/** The edit token is kept only as this hash. */
export const editTokenSha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A row of either backend as a Submission, given how that backend's times read. */
export function submissionFromRow<Time>(r: SubmissionRowOf<Time>, time: (t: Time) => string): Submission {
  return {
    id: r.id,
    offerId: r.offer_id,
    state: r.state,
    offer: r.data_json ? (JSON.parse(r.data_json) as Offer) : null,
    contact: r.contact_json ? (JSON.parse(r.contact_json) as SubmitterContact) : null,
    staffMessage: r.staff_message,
    createdAt: time(r.created_at),
    updatedAt: time(r.updated_at),
  };
}

type Row = SubmissionRowOf<string>;
const fromRow = (r: Row): Submission => submissionFromRow(r, (t) => t);

/** A new offer id for a club submission (opaque, never reused). */
export const newOfferId = () => `club-${randomUUID()}`;

/** Stores a new submission; returns it and the private edit token (only its hash is kept). */
export function createSubmission(db: CityDb, offer: Offer, contact: SubmitterContact, now = new Date()): { submission: Submission; editToken: string } {
  const editToken = randomBytes(24).toString('base64url');
  const id = randomUUID();
  const at = now.toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO submissions (id, edit_token_sha256, offer_id, state, data_json, contact_json, created_at, updated_at)
       VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)`,
    ).run(id, editTokenSha256(editToken), offer.id, JSON.stringify(offer), JSON.stringify(contact), at, at);
    log(db, { submissionId: id, offerId: offer.id, action: 'submitted', actor: 'submitter', at });
  })();
  return { submission: getSubmission(db, id)!, editToken };
}

export function getSubmission(db: CityDb, id: string): Submission | null {
  const r = db.prepare(`SELECT * FROM submissions WHERE id = ?`).get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function submissionByToken(db: CityDb, token: string): Submission | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const r = db.prepare(`SELECT * FROM submissions WHERE edit_token_sha256 = ?`).get(editTokenSha256(token)) as Row | undefined;
  return r ? fromRow(r) : null;
}

/** The submitter changed their submission: it goes back to the moderation queue. */
export function updateSubmission(db: CityDb, id: string, offer: Offer, contact: SubmitterContact, now = new Date()): void {
  const at = now.toISOString();
  db.transaction(() => {
    db.prepare(`UPDATE submissions SET data_json = ?, contact_json = ?, state = 'pending', updated_at = ? WHERE id = ?`).run(
      JSON.stringify(offer),
      JSON.stringify(contact),
      at,
      id,
    );
    log(db, { submissionId: id, offerId: offer.id, action: 'edited', actor: 'submitter', at });
  })();
}

/**
 * The submitter withdraws: proposed data and contact details are deleted; an offer that was already
 * published from it is hidden from every kiosk (a tombstone in the next sync).
 */
export function withdrawSubmission(db: CityDb, id: string, now = new Date()): void {
  const at = now.toISOString();
  db.transaction(() => {
    const s = getSubmission(db, id);
    if (!s) return;
    db.prepare(`UPDATE submissions SET state = 'withdrawn', data_json = NULL, contact_json = NULL, staff_message = NULL, updated_at = ? WHERE id = ?`).run(at, id);
    const published = getStoredOffer(db, s.offerId);
    if (published && published.state === 'published') setOfferState(db, s.offerId, 'hidden');
    log(db, { submissionId: id, offerId: s.offerId, action: 'withdrawn', actor: 'submitter', at });
  })();
}

export function listSubmissions(db: CityDb, states: SubmissionState[]): Submission[] {
  const rows = db
    .prepare(`SELECT * FROM submissions WHERE state IN (${states.map(() => '?').join(',')}) ORDER BY updated_at ASC LIMIT 500`)
    .all(...states) as Row[];
  return rows.map(fromRow);
}

/** Staff approve: the offer is published (kiosks get it with their next sync) and counts as confirmed now. */
export function approveSubmission(db: CityDb, id: string, offer: Offer, actor: string, now = new Date()): void {
  const at = now.toISOString();
  db.transaction(() => {
    const published: Offer = { ...offer, status: 'active', updated_at: at };
    putOffer(db, published, 'published');
    db.prepare(`UPDATE submissions SET state = 'approved', data_json = ?, staff_message = NULL, updated_at = ? WHERE id = ?`).run(JSON.stringify(published), at, id);
    confirmOffer(db, offer.id, actor, now, false);
    log(db, { submissionId: id, offerId: offer.id, action: 'approved', actor, at });
  })();
}

export function requestChanges(db: CityDb, id: string, actor: string, reason: string, now = new Date()): void {
  decide(db, id, 'changes_requested', 'changes_requested', actor, reason, now);
}

export function rejectSubmission(db: CityDb, id: string, actor: string, reason: string, now = new Date()): void {
  decide(db, id, 'rejected', 'rejected', actor, reason, now);
}

function decide(db: CityDb, id: string, state: SubmissionState, action: string, actor: string, reason: string, now: Date): void {
  const at = now.toISOString();
  db.transaction(() => {
    const s = getSubmission(db, id);
    if (!s) return;
    db.prepare(`UPDATE submissions SET state = ?, staff_message = ?, updated_at = ? WHERE id = ?`).run(state, reason, at, id);
    log(db, { submissionId: id, offerId: s.offerId, action, actor, reason, at });
  })();
}

/** Marks an offer as confirmed as current by its club (resets the 12-month review clock). */
export function confirmOffer(db: CityDb, offerId: string, actor: string, now = new Date(), writeLog = true): void {
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO offer_confirmations (offer_id, confirmed_at, confirmed_by) VALUES (?, ?, ?)
     ON CONFLICT(offer_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
  ).run(offerId, at, actor);
  if (writeLog) log(db, { submissionId: null, offerId, action: 'confirmed', actor, at });
}

export interface ReviewItem {
  offerId: string;
  title: string;
  lastConfirmed: string;
}

/** Published offers not confirmed for 12 months (or never confirmed and unchanged for 12 months). */
export function offersDueForReview(db: CityDb, now = new Date()): ReviewItem[] {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - 1);
  const rows = db
    .prepare(
      `SELECT o.id, o.data_json, COALESCE(c.confirmed_at, o.changed_at) AS last
       FROM offers o LEFT JOIN offer_confirmations c ON c.offer_id = o.id
       WHERE o.state = 'published' AND COALESCE(c.confirmed_at, o.changed_at) < ?
       ORDER BY last ASC LIMIT 500`,
    )
    .all(cutoff.toISOString()) as { id: string; data_json: string; last: string }[];
  return rows.map((r) => ({ offerId: r.id, title: String((JSON.parse(r.data_json) as { title?: unknown }).title ?? r.id), lastConfirmed: r.last }));
}

export interface AuditEntry {
  submissionId: string | null;
  offerId: string | null;
  action: string;
  actor: string;
  reason: string | null;
  at: string;
}

function log(db: CityDb, e: { submissionId: string | null; offerId: string | null; action: string; actor: string; reason?: string; at: string }): void {
  db.prepare(`INSERT INTO moderation_log (submission_id, offer_id, action, actor, reason, at) VALUES (?, ?, ?, ?, ?, ?)`).run(
    e.submissionId,
    e.offerId,
    e.action,
    e.actor,
    e.reason ?? null,
    e.at,
  );
}

/**
 * Newest first. `town` (a town's staff account, issue 19): only entries of that town — the entry's own town
 * (changes to staff accounts), else its submission's, else its offer's.
 */
export function auditTrail(db: CityDb, limit = 500, town: string | null = null): AuditEntry[] {
  return (
    db
      .prepare(
        `SELECT l.submission_id, l.offer_id, l.action, l.actor, l.reason, l.at FROM moderation_log l
         LEFT JOIN submissions s ON s.id = l.submission_id LEFT JOIN offers o ON o.id = l.offer_id
         WHERE @town IS NULL OR COALESCE(l.town, s.town, o.town) = @town ORDER BY l.id DESC LIMIT @limit`,
      )
      .all({ town, limit }) as {
      submission_id: string | null;
      offer_id: string | null;
      action: string;
      actor: string;
      reason: string | null;
      at: string;
    }[]
  ).map((r) => ({ submissionId: r.submission_id, offerId: r.offer_id, action: r.action, actor: r.actor, reason: r.reason, at: r.at }));
}
