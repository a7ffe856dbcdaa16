import { z } from 'zod';
import { method } from './define';
import { staffTokenSchema } from './fleet';
import { syncProgressSchema } from './sync-progress';

/** Why the last sync attempt failed; the staff screen shows a translated text per code. */
export const SYNC_ERROR_CODES = [
  /** 401: the kiosk token is not (or no longer) registered with the city API. The cache is kept. */
  'unauthorized',
  /** Network unreachable, timeout, connection cut. */
  'network',
  /** 5xx from the city API. */
  'server',
  /** 429 / 503 with Retry-After. */
  'rate_limited',
  /** Response larger than the configured limit. */
  'too_large',
  /** The response (not a single record) did not match the contract. */
  'invalid_response',
  'internal',
] as const;
export const syncErrorCodeSchema = z.enum(SYNC_ERROR_CODES);
export type SyncErrorCode = z.infer<typeof syncErrorCodeSchema>;

export const syncRunSummarySchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  pages: z.number().int(),
  upserted: z.number().int(),
  deleted: z.number().int(),
  /** Records skipped because they failed validation (logged with their id). */
  rejected: z.number().int(),
  taxonomyChanged: z.boolean(),
  events: z.number().int(),
  imagesFetched: z.number().int(),
  imagesRejected: z.number().int(),
  /** Requests sent in this run, retries included, and the retries among them (per-request retry policy). */
  requests: z.number().int().optional(),
  retries: z.number().int().optional(),
});
export type SyncRunSummary = z.infer<typeof syncRunSummarySchema>;

export const syncStatusSchema = z.object({
  /** false = no city API configured: the kiosk shows the built-in sample data. */
  configured: z.boolean(),
  kind: z.enum(['gemeinsam', 'hsds']).nullable(),
  dataSource: z.enum(['sample', 'city']),
  running: z.boolean(),
  /** true after a 401 until the next successful sync: staff screen shows "not registered". */
  unauthorized: z.boolean(),
  lastAttemptAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), code: syncErrorCodeSchema, message: z.string() }).nullable(),
  nextSyncAt: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  counts: z.object({ offers: z.number().int(), activeOffers: z.number().int(), events: z.number().int(), images: z.number().int() }),
  lastRun: syncRunSummarySchema.nullable(),
  /** While a sync runs: phase, pages and offers so far (null otherwise). */
  progress: syncProgressSchema.nullable().optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** Calls of this feature; see shared/contract/index.ts. Owned by the sync feature. */
export const syncContract = {
  /** For the staff screen: last success, last error, counts, whether a sync is running. */
  getSyncStatus: method(z.object({}).default({}), syncStatusSchema),
  /**
   * Staff only (session token from `staffUnlock`). Starts a sync now (or joins the running one). Returns at once; poll
   * getSyncStatus. After a failure it respects the current backoff / Retry-After: `started: false` and `nextTryAt`.
   */
  syncNow: method(
    z.object({ token: staffTokenSchema }),
    z.object({ started: z.boolean(), status: syncStatusSchema, nextTryAt: z.string().nullable().optional() }),
  ),
};
