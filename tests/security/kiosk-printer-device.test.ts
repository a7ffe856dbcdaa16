// printer.device from kiosk.json or from the city API's remote config (issue 13): only printer device paths; anything
// else (the kiosk's own files, system files, disks, shares, traversal, control characters) is refused with a friendly
// message, and a refused remote value never replaces the local printer. Also: a 409 (Idempotency-Key reused with
// another body) from POST /v1/wishes keeps the wish for staff like a 422 instead of retrying it for ever.
import { describe, expect, it } from 'vitest';
import { classifyReply } from '../../electron/services/outbox/wish-transport';
import { parseRemoteConfig } from '../../electron/services/fleet/remote-config';
import { kioskConfigSchema, PRINTER_DEVICE_HINT } from '../../shared/schemas/kiosk-config';
import { remoteKioskConfigSchema } from '../../shared/schemas/city-api';

const BAD = [
  '/etc/passwd',
  '/etc/shadow',
  'kiosk.json',
  './kiosk.sqlite',
  '/home/kiosk/.config/gemeinsam-kiosk/kiosk.sqlite',
  '/dev/sda',
  '/dev/mem',
  '/dev/tty0',
  '/dev/null',
  '/dev/usb/lp0/../../../etc/passwd',
  '/dev/usb/../../etc/passwd',
  '/dev/lp0 ',
  '/dev/lp0\n',
  '/dev/lp0\u0000',
  '/dev/usb/lp',
  '/dev/usb/lp0x',
  '/dev/usb/lp1234',
  '/tmp/fifo',
  '\\\\server\\share\\printer',
  '\\\\?\\C:\\Windows\\win.ini',
  'C:\\Windows\\System32\\config\\SAM',
  'CON',
  'NUL',
  'COM',
  'USB1',
  'LPT10',
  'file:///dev/usb/lp0',
  '',
];
const GOOD = ['/dev/usb/lp0', '/dev/usb/lp12', '/dev/lp0', 'COM1', 'com3', 'LPT1', 'USB001', '\\\\.\\USB001', '\\\\.\\COM1', '\\\\.\\LPT2'];

describe('printer.device accepts only printer device paths', () => {
  for (const device of BAD) {
    it(`kiosk.json refuses ${JSON.stringify(device)} with a friendly message`, () => {
      const r = kioskConfigSchema.safeParse({ printer: { transport: 'device', device } });
      expect(r.success).toBe(false);
      if (!r.success && device !== '') expect(r.error.issues.map((i) => i.message)).toContain(PRINTER_DEVICE_HINT);
    });
    it(`the city API cannot set ${JSON.stringify(device)}`, () => {
      const r = parseRemoteConfig({ printer: { transport: 'device', device, chars_per_line: 48 } });
      expect(r.patch.printer).toBeUndefined();
      expect(r.rejected).toContain('printer');
      expect(remoteKioskConfigSchema.shape.printer.safeParse({ transport: 'device', device, chars_per_line: 48 }).success).toBe(false);
    });
  }
  it('real printer devices are accepted, locally and remotely', () => {
    for (const device of GOOD) {
      expect(kioskConfigSchema.safeParse({ printer: { transport: 'device', device } }).success).toBe(true);
      expect(parseRemoteConfig({ printer: { transport: 'device', device, chars_per_line: 42 } }).patch.printer).toMatchObject({ device });
    }
  });
});

describe('outbox: 409 from POST /v1/wishes', () => {
  it('is kept for staff like a 422 (rejected), not retried', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(classifyReply(409, JSON.stringify({ error: 'Idempotency-Key reused with another body' }), null, now)).toMatchObject({
      kind: 'rejected',
      status: 409,
      error: 'HTTP 409: Idempotency-Key reused with another body',
    });
    expect(classifyReply(422, '{"error":"x"}', null, now).kind).toBe('rejected');
  });
});
