import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskApiError, type KioskHandlers } from '../../shared/contract';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { createDispatcher, type Dispatch } from '../../electron/services/api-dispatch';
import { createConfigStore } from '../../electron/services/config/config-store';
import { silentLog } from '../../electron/services/log';
import { getOfferById } from '../../electron/services/offers/offer-repository';
import { defaultPrintingAdapters } from '../../electron/services/printer/printing-adapters';
import { createPrintingFeature } from '../../electron/services/printer/printing-feature';
import { parseSeedSpec, seedStorage } from '../../city-api/src/seed';
import { listenCityApi, type RunningCityApi } from '../../city-api/src/server';
import { FakeClock } from '../fakes/fake-clock';
import { createTestKiosk, KIOSK_ID, KIOSK_TOKEN, type TestKiosk } from '../fakes/fake-city-api-harness';
import { FakeEscposPrinter, type DecodedJob } from '../fakes/fake-escpos-printer';
import { STORAGE_BACKENDS } from '../support/storage-backends';

/**
 * Issue 17: a kiosk synced from the reference city API prints, on offer slips and Merkliste slips, a QR code that
 * holds the offer's public page (web_url) — a small code (version 4 or less, 1 mm modules) with the address printed
 * under it — and that page answers with the offer. The symbol is drawn as the printer would (same data, same error
 * correction) and read back with a QR decoder. On both storage backends of the city API (issue 19).
 */

let api: Omit<RunningCityApi, 'db'>;
let kiosk: TestKiosk;
let printer: FakeEscposPrinter;
let dispatch: Dispatch;

async function print(input: unknown): Promise<DecodedJob> {
  const before = printer.jobs.length;
  const env = await dispatch('printSlip', input, { transport: 'http' });
  if (!env.ok) throw new KioskApiError(env.error.code, env.error.message);
  await printer.waitForJobs(before + 1);
  return printer.jobs[before]!;
}

/** Draws the symbol a printer makes of `data` at `level` and reads it back with jsQR; returns the text and the version. */
function drawAndRead(data: string, level: 'L' | 'M' | 'Q' | 'H'): { text: string | null; version: number } {
  const qr = QRCode.create(data, { errorCorrectionLevel: level });
  const scale = 4;
  const quiet = 4;
  const n = qr.modules.size;
  const side = (n + 2 * quiet) * scale;
  const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
          rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
        }
      }
    }
  }
  return { text: jsQR(rgba, side, side)?.data ?? null, version: qr.version };
}

/** The printed lines after the QR code's hint, joined: a long address is broken over two lines without a space. */
const joined = (job: DecodedJob) => job.lines.join('');

describe.each(STORAGE_BACKENDS)('QR codes on slips lead to the offer page (issue 17) on $name', (backend) => {
  let closeStorage: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await backend.open();
    closeStorage = opened.cleanup;
    await seedStorage(opened.storage, parseSeedSpec('sample'));
    await opened.storage.registerKiosk(KIOSK_ID, KIOSK_TOKEN);
    api = await listenCityApi({ storage: opened.storage });
    kiosk = createTestKiosk(api);
    const result = await kiosk.sync();
    expect(result.ok, JSON.stringify(result)).toBe(true);
    printer = await FakeEscposPrinter.start();
    const config = kioskConfigSchema.parse({
      place: 'Rathaus Siegburg',
      printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port, charsPerLine: 42 },
    });
    const deps = { db: kiosk.db, config: createConfigStore(config), dataDir: kiosk.dir, clock: new FakeClock('2026-11-25T13:05:00Z'), log: silentLog, version: 'test' };
    const feature = createPrintingFeature(deps, defaultPrintingAdapters());
    dispatch = createDispatcher(feature.handlers as unknown as KioskHandlers, silentLog);
  });

  afterAll(async () => {
    await printer?.close();
    kiosk?.close();
    await api?.close();
    await closeStorage?.();
  });

  it('an offer slip carries the offer page in a small code, prints the address under it, and the page shows the offer', async () => {
    const offer = getOfferById(kiosk.db, 'sample-kulturcafe')!;
    expect(offer.web_url).toBe(`${api.url}/angebote/sample-kulturcafe`);
    const job = await print({ kind: 'offer', ids: ['sample-kulturcafe'], lang: 'de' });
    expect(job.qr).toEqual([offer.web_url]);
    const [symbol] = job.qrSymbols;
    expect(symbol!.moduleDots).toBe(8); // 1 mm at 203 dpi
    expect(symbol!.level).toBe('M');
    const read = drawAndRead(symbol!.data, symbol!.level);
    expect(read.text).toBe(offer.web_url);
    expect(read.version).toBeLessThanOrEqual(4);
    expect(joined(job)).toContain(offer.web_url);
    // the club's own website stays on paper as text when it has one
    if (offer.url) expect(joined(job)).toContain(offer.url);
    const page = await fetch(read.text!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(offer.title.replace(/&/g, '&amp;'));
  });

  it('a Merkliste slip carries one such code per offer, each with its address', async () => {
    const ids = ['sample-kulturcafe', ...(kiosk.db.prepare(`SELECT id FROM offers WHERE id != 'sample-kulturcafe' ORDER BY id LIMIT 2`).pluck().all() as string[])];
    const job = await print({ kind: 'merkliste', ids, lang: 'en' });
    const urls = ids.map((id) => getOfferById(kiosk.db, id)!.web_url!);
    expect(job.qr).toEqual(urls);
    for (const s of job.qrSymbols) {
      const read = drawAndRead(s.data, s.level);
      expect(read.text).toBe(s.data);
      expect(read.version).toBeLessThanOrEqual(4);
      expect(joined(job)).toContain(s.data);
    }
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
  });

  it('the preview (the QR code shown on screen when printing is not possible) holds the same address', async () => {
    const env = await dispatch('previewSlip', { kind: 'offer', ids: ['sample-kulturcafe'], lang: 'tr' }, { transport: 'http' });
    expect(env.ok && (env.value as { qr: string }).qr).toBe(`${api.url}/angebote/sample-kulturcafe`);
  });
});
