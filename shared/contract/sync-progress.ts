import { z } from 'zod';

/**
 * Progress of the running sync (issue 14), reported by the sync engine after each step and read by the staff screen
 * through getSyncStatus / getStaffStatus (both poll; the contract has no push). Its own file so that both sync.ts and
 * fleet.ts can use it without importing each other.
 */
import { SYNC_PHASES } from '../constants';
export { SYNC_PHASES };
export const syncPhaseSchema = z.enum(SYNC_PHASES);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

export const syncProgressSchema = z.object({
  phase: syncPhaseSchema,
  /**
   * First sync from this city API (or after it reset its feed): pages are collected aside and replace the data shown
   * (sample data or the previous source) only when the feed is complete. Until then visitors see the old data.
   */
  firstSync: z.boolean(),
  /** Offers pages received so far; a first sync resumed after an interruption counts the pages of earlier runs too. */
  pages: z.number().int().min(0),
  /** Offer records received so far (changed or new; a first sync: collected so far). */
  offers: z.number().int().min(0),
  /** Deletions received so far. */
  deleted: z.number().int().min(0),
  /** Images fetched in this run. */
  images: z.number().int().min(0),
  /** When this run started and when the progress last moved (kiosk clock, ISO). */
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
