import { z } from 'zod';
import { method } from './define';
import { languageSchema } from '../schemas/kiosk-config';
import { idSchema } from '../schemas/text';

/**
 * What the renderer tells the main side when a visitor's session ends (idle reset or "Start" again): only flags and
 * the offers opened, for the anonymous daily counters (issue 18). No texts, no times, no session id.
 */
export const sessionSummarySchema = z.object({
  languages: z.array(languageSchema).max(10).default([]),
  largeText: z.boolean().default(false),
  highContrast: z.boolean().default(false),
  speech: z.boolean().default(false),
  viewedOfferIds: z.array(idSchema).max(200).default([]),
});
export type SessionSummaryInput = z.input<typeof sessionSummarySchema>;

/**
 * A search that the visitor finished (Fertig, or left the screen) with no hit: the renderer reports the text once,
 * not every keystroke. The kiosk keeps only its normalised word when it is a single word of 2..40 letters.
 */
export const searchMissSchema = z.object({ text: z.string().max(200) });

/** Calls of this feature; see shared/contract/index.ts. Owned by the usage feature (electron/services/usage). */
export const usageContract = {
  recordSession: method(sessionSummarySchema, z.object({ ok: z.literal(true) })),
  reportSearchMiss: method(searchMissSchema, z.object({ ok: z.literal(true) })),
};
