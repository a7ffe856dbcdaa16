import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../fakes/fake-clock';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { createDispatcher } from '../../electron/services/api-dispatch';
import { createConfigStore } from '../../electron/services/config/config-store';
import { openDatabase, type Db } from '../../electron/services/db/open-database';
import type { KioskHandlers } from '../../shared/contract';
import { defaultPrintingAdapters } from '../../electron/services/printer/printing-adapters';
import { createPrintingFeature } from '../../electron/services/printer/printing-feature';
import { silentLog } from '../../electron/services/log';
import { importSampleDataIfEmpty } from '../../electron/services/seed/sample-import';

/** The printed Angebotslandkarte for the built-in sample data, made through the kiosk API like the staff screen does. */
describe('brochure PDF (printed Angebotslandkarte)', () => {
  let dir: string;
  let db: Db;
  let pdf: string;
  let text: string;
  let activeTitles: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'print-brochure-'));
    const config = kioskConfigSchema.parse({ place: 'Rathaus Siegburg' });
    db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    const deps = { db, config: createConfigStore(config), dataDir: dir, clock: new FakeClock('2026-11-25T10:00:00Z'), log: silentLog, version: 'test' };
    // Only the printing handlers are needed here; the dispatcher parses input and wraps errors as on the real hosts.
    const dispatch = createDispatcher(createPrintingFeature(deps, defaultPrintingAdapters()).handlers as unknown as KioskHandlers, silentLog);
    importSampleDataIfEmpty(db, config);
    // one paused offer must not be in the brochure
    db.prepare("UPDATE offers SET status = 'paused' WHERE id = (SELECT id FROM offers ORDER BY id LIMIT 1)").run();
    activeTitles = db.prepare("SELECT title FROM offers WHERE status = 'active'").pluck().all() as string[];
    const env = await dispatch('makeBrochure', { token: 'a'.repeat(64) }, { transport: 'http' });
    if (!env.ok) throw new Error(`makeBrochure failed: ${env.error.message}`);
    pdf = (env.value as { path: string }).path;
    text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    // keep a copy for people to look at
    const keep = resolve('test-results/brochure');
    mkdirSync(keep, { recursive: true });
    execFileSync('cp', [pdf, join(keep, 'angebotslandkarte-sample.pdf')]);
  }, 120_000);

  afterAll(async () => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is an A4 PDF in the data directory', () => {
    expect(pdf.startsWith(join(dir, 'brochure'))).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('has exactly one numbered entry per active offer', () => {
    const numbers = [...text.matchAll(/Nr\. (\d+)/g)].map((m) => Number(m[1]));
    expect(numbers).toHaveLength(activeTitles.length);
    expect(new Set(numbers)).toEqual(new Set(activeTitles.map((_, i) => i + 1)));
    const flat = text.replace(/\s+/g, ' ');
    for (const title of activeTitles) expect(flat).toContain(title.replace(/\s+/g, ' '));
  });

  it('leaves out offers that are not active', () => {
    const paused = db.prepare("SELECT title FROM offers WHERE status = 'paused'").pluck().get() as string;
    const entries = [...text.replace(/\s+/g, ' ').matchAll(/Nr\. \d+ (.{0,60})/g)].map((m) => m[1]!);
    expect(entries.some((e) => e.startsWith(paused))).toBe(false);
  });

  it('has the overview map, the interests, the district index and the sample-data marking', () => {
    expect(text).toContain('Übersichtskarte');
    expect(text).toContain('Treffen & Geselligkeit');
    expect(text).toContain('Verzeichnis nach Stadtteilen');
    expect(text).toContain('Kaldauen');
    expect(text).toContain('Beispieldaten');
    expect(text).toContain('Stand: 25. November 2026');
  });

  it('can be made again from the command line', () => {
    const out = join(dir, 'cli', 'karte.pdf');
    execFileSync(join('node_modules', '.bin', 'tsx'), ['scripts/brochure.ts', '--out', out, '--data-dir', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(existsSync(out)).toBe(true);
    const cliText = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect([...cliText.matchAll(/Nr\. (\d+)/g)]).toHaveLength(activeTitles.length);
  }, 120_000);
});
