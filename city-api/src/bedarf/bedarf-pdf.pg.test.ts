import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backdateWish } from '../../../tests/support/backdate';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { parseSeedSpec, seedStorage } from '../seed';
import { buildCityApi } from '../server';
import type { KioskStorage } from '../storage/kiosk-storage';
import { staffLogin } from '../staff/staff-test-login';

/** The Bedarf page and its PDF (issue 18) on SQLite and PostgreSQL (issue 19). */
const PASSWORD = 'richtig-langes-passwort';
const RANGE = 'from=2026-11-01&to=2026-11-30';

describe.each(STORAGE_BACKENDS)('Bedarf report as A4 PDF (issue 18) on $name', (backend) => {
  let storage: KioskStorage;
  let cleanup: () => Promise<void>;
  let app: FastifyInstance;
  let dir: string;
  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus-foyer', 'token-rathaus-0123456789');
    await storage.registerKiosk('bibliothek', 'token-bibliothek-0123456789');
    app = buildCityApi({ storage, publicUrl: 'http://127.0.0.1:4880', adminPassword: PASSWORD }).app;
    dir = mkdtempSync(join(tmpdir(), 'bedarf-pdf-'));
  });
  afterEach(async () => {
    await app.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function seedFigures(): Promise<string> {
    const wishes: [string, string, string | undefined, string][] = [
      ['Schach', 'senioren', 'kaldauen', '2026-11-03T10:00:00.000Z'],
      ['Schachgruppe', 'senioren', 'kaldauen', '2026-11-04T10:00:00.000Z'],
      ['Schachtreff am Abend', 'erwachsene', 'innenstadt', '2026-11-20T10:00:00.000Z'],
      ['Deutschkurs für Frauen', 'erwachsene', 'deichhaus', '2026-11-21T10:00:00.000Z'],
      ['Deutsch lernen', 'erwachsene', undefined, '2026-11-22T10:00:00.000Z'],
      ['Tanzkurs', 'jugendliche', 'zange', '2026-10-22T10:00:00.000Z'], // outside the range
    ];
    for (const [i, [text, age, district, at]] of wishes.entries()) {
      const { id } = await storage.storeWish(`k${i}`, 'rathaus-foyer', {
        text,
        age_group: age,
        ...(district ? { district } : {}),
        interests: ['begegnung'],
        language: 'de',
        contact_consent: false,
        created_at: at,
        kiosk_id: 'rathaus-foyer',
      });
      await backdateWish(storage, id, at);
    }
    const stats = (day: string, byHour: Record<string, number>, misses: Record<string, number>) => ({
      day,
      sessions: Object.values(byHour).reduce((a, b) => a + b, 0),
      offers_viewed_by_interest: {},
      slips_printed: 0,
      wishes_sent: 0,
      languages_used: {},
      large_text_sessions: 0,
      high_contrast_sessions: 0,
      sessions_by_hour: byHour,
      searches_without_result: misses,
    });
    await storage.storeStats('rathaus-foyer', '2026-11-10', stats('2026-11-10', { '09': 4, '17': 2 }, { boule: 3, quidditch: 5 }));
    await storage.storeStats('rathaus-foyer', '2026-11-11', stats('2026-11-11', { '10': 1 }, { boule: 4 }));
    await storage.storeStats('bibliothek', '2026-11-12', stats('2026-11-12', { '15': 7 }, {}));
    // An offer last confirmed 2025-01-15 is on the review list (older than 12 months); a fresh one is not.
    const [old, fresh] = [...(await storage.publishedOffers()).keys()].sort();
    await storage.confirmOffer(old!, 'Test', new Date('2025-01-15T09:00:00Z'));
    await storage.confirmOffer(fresh!, 'Test', new Date());
    return old!;
  }

  const pdfText = (pdf: Buffer): string => {
    const f = join(dir, 'bericht.pdf');
    writeFileSync(f, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
  };
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  /** The rows of one table of the HTML page, as cell texts. */
  function pageRows(page: string, id: string): string[][] {
    const body = new RegExp(`<table id="tab-${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(page)![1]!;
    return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)));
  }
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  /** One line of the PDF text holding these cells in this order. */
  const lineWith = (cells: readonly string[]) => new RegExp(`^\\s*${cells.map(esc).join('\\s+')}\\s*$`, 'm');

  it('has the figures of the page: topics, empty searches, interests, ages, districts, kiosk use, and the review list', async () => {
    const oldOffer = await seedFigures();
    const s = await staffLogin(app, PASSWORD, '/staff/bedarf');
    const page = (await app.inject({ url: `/staff/bedarf?${RANGE}`, headers: { cookie: s.cookie } })).body;
    expect(page).toContain(`href="/staff/bedarf.pdf?${RANGE.replace('&', '&amp;')}"`);

    const r = await app.inject({ url: `/staff/bedarf.pdf?${RANGE}`, headers: { cookie: s.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe('attachment; filename="bericht-angebotslandkarte-2026-11-01-2026-11-30.pdf"');
    expect(r.headers['cache-control']).toBe('no-store');
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const text = pdfText(pdf);
    expect(execFileSync('pdfinfo', [join(dir, 'bericht.pdf')], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);

    expect(text).toContain('Bericht Angebotslandkarte');
    expect(text).toContain('Zeitraum 01.11.2026 bis 30.11.2026');
    expect(text).toMatch(/5 Wünsche \(Ich suche …\) in 2 Themen\. 14 Sitzungen an 2 Kiosks\. 12 Suchen ohne Treffer zu 2 Suchwörtern\./);

    // Hand-checked figures first (so a page and a PDF that are wrong in the same way still fail) …
    expect(pageRows(page, 'themen')).toEqual([['Schach', '3'], ['Deutsch', '2']]);
    expect(pageRows(page, 'suchwoerter')).toEqual([['boule', '7'], ['quidditch', '5']]);
    // … then every row of the page's tables is a line of the PDF, with the same numbers.
    for (const id of ['themen', 'suchwoerter', 'interessen', 'altersgruppen', 'stadtteile-wuensche', 'stadtteile']) {
      const rows = pageRows(page, id);
      expect(rows.length, id).toBeGreaterThan(0);
      for (const row of rows) expect(text, `${id}: ${row.join(' | ')}`).toMatch(lineWith(row));
    }
    // Kiosk use: the PDF leaves out the hours without any session (here all but 9, 10, 15 and 17 Uhr).
    const use = pageRows(page, 'kiosknutzung');
    expect(use.map((r) => [r[0], r[25]])).toEqual([['rathaus-foyer', '7'], ['bibliothek', '7']].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(text).toMatch(lineWith(['Kiosk', '9', '10', '15', '17', 'Summe']));
    for (const row of use) expect(text).toMatch(lineWith([row[0]!, row[10]!, row[11]!, row[16]!, row[18]!, row[25]!]));
    expect(text).toMatch(lineWith(['rathaus-foyer', '4', '1', '0', '2', '7']));

    // Months of the range with their numbers (column chart: the number stands above the month).
    expect(text).toMatch(/^\s*5\s*$\s*^\s*Nov\s*$\s*^\s*2026\s*$/m);
    expect(text).not.toContain('Tanz');

    // Review list: the offer not confirmed since 15.01.2025 is there, with its date.
    const title = ((await storage.getStoredOffer(oldOffer))!.offer as { title: string }).title;
    expect(text).toContain('Zu prüfen: Angebote seit mehr als 12 Monaten nicht bestätigt');
    expect(text).toMatch(lineWith([title, '15.01.2025']));
    expect(text).toMatch(/Seite 1 von \d+/);
  });

  it('is refused without a staff session (and with a made-up one)', async () => {
    await seedFigures();
    for (const cookie of [undefined, 'city_staff=erfunden']) {
      const r = await app.inject({ url: `/staff/bedarf.pdf?${RANGE}`, headers: cookie ? { cookie } : {} });
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe('/staff/login');
      expect(r.headers['content-type'] ?? '').not.toContain('pdf');
      expect(r.rawPayload.subarray(0, 4).toString('latin1')).not.toBe('%PDF');
    }
  });
});
