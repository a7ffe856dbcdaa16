import { describe, expect, it } from 'vitest';
import type { KioskHandlers } from '../../../shared/contract';
import { KioskApiError } from '../../../shared/contract/define';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { createConfigStore } from '../config/config-store';
import { silentLog } from '../log';
import { createVisitFeature } from './visit-feature';

const CTX = { transport: 'http' as const };
const setup = (limits = { wishes: 2, slips: 3 }) => {
  const clock = new FakeClock('2026-12-02T10:00:00Z');
  const config = createConfigStore(kioskConfigSchema.parse({ idle: { warnAfterS: 90, countdownS: 30 } }));
  const visit = createVisitFeature({ clock, config, log: silentLog }, limits);
  let printerWorks = true;
  const calls = { printSlip: 0, submitWish: 0 };
  type Limited = Pick<KioskHandlers, 'printSlip' | 'submitWish'>;
  const inner: Limited = {
    printSlip: async () => {
      calls.printSlip++;
      if (!printerWorks) throw new KioskApiError('printer_error', 'paper_out');
      return { jobId: 'j', status: 'printed' as const, paperLow: false };
    },
    submitWish: async () => {
      calls.submitWish++;
      return { key: '00000000-0000-4000-8000-000000000000' };
    },
  };
  const h = visit.limitVisit(inner);
  const print = () => h.printSlip({ kind: 'invitation', ids: [], lang: 'de' }, CTX);
  const wish = () => h.submitWish({ text: 'Ein Chor', interests: [], language: 'de', contact_consent: false } as never, CTX);
  return { clock, visit, h, print, wish, calls, breakPrinter: (b: boolean) => (printerWorks = !b) };
};
const limitError = (kind: string) => expect.objectContaining({ code: 'limit_reached', message: kind });

describe('per-visitor-session limits on wishes and slips', () => {
  it('refuses the wish and the slip over the limit without calling the feature, counts each kind apart', async () => {
    const s = setup();
    await s.wish();
    await s.wish();
    await expect(s.wish()).rejects.toEqual(limitError('wishes'));
    expect(s.calls.submitWish).toBe(2);
    for (let i = 0; i < 3; i++) await s.print();
    await expect(s.print()).rejects.toEqual(limitError('slips'));
    expect(s.calls.printSlip).toBe(3);
    expect(s.visit.used()).toEqual({ wishes: 2, slips: 3 });
  });

  it('endVisit (the idle reset) starts afresh', async () => {
    const s = setup();
    await s.wish();
    await s.wish();
    await expect(s.wish()).rejects.toEqual(limitError('wishes'));
    await s.visit.handlers.endVisit({}, CTX);
    await s.wish();
    expect(s.calls.submitWish).toBe(3);
  });

  it('a failed print does not count', async () => {
    const s = setup();
    s.breakPrinter(true);
    for (let i = 0; i < 5; i++) await expect(s.print()).rejects.toMatchObject({ code: 'printer_error' });
    s.breakPrinter(false);
    for (let i = 0; i < 3; i++) await s.print();
    await expect(s.print()).rejects.toEqual(limitError('slips'));
  });

  it('without endVisit the visit ends after the idle reset time (warnAfterS + countdownS) with nothing sent', async () => {
    const s = setup();
    await s.wish();
    s.clock.advance(60_000);
    await s.wish();
    s.clock.advance(119_000);
    await expect(s.wish()).rejects.toEqual(limitError('wishes'));
    s.clock.advance(120_000);
    await s.wish();
    expect(s.calls.submitWish).toBe(3);
  });

  it('uses the contract limits by default (3 wishes, 5 slips)', async () => {
    const clock = new FakeClock();
    const visit = createVisitFeature({ clock, config: createConfigStore(kioskConfigSchema.parse({})), log: silentLog });
    const h = visit.limitVisit<Pick<KioskHandlers, 'printSlip' | 'submitWish'>>({ printSlip: async () => ({ jobId: 'j', status: 'printed' as const, paperLow: false }), submitWish: async () => ({ key: 'k' }) });
    for (let i = 0; i < 5; i++) await h.printSlip({ kind: 'invitation', ids: [], lang: 'de' }, CTX);
    await expect(h.printSlip({ kind: 'invitation', ids: [], lang: 'de' }, CTX)).rejects.toEqual(limitError('slips'));
    for (let i = 0; i < 3; i++) await h.submitWish({} as never, CTX);
    await expect(h.submitWish({} as never, CTX)).rejects.toEqual(limitError('wishes'));
  });
});
