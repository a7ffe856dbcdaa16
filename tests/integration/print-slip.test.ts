import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KioskApiError } from '../../shared/contract';
import { printerErrorReason } from '../../shared/contract/printing';
import { FakeClock } from '../fakes/fake-clock';
import { kioskConfigSchema, type KioskConfig } from '../../shared/schemas/kiosk-config';
import type { Offer } from '../../shared/schemas/offer';
import type { KioskHandlers } from '../../shared/contract';
import { createDispatcher, type Dispatch } from '../../electron/services/api-dispatch';
import { createConfigStore, type ConfigStore } from '../../electron/services/config/config-store';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import { defaultPrintingAdapters } from '../../electron/services/printer/printing-adapters';
import { createPrintingFeature } from '../../electron/services/printer/printing-feature';
import { silentLog } from '../../electron/services/log';
import { replaceTaxonomy, upsertOffers } from '../../electron/services/offers/offer-repository';
import { SIEGBURG_TAXONOMY } from '../../shared/sample-data/siegburg-taxonomy';
import { closedPort, FakeEscposPrinter, type FakePrinterMode } from '../fakes/fake-escpos-printer';

const OFFER_URL = 'https://example.org/cafe?a=1&b={2};3';

const kulturcafe: Offer = {
  id: 'kulturcafe',
  updated_at: '2026-11-01T10:00:00Z',
  status: 'active',
  title: 'Kulturcafé',
  summary: 'Jung und Alt treffen sich bei Kaffee – „Größe“ egal.',
  description: 'Ein offenes Café für alle Generationen.',
  organisation: { name: 'Kulturcafé Siegburg e. V.', phone: '02241 123456', email: 'kontakt@example.org' },
  interests: ['treffen', 'kultur'],
  age_groups: ['alle'],
  district: 'innenstadt',
  location: {
    name: 'Haus der Begegnung',
    street: 'Kaiserstraße 12',
    postal_code: '53721',
    city: 'Siegburg',
    lat: 50.7985,
    lon: 7.2069,
    wheelchair: 'yes',
    transit_stop: 'Siegburg Markt',
  },
  schedules: [{ freq: 'weekly', byday: ['TU'], opens_at: '14:00', closes_at: '16:00' }],
  cost: { free: false, note: '5 € für Kaffee und Kuchen' },
  registration_required: false,
  url: OFFER_URL,
  sample: true,
};

const plain: Offer = {
  ...kulturcafe,
  id: 'gartenprojekt',
  title: 'Gemeinschaftsgarten Cecilienstraße',
  url: undefined,
  sample: undefined,
  translations: { en: { title: 'Community garden', summary: 'Gardening together', description: '' } },
};

/** Schedules the slip's own wording read as weekly or dropped before issue 20; the slip now uses shared/logic/schedule-text.ts. */
const recurring: Offer = {
  ...plain,
  id: 'zweiwochen',
  title: 'Spieletreff',
  translations: undefined,
  schedules: [
    { freq: 'weekly', byday: ['TU'], interval: 2, dtstart: '2026-11-24', opens_at: '15:00', closes_at: '17:00', note: 'im Keller' },
    { freq: 'monthly', bymonthday: [1], opens_at: '10:00' },
    { freq: 'monthly', byday: ['FR'], bymonthday: [13], opens_at: '19:00' },
  ],
};

describe('printing offer slips on an ESC/POS printer', () => {
  let dir: string;
  let db: Db;
  let store: ConfigStore;
  let dispatch: Dispatch;
  let isPrinting: () => boolean;
  let printer: FakeEscposPrinter;
  let config: KioskConfig;

  beforeAll(async () => {
    printer = await FakeEscposPrinter.start();
    dir = mkdtempSync(join(tmpdir(), 'print-slip-'));
    config = kioskConfigSchema.parse({
      place: 'Stadtbibliothek Siegburg',
      printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port, charsPerLine: 42 },
      submissionUrl: 'https://example.org/verein-eintragen',
    });
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    store = createConfigStore(config);
    const deps = { db, config: store, dataDir: dir, clock: new FakeClock('2026-11-25T13:05:00Z'), log: silentLog, version: 'test' };
    // The printing feature's handlers behind the same dispatcher the Electron IPC and the browser host use.
    const feature = createPrintingFeature(deps, defaultPrintingAdapters());
    dispatch = createDispatcher(feature.handlers as unknown as KioskHandlers, silentLog);
    isPrinting = feature.isPrinting;
    db.transaction(() => {
      replaceTaxonomy(db, SIEGBURG_TAXONOMY);
      upsertOffers(db, [kulturcafe, plain, recurring]);
    })();
  });

  afterEach(() => {
    printer.mode = 'ok';
    store.set(config);
  });

  afterAll(async () => {
    db.close();
    await printer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (name: string, input: unknown) => {
    const env = await dispatch(name, input, { transport: 'http' });
    if (!env.ok) throw new KioskApiError(env.error.code, env.error.message);
    return env.value as Record<string, unknown>;
  };

  it('prints umlauts, ß and € exactly, the QR code with the offer URL, and cuts', async () => {
    const before = printer.jobs.length;
    const result = await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
    expect(result.status).toBe('printed');
    await printer.waitForJobs(before + 1);
    const job = printer.jobs[before]!;
    const text = job.lines.join(' ');
    expect(text).toContain('Kulturcafé');
    expect(text).toContain('Kaiserstraße 12');
    expect(text).toContain('"Größe" egal');
    expect(text).toContain('5 € für Kaffee und Kuchen');
    expect(text).not.toMatch(/\uFFFD|[?]{2}| [?] /);
    expect(job.codePages.length).toBeGreaterThan(0);
    expect(new Set(job.codePages)).toEqual(new Set([19])); // PC858 selected explicitly, every time
    expect(job.qr).toEqual([OFFER_URL]);
    expect(job.cut).toBe(true);
    expect(job.initialised).toBe(true);
    expect(job.unknown).toEqual([]);
    // what / when / where / cost / contact / marking / place and date
    expect(text).toContain('BEISPIELDATEN');
    expect(text).toContain('jeden Dienstag, 14 bis 16 Uhr');
    expect(text).toContain('Die nächsten Termine - Dienstag, 1. Dezember, 14:00 Uhr - Dienstag, 8. Dezember, 14:00 Uhr');
    expect(text).toContain('Ohne Stufen erreichbar');
    expect(text).toContain('Haltestelle: Siegburg Markt');
    expect(text).toContain('Telefon: 02241 123456');
    expect(text).toContain('Gedruckt am 25.11.2026, 14:05 in Stadtbibliothek Siegburg');
    // status asked before and after the job
    expect(printer.statusRequests.filter((n) => n === 4).length).toBeGreaterThanOrEqual(2);
  });

  it('keeps every line within the configured characters per line', async () => {
    for (const cpl of [42, 48] as const) {
      store.set({ ...config, printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port, charsPerLine: cpl } });
      const before = printer.jobs.length;
      await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
      await printer.waitForJobs(before + 1);
      const lines = printer.jobs[before]!.lines;
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(cpl);
      expect(lines.some((l) => l.length > 40)).toBe(true);
    }
  });

  it('previews the same text the slip prints', async () => {
    const preview = await call('previewSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
    expect(preview.qr).toBe(OFFER_URL);
    expect(preview.printLang).toBe('de');
    const lines = preview.lines as string[];
    expect(lines[0]).toBe('Kulturcafé');
    expect(lines).toContain('BEISPIELDATEN');
    expect(lines).toContain('5 € für Kaffee und Kuchen');
  });

  it('prints Ukrainian and Arabic requests in German and says so; English uses the translation', async () => {
    const uk = await call('previewSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'uk' });
    expect(uk.printLang).toBe('de');
    const en = await call('previewSlip', { kind: 'offer', ids: ['gartenprojekt'], lang: 'en' });
    expect(en.printLang).toBe('en');
    expect((en.lines as string[])[0]).toBe('Community garden');
    expect(en.qr).toBeNull();
    expect(en.lines as string[]).not.toContain('SAMPLE DATA');
  });

  it('folds Turkish letters the code page lacks to readable ones', async () => {
    const before = printer.jobs.length;
    await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'tr' });
    await printer.waitForJobs(before + 1);
    const text = printer.jobs[before]!.lines.join(' ');
    expect(text).toContain('ÖRNEK VERI'); // İ -> I
    expect(text).toContain('Iletisim'); // İletişim
    expect(text).toContain('her sali, saat 14.00-16.00'); // salı, en dash
    expect(text).not.toMatch(/\uFFFD|[?]{2}| [?] /);
  });

  it('prints every 2nd week, days of the month and "Friday the 13th" with the sentence the screen shows (issue 20)', async () => {
    const before = printer.jobs.length;
    await call('printSlip', { kind: 'offer', ids: ['zweiwochen'], lang: 'de' });
    await printer.waitForJobs(before + 1);
    const de = printer.jobs[before]!.lines.join(' ');
    expect(de).toContain('alle 2 Wochen am Dienstag, 15 bis 17 Uhr (im Keller)');
    expect(de).toContain('am 1. jedes Monats, 10 Uhr');
    expect(de).toContain('am 13. jedes Monats, wenn es ein Freitag ist, 19 Uhr');
    // next dates: every 2nd Tuesday from 24 Nov (8 Dec, not 1 Dec), the 1st of December
    expect(de).toContain('Dienstag, 8. Dezember, 15:00 Uhr');
    expect(de).not.toContain('Dienstag, 1. Dezember, 15:00 Uhr');
    expect(de).toContain('Dienstag, 1. Dezember, 10:00 Uhr');
    const en = (await call('previewSlip', { kind: 'offer', ids: ['zweiwochen'], lang: 'en' })).lines as string[];
    expect(en.join(' ')).toContain('every 2 weeks on Tuesday, 3 pm to 5 pm (im Keller)');
    expect(en.join(' ')).toContain('on the 13th of every month, when it is a Friday, 7 pm');
    const tr = (await call('previewSlip', { kind: 'offer', ids: ['zweiwochen'], lang: 'tr' })).lines as string[];
    expect(tr.join(' ')).toContain('2 haftada bir salı, saat 15.00–17.00'); // the preview as on screen; printed folded to CP858
    expect(tr.join(' ')).toContain('her ayın 1. günü, saat 10.00');
  });

  it('prints a Merkliste with several offers on one slip', async () => {
    const before = printer.jobs.length;
    await call('printSlip', { kind: 'merkliste', ids: ['kulturcafe', 'gartenprojekt'], lang: 'de' });
    await printer.waitForJobs(before + 1);
    const job = printer.jobs[before]!;
    const text = job.lines.join(' ');
    expect(text).toContain('Meine Merkliste');
    expect(text).toContain('1. Kulturcafé');
    expect(text).toContain('2. Gemeinschaftsgarten');
    expect(job.cut).toBe(true);
  });

  it('prints the club invitation with a QR code to the submission page', async () => {
    const before = printer.jobs.length;
    await call('printSlip', { kind: 'invitation', lang: 'de' });
    await printer.waitForJobs(before + 1);
    expect(printer.jobs[before]!.qr).toEqual(['https://example.org/verein-eintragen']);
    expect(printer.jobs[before]!.lines.join(' ')).toContain('Ihr Verein möchte ein Angebot eintragen?');
  });

  it('refuses unknown offers and malformed requests', async () => {
    await expect(call('printSlip', { kind: 'offer', ids: ['gibt-es-nicht'], lang: 'de' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('printSlip', { kind: 'offer', ids: [], lang: 'de' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  const failing: [FakePrinterMode, string][] = [
    ['paper_out', 'paper_out'],
    ['cover_open', 'cover_open'],
    ['silent', 'timeout'],
  ];
  it.each(failing)('reports %s as printer_error reason %s and prints nothing', async (mode, reason) => {
    printer.mode = mode;
    const before = printer.jobs.length;
    const err = await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KioskApiError);
    expect(printerErrorReason(err)).toBe(reason);
    expect(printer.jobs.slice(before).filter((j) => j.lines.length > 0)).toEqual([]);
    const status = await call('getPrinterStatus', {});
    expect(status.state).toBe(mode === 'silent' ? 'offline' : mode);
  });

  it('reports paper running low but still prints', async () => {
    printer.mode = 'paper_low';
    const result = await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
    expect(result).toMatchObject({ status: 'printed', paperLow: true });
    expect((await call('getPrinterStatus', {})).state).toBe('paper_low');
  });

  it('reports a refused connection as offline', async () => {
    store.set({ ...config, printer: { transport: 'tcp', host: '127.0.0.1', port: await closedPort(), charsPerLine: 42 } });
    const err = await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' }).catch((e: unknown) => e);
    expect(printerErrorReason(err)).toBe('offline');
    expect((await call('getPrinterStatus', {})).state).toBe('offline');
  });

  it('reports a missing device file as offline and no printer as not_configured / none', async () => {
    store.set({ ...config, printer: { transport: 'device', device: join(dir, 'no-such-lp0'), charsPerLine: 48 } });
    expect(printerErrorReason(await call('testPrint', { token: 'a'.repeat(64) }).catch((e: unknown) => e))).toBe('offline');
    store.set({ ...config, printer: { transport: 'none' } });
    expect(printerErrorReason(await call('printSlip', { kind: 'invitation', lang: 'de' }).catch((e: unknown) => e))).toBe('not_configured');
    expect((await call('getPrinterStatus', {})).state).toBe('none');
  });

  it('a status check of a silent printer does not hold up a print job', async () => {
    printer.mode = 'silent';
    const asked = printer.statusRequests.length;
    const status = call('getPrinterStatus', {});
    const again = call('getPrinterStatus', {}); // shares the check in flight
    // once the check waits for its (never coming) reply, the printer is fine again for the job
    await vi.waitFor(() => expect(printer.statusRequests.length).toBeGreaterThan(asked));
    printer.mode = 'ok';
    const before = printer.jobs.length;
    const printed = await call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
    expect(printed.status).toBe('printed');
    expect(printer.jobs.length).toBe(before + 1);
    // the slow check is still running when the job is done
    let settled = false;
    void status.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    expect((await status).state).toBe('offline');
    expect(await again).toEqual(await status);
  });

  it('prints queued jobs one at a time, in order, and says it is printing meanwhile (updates wait)', async () => {
    const before = printer.jobs.length;
    expect(isPrinting()).toBe(false);
    const a = call('printSlip', { kind: 'offer', ids: ['kulturcafe'], lang: 'de' });
    expect(isPrinting()).toBe(true);
    const b = call('printSlip', { kind: 'offer', ids: ['gartenprojekt'], lang: 'de' });
    const c = call('testPrint', { token: 'a'.repeat(64) });
    const results = await Promise.all([a, b, c]);
    expect(new Set(results.map((r) => r.jobId)).size).toBe(3);
    await printer.waitForJobs(before + 3);
    const heads = printer.jobs.slice(before).map((j) => j.lines[0]);
    expect(heads).toEqual(['Kulturcafé', 'Gemeinschaftsgarten', 'Testdruck']);
    // one connection per job: never two jobs interleaved on the printer
    expect(printer.jobs.slice(before).every((j) => j.cut)).toBe(true);
    expect(isPrinting()).toBe(false);
  });
});
