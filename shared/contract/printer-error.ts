import { PRINTER_ERROR_REASONS } from '../constants';
import { KioskApiError } from './define';

export type PrinterErrorReason = (typeof PRINTER_ERROR_REASONS)[number];

export function printerError(reason: PrinterErrorReason, details = ''): KioskApiError {
  return new KioskApiError('printer_error', details ? `${reason}: ${details}` : reason);
}

/** The reason of a printer_error (or null if the error is something else); an unknown reason reads as 'failed'. */
export function printerErrorReason(err: unknown): PrinterErrorReason | null {
  if (!(err instanceof KioskApiError) || err.code !== 'printer_error') return null;
  const head = err.message.split(':', 1)[0]?.trim() ?? '';
  return (PRINTER_ERROR_REASONS as readonly string[]).includes(head) ? (head as PrinterErrorReason) : 'failed';
}
