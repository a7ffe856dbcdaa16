import type { z } from 'zod';

/** One call of the kiosk API: the zod schema of its input (parsed on the main side before anything else) and of its output. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

/** Error codes the UI can act on. Messages are for staff and logs, the UI shows its own translated text per code. */
export const API_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'unavailable',
  'locked',
  'forbidden',
  'printer_error',
  /** a per-visitor-session limit (shared/contract/visit.ts); the message is the kind: 'wishes' | 'slips' */
  'limit_reached',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Envelope used on both transports (Electron IPC and the browser host's HTTP). */
export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

/** Thrown by services and handlers; turned into an error envelope at the border and back into this class in the renderer. */
export class KioskApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KioskApiError';
  }
}
