import { z } from 'zod';
import { method } from './define';
import { wishInputSchema } from '../schemas/wish';

/** Why the outbox is not sending right now (for staff), or null when it is free to send. */
export const OUTBOX_WAITING_REASONS = ['no_city_api', 'no_wishes_url', 'not_registered'] as const;
export const outboxWaitingReasonSchema = z.enum(OUTBOX_WAITING_REASONS);
export type OutboxWaitingReason = z.infer<typeof outboxWaitingReasonSchema>;

/** A wish the city API refused (422). Kept locally, shown to staff, never retried automatically. No wish text, no contact data. */
export const rejectedWishSchema = z.object({
  key: z.string(),
  created_at: z.string(),
  error: z.string().nullable(),
});

/**
 * State of the wish outbox for the staff screen. Only counts, times and technical errors:
 * no wish text and no contact data ever leave the outbox through this call.
 */
export const outboxStatusSchema = z.object({
  pending: z.number().int().min(0),
  delivered: z.number().int().min(0),
  rejected: z.number().int().min(0),
  /** The most recent technical error of a delivery attempt (e.g. "HTTP 503", "network: ECONNREFUSED"), null after a success. */
  lastError: z.string().nullable(),
  /** RFC 3339 time of the most recent delivery attempt, null if none yet. */
  lastAttemptAt: z.string().nullable(),
  /** RFC 3339 time of the most recent successful delivery, null if none yet. */
  lastDeliveredAt: z.string().nullable(),
  /** Earliest time a pending wish will be tried again, null when nothing is pending. */
  nextAttemptAt: z.string().nullable(),
  /** Why wishes are waiting (no city API configured, token refused, …), null when the sender may send. */
  waitingReason: outboxWaitingReasonSchema.nullable(),
  /** Newest first, at most 50. */
  rejectedItems: z.array(rejectedWishSchema).max(50),
});
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

/** Calls of this feature; see shared/contract/index.ts. Owned by the wishes feature. */
export const wishesContract = {
  /** Saves the wish durably in the outbox (committed before this returns) and wakes the sender. */
  submitWish: method(wishInputSchema, z.object({ key: z.uuid() })),
  /** Staff view of the outbox. */
  getOutboxStatus: method(z.object({}).default({}), outboxStatusSchema),
};
