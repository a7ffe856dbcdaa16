/**
 * The storage behind the kiosk-facing core of the city API (issue 19): offers with the change feed, taxonomy,
 * events, kiosks with their commands and heartbeats, wishes with idempotency, daily stats, images.
 * Two implementations: SQLite (`sqlite-storage.ts`, the default, wraps the synchronous stores) and PostgreSQL
 * (`pg-storage.ts`). The /v1 routes (kiosk-api.ts), /images and /ready + /metrics use only this interface.
 *
 * Also behind it: the public pages and feeds (web-reads.ts), the staff login with the offer, wish and kiosk pages
 * (staff-storage.ts), the club form with moderation, audit trail and 12-month review (submission-storage.ts),
 * the calendar sources with their imported occurrences (calendar-storage.ts) and the Bedarf page (bedarf-storage.ts):
 * every part of the city API runs on both backends.
 */
import type { HeartbeatBody, KioskCommand, KioskCommandType, RemoteKioskConfig } from '../../../shared/schemas/city-api';
import type { Offer } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import type { WishBody } from '../../../shared/schemas/wish';
import type { CityEventInput } from '../event-store';
import type { FeedCursor, FeedPage, OfferState } from '../offer-store';
import type { BedarfStorage } from './bedarf-storage';
import type { CalendarSourceStorage } from './calendar-storage';
import type { StaffStorage } from './staff-storage';
import type { SubmissionStorage } from './submission-storage';
import type { StaffAccountStorage } from './staff-accounts';
import type { TownStorage } from './town-storage';
import type { PublicWebReads } from './web-reads';
import type { StoreWishResult, WebWishBody } from '../wish-store';

/** What a token check yields: the kiosk and its town, so a request does not read the kiosk a second time. */
export interface TokenKiosk {
  id: string;
  town: string | null;
}

export interface OpsCounts {
  /** newest change sequence number a reader can see */
  feedHead: number;
  /** club submissions waiting for staff (NaN when the count fails) */
  moderationQueue: number;
  /** registered kiosks without a heartbeat since `silentSince` */
  silentKiosks: number;
}

export interface KioskStorage
  extends PublicWebReads, StaffStorage, TownStorage, SubmissionStorage, StaffAccountStorage, CalendarSourceStorage, BedarfStorage {
  readonly kind: 'sqlite' | 'postgres';
  /** Throws when the database does not answer (GET /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;

  setTaxonomy(t: Taxonomy): Promise<string>;
  getTaxonomy(): Promise<{ json: string; etag: string } | null>;

  /** Creates or replaces offers after validating them, in one transaction; each gets the next change sequence number. */
  putOffers(offers: Offer[]): Promise<void>;
  /** Stores an offer's JSON without validation (tests and chaos fixtures only). */
  putUncheckedOffer(id: string, json: string, state?: OfferState): Promise<void>;
  /** Hide, delete or re-publish; false when unknown. */
  setOfferState(id: string, state: OfferState): Promise<boolean>;
  getStoredOffer(id: string): Promise<{ offer: unknown; state: OfferState; seq: number } | null>;
  /** Every published offer as stored, by id (what a kiosk should hold after a full sync). */
  publishedOffers(): Promise<Map<string, unknown>>;
  /** Newest change sequence number (a cursor above it comes from another database). */
  feedHead(): Promise<number>;
  /** Changes after the cursor, oldest first; never skips a change that becomes visible later (ADR 0013). */
  offersPage(cursor: FeedCursor, limit: number): Promise<FeedPage>;

  putEvent(e: CityEventInput): Promise<void>;
  /** The town cancels an event series (uid): false when there was none. */
  deleteEvent(uid: string): Promise<boolean>;
  /** GET /v1/events body: the town's events and the occurrences imported from calendar sources of [from, to]. */
  calendarForWindow(from: string, to: string): Promise<string>;

  registerKiosk(id: string, token: string, config?: RemoteKioskConfig): Promise<void>;
  /** The kiosk a bearer token belongs to and its town (null: the whole district), in one read; null when unknown. */
  kioskForToken(token: string): Promise<TokenKiosk | null>;
  setKioskConfig(id: string, config: RemoteKioskConfig): Promise<void>;
  getKioskConfig(id: string): Promise<{ json: string; etag: string } | null>;
  /** Stores the heartbeat, marks acked commands done, returns the commands still to carry out (at least once). */
  recordHeartbeat(kioskId: string, hb: HeartbeatBody, now?: Date): Promise<KioskCommand[]>;
  lastHeartbeat(kioskId: string): Promise<HeartbeatBody | null>;
  queueCommand(kioskId: string, type: KioskCommandType): Promise<string>;
  commandState(id: string): Promise<string | null>;

  /** Once per (kiosk, Idempotency-Key): created, replayed (same body) or conflict (another body). */
  storeWish(key: string, kioskId: string, body: WishBody): Promise<StoreWishResult>;
  /**
   * A wish from the public web form (/wuensche/neu), once per form (key: the nonce of its signed time token):
   * source 'web', kiosk_id '' (the body says kiosk_id: null); the same form again is 'replayed' even with another
   * created_at, with another text 'conflict'. Contact details only with consent, as for kiosk wishes. `town`: the
   * town whose public pages it was sent on (web-town.ts), absent/null on the district's address.
   */
  storeWebWish(formKey: string, body: WebWishBody, town?: string | null): Promise<StoreWishResult>;
  countWishes(): Promise<number>;
  /**
   * Newest first; `source` 'kiosk' or 'web' (a web wish's kiosk_id is ''). `idempotency_key`: the key the sender gave (a
   * kiosk's Idempotency-Key, a web form's nonce), the same on both backends (SQLite keeps it prefixed with the kiosk
   * id), so "stored once per key" can be checked from outside the database.
   */
  listWishes(limit?: number): Promise<{ id: string; kiosk_id: string; source: 'kiosk' | 'web'; received_at: string; idempotency_key: string; body: WishBody }[]>;

  /** Replaces the kiosk's counters of that day. */
  storeStats(kioskId: string, day: string, body: unknown): Promise<void>;
  getStats(kioskId: string, day: string): Promise<unknown>;

  putImage(bytes: Buffer, contentType: 'image/png' | 'image/jpeg' | 'image/webp'): Promise<{ sha256: string; bytes: number }>;
  getImage(sha256: string): Promise<{ contentType: string; bytes: Buffer } | null>;

  opsCounts(silentSince: Date): Promise<OpsCounts>;
}

/**
 * True when an error means "the database is not reachable right now" (connection refused or reset, server
 * shutting down or starting up): the API answers 503 with Retry-After instead of 500.
 */
export function isStorageUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  // PostgreSQL: 08xxx connection exceptions, 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now
  if (/^08...$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const msg = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|The database connection is not open/i.test(msg);
}
