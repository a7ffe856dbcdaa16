import type { PrinterState } from '../../../shared/contract/printing';

/**
 * ESC/POS real-time status (DLE EOT n), as Epson TM printers answer it.
 * Each reply is one byte with bit 1 and bit 4 set and bits 0 and 7 clear, so replies can be told apart
 * from other bytes a printer may send back (e.g. the answer to GS r).
 */
export const DLE_EOT_PRINTER = Uint8Array.of(0x10, 0x04, 1);
export const DLE_EOT_OFFLINE_CAUSE = Uint8Array.of(0x10, 0x04, 2);
export const DLE_EOT_PAPER_SENSOR = Uint8Array.of(0x10, 0x04, 4);

export function isRealtimeStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface RawStatus {
  /** n=1: printer status (bit 3: offline) */
  printer: number;
  /** n=2: offline cause (bit 2: cover open, bit 5: stopped by paper end, bit 6: error) */
  offlineCause: number;
  /** n=4: roll paper sensor (bits 2+3: near end, bits 5+6: paper end) */
  paper: number;
}

export type StatusVerdict = Exclude<PrinterState, 'none'> | 'error';

/** What the three status bytes mean, worst first: cover open, paper out, error / offline, paper low, ok. */
export function interpretStatus(s: RawStatus): StatusVerdict {
  if (s.offlineCause & 0x04) return 'cover_open';
  if (s.paper & 0x60 || s.offlineCause & 0x20) return 'paper_out';
  if (s.offlineCause & 0x40) return 'error';
  if (s.printer & 0x08) return 'offline';
  if (s.paper & 0x0c) return 'paper_low';
  return 'ok';
}
