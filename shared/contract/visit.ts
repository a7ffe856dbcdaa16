import { z } from 'zod';
import { method } from './define';

/**
 * Per-visitor-session limits (issue 13): one visit at the screen may send at most `wishes` wishes and print at most
 * `slips` slips, so nobody can empty the paper roll or flood the town with wishes. A visit ends with the idle reset
 * (or "Start" again), which calls `endVisit`; the main side also ends it by itself when nothing was sent or printed
 * for as long as the idle reset takes (`idle.warnAfterS + idle.countdownS`), so a renderer that never calls
 * `endVisit` does not lock the next visitor out. Over the limit, `submitWish` / `printSlip` fail with
 * `KioskApiError('limit_reached', 'wishes' | 'slips')`; the UI shows its own friendly text.
 */
import { VISIT_LIMITS } from '../constants';
export { VISIT_LIMITS };
export const VISIT_LIMIT_KINDS = ['wishes', 'slips'] as const;
export type VisitLimitKind = (typeof VISIT_LIMIT_KINDS)[number];

/** Calls of this feature; see shared/contract/index.ts. Owned by electron/services/visit. */
export const visitContract = {
  /** The visitor's session ended (idle reset, "Start" again): the limits start afresh. */
  endVisit: method(z.object({}).default({}), z.object({ ok: z.literal(true) })),
};
