import { describe, expect, it } from 'vitest';
import { KioskApiError } from './define';
import { printerError, printerErrorReason } from './printer-error';

describe('printerErrorReason (zod-free, for the renderer)', () => {
  it('reads the reason before the colon, unknown reasons as failed, other errors as null', () => {
    expect(printerErrorReason(printerError('paper_out', 'roll empty'))).toBe('paper_out');
    expect(printerErrorReason(printerError('offline'))).toBe('offline');
    expect(printerErrorReason(new KioskApiError('printer_error', 'on_fire: smoke'))).toBe('failed');
    expect(printerErrorReason(new KioskApiError('printer_error', '<b>x</b>'))).toBe('failed');
    expect(printerErrorReason(new KioskApiError('unavailable', 'offline'))).toBeNull();
    expect(printerErrorReason(new Error('paper_out'))).toBeNull();
  });
});
