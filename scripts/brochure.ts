/**
 * The printed Angebotslandkarte as an A4 PDF, from the kiosk's local database:
 *   npm run brochure -- --out angebotslandkarte.pdf [--data-dir ./.kiosk-data]
 * A data directory without offers and without a city API gets the built-in sample data first (as on a kiosk's first start).
 * Rendering uses Debian's headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../shared/logic/clock';
import { createBrochureMaker } from '../electron/services/brochure/brochure-maker';
import { createChromiumPdfRenderer } from '../electron/services/brochure/chromium-pdf-renderer';
import { KioskConfigError, loadKioskConfig } from '../electron/services/config/kiosk-config-file';
import { DB_FILE_NAME } from '../electron/services/compose';
import { openDatabase } from '../electron/services/db/open-database';
import { consoleLog } from '../electron/services/log';
import { importSampleDataIfEmpty } from '../electron/services/seed/sample-import';

const USAGE = 'Usage: npm run brochure -- --out file.pdf [--data-dir ./.kiosk-data]';

async function main(): Promise<number> {
  let values: { out?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out || !values.out.toLowerCase().endsWith('.pdf')) {
    console.error(`--out must name a .pdf file\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(values['data-dir'] ?? './.kiosk-data');
  const out = resolve(values.out);
  let config;
  try {
    config = loadKioskConfig(dataDir);
  } catch (err) {
    if (err instanceof KioskConfigError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(dirname(out), { recursive: true });
  const db = openDatabase({ file: join(dataDir, DB_FILE_NAME) });
  try {
    const seeded = importSampleDataIfEmpty(db, config);
    if (seeded.imported) console.log(`no offers yet: built-in sample data imported (${seeded.offers} offers, marked "Beispieldaten")`);
    const maker = createBrochureMaker({
      db,
      renderer: createChromiumPdfRenderer(),
      clock: systemClock,
      log: consoleLog,
      dataDir,
      place: () => config.place,
    });
    const result = await maker.make({ outFile: out });
    if (!existsSync(result.path)) throw new Error('no PDF was written');
    console.log(`brochure written: ${result.path} (${result.offers} offers, ${Math.round(result.bytes / 1024)} KiB)`);
    return 0;
  } finally {
    db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`brochure failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
