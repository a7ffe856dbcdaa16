import { z } from 'zod';
import { method } from './define';
import { staffTokenSchema } from './fleet';
import { languageSchema } from '../schemas/kiosk-config';
import { idSchema } from '../schemas/text';

/**
 * Printing: offer slips, Merkliste slips and club invitation slips on the receipt printer,
 * the printer's state for the staff screen, and the printed Angebotslandkarte (A4 brochure PDF).
 */

export const SLIP_KINDS = ['offer', 'merkliste', 'invitation'] as const;
export const slipKindSchema = z.enum(SLIP_KINDS);
export type SlipKind = z.infer<typeof slipKindSchema>;

/** The most offers one Merkliste slip holds (the Merkliste itself is small; this bounds the paper). */
import { MAX_SLIP_OFFERS } from '../constants';
export { MAX_SLIP_OFFERS };

export const slipRequestSchema = z
  .object({
    kind: slipKindSchema,
    /** offer: exactly one id; merkliste: 1..MAX_SLIP_OFFERS ids; invitation: none. */
    ids: z.array(idSchema).max(MAX_SLIP_OFFERS).default([]),
    lang: languageSchema.default('de'),
  })
  .refine((r) => r.kind !== 'offer' || r.ids.length === 1, { message: 'an offer slip needs exactly one id', path: ['ids'] })
  .refine((r) => r.kind !== 'merkliste' || r.ids.length >= 1, { message: 'a Merkliste slip needs at least one id', path: ['ids'] });
export type SlipRequest = z.infer<typeof slipRequestSchema>;
export type SlipRequestInput = z.input<typeof slipRequestSchema>;

export const slipPreviewSchema = z.object({
  /** The slip's text, line by line as it is printed (first line: the heading, printed large). No wrapping applied. */
  lines: z.array(z.string()),
  /** What the printed QR code holds (the offer page or the submission page), or null when the slip has none. */
  qr: z.string().nullable(),
  /** The language the slip is printed in; differs from the requested one when the printer cannot print that script. */
  printLang: languageSchema,
});
export type SlipPreview = z.infer<typeof slipPreviewSchema>;

/**
 * Why a print failed. Carried as the message of `KioskApiError('printer_error', '<reason>: <details>')`;
 * the UI maps the reason to plain words (never shows the code).
 */
import { PRINTER_ERROR_REASONS } from '../constants';
export { PRINTER_ERROR_REASONS };
export const printerErrorReasonSchema = z.enum(PRINTER_ERROR_REASONS);
export type PrinterErrorReason = z.infer<typeof printerErrorReasonSchema>;

export { printerError, printerErrorReason } from './printer-error';

export const PRINTER_STATES = ['ok', 'paper_low', 'paper_out', 'cover_open', 'offline', 'none'] as const;
export const printerStateSchema = z.enum(PRINTER_STATES);
export type PrinterState = z.infer<typeof printerStateSchema>;

export const printerStatusSchema = z.object({
  state: printerStateSchema,
  /** ISO date-time of the query. */
  checkedAt: z.string(),
});
export type PrinterStatus = z.infer<typeof printerStatusSchema>;

export const printResultSchema = z.object({
  jobId: z.string(),
  status: z.literal('printed'),
  /** Paper is running low after this job (the staff should change the roll soon). */
  paperLow: z.boolean(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

export const brochureResultSchema = z.object({
  /** Absolute path of the written PDF on this machine. */
  path: z.string(),
  /** Where the browser / staff screen can open it (served by the host), or null. */
  url: z.string().nullable(),
  offers: z.number().int(),
  bytes: z.number().int(),
});
export type BrochureResult = z.infer<typeof brochureResultSchema>;

export const printingContract = {
  previewSlip: method(slipRequestSchema, slipPreviewSchema),
  printSlip: method(slipRequestSchema, printResultSchema),
  getPrinterStatus: method(z.object({}).default({}), printerStatusSchema),
  /** Staff only: needs the staff session token from `staffUnlock` (checked by the fleet feature's guard). */
  testPrint: method(z.object({ token: staffTokenSchema }), printResultSchema),
  /** Staff only: needs the staff session token from `staffUnlock`. */
  makeBrochure: method(z.object({ token: staffTokenSchema }), brochureResultSchema),
};
