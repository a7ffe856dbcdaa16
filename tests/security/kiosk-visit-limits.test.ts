// Per-visitor-session limits (issue 13): through the kiosk's real dispatcher (what the renderer and the browser host
// call), one visit sends at most VISIT_LIMITS.wishes wishes and prints at most VISIT_LIMITS.slips slips; the next one
// is refused with limit_reached before it reaches the outbox or the printer; endVisit (the idle reset) starts afresh.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { silentLog } from '../../electron/services/log';
import { VISIT_LIMITS } from '../../shared/contract/visit';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { FakeClock } from '../fakes/fake-clock';
import { FakeEscposPrinter } from '../fakes/fake-escpos-printer';

const CTX = { transport: 'http' as const };
let dir: string;
let printer: FakeEscposPrinter;
let runtime: KioskRuntime;
const clock = new FakeClock('2026-12-02T10:00:00Z');

beforeAll(async () => {
  printer = await FakeEscposPrinter.start();
  dir = mkdtempSync(join(tmpdir(), 'gk-visit-limits-'));
  runtime = composeKiosk({
    dataDir: dir,
    config: kioskConfigSchema.parse({ printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port, charsPerLine: 42 } }),
    version: 'test',
    log: silentLog,
    clock,
    fleet: { timers: false },
  });
});
afterAll(async () => {
  await runtime.stop();
  await printer.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (name: string, input: unknown) => runtime.dispatch(name, input, CTX);
const wish = (i: number) => call('submitWish', { text: `Ein Chor am Abend ${i}`, language: 'de', contact_consent: false });
const slip = () => call('printSlip', { kind: 'invitation', lang: 'de' });
const pending = async () => {
  const s = await call('getOutboxStatus', {});
  return s.ok ? (s.value as { pending: number }).pending : -1;
};

describe('one visit at the screen', () => {
  it(`sends at most ${VISIT_LIMITS.wishes} wishes; the next is refused and never reaches the outbox`, async () => {
    for (let i = 0; i < VISIT_LIMITS.wishes; i++) expect((await wish(i)).ok).toBe(true);
    expect(await pending()).toBe(VISIT_LIMITS.wishes);
    expect(await wish(99)).toEqual({ ok: false, error: { code: 'limit_reached', message: 'wishes' } });
    expect(await wish(100)).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    expect(await pending()).toBe(VISIT_LIMITS.wishes);
  });

  it(`prints at most ${VISIT_LIMITS.slips} slips; the next is refused and never reaches the printer`, async () => {
    const before = printer.jobs.length;
    for (let i = 0; i < VISIT_LIMITS.slips; i++) expect((await slip()).ok).toBe(true);
    expect(printer.jobs.length - before).toBe(VISIT_LIMITS.slips);
    expect(await slip()).toEqual({ ok: false, error: { code: 'limit_reached', message: 'slips' } });
    expect(printer.jobs.length - before).toBe(VISIT_LIMITS.slips);
  });

  it('endVisit (the idle reset) lets the next visitor send and print again', async () => {
    expect(await call('endVisit', {})).toEqual({ ok: true, value: { ok: true } });
    expect((await wish(7)).ok).toBe(true);
    expect((await slip()).ok).toBe(true);
  });

  it('without endVisit, the visit also ends after the idle reset time with nothing sent', async () => {
    for (let i = 1; i < VISIT_LIMITS.wishes; i++) expect((await wish(i)).ok).toBe(true);
    expect(await wish(0)).toMatchObject({ ok: false, error: { code: 'limit_reached' } });
    const idle = kioskConfigSchema.parse({}).idle;
    clock.advance((idle.warnAfterS + idle.countdownS) * 1000);
    expect((await wish(8)).ok).toBe(true);
  });

  it('endVisit input is parsed with its zod schema: extra keys dropped, a non-object refused', async () => {
    expect(await call('endVisit', { wishes: 0 })).toMatchObject({ ok: true });
    expect(await call('endVisit', 'reset')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
