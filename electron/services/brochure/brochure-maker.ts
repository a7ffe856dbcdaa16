import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrochureResult } from '../../../shared/contract/printing';
import type { Clock } from '../../../shared/logic/clock';
import type { Db } from '../db/open-database';
import type { Log } from '../log';
import { loadBrochureData } from './brochure-data';
import { brochureHtml, type BrochureOptions } from './brochure-html';
import type { PdfRenderer } from './pdf-renderer';

/** Makes the printed Angebotslandkarte (A4 PDF) from the local database. */
export interface BrochureMaker {
  make(opts?: { outFile?: string }): Promise<BrochureResult>;
}

export interface BrochureMakerDeps {
  db: Db;
  renderer: PdfRenderer;
  clock: Clock;
  log: Log;
  /** Where PDFs go when no file is named: `<dataDir>/brochure/`. */
  dataDir: string;
  place: () => string;
}

/** The bundled Atkinson Hyperlegible font, embedded so the PDF looks the same everywhere (system sans-serif if missing). */
function loadFonts(): BrochureOptions['fonts'] {
  try {
    const require = createRequire(import.meta.url);
    const file = (w: number) =>
      readFileSync(require.resolve(`@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-${w}-normal.woff2`)).toString('base64');
    return { regular: file(400), bold: file(700) };
  } catch {
    return undefined;
  }
}

export function createBrochureMaker(deps: BrochureMakerDeps): BrochureMaker {
  let running: Promise<BrochureResult> | null = null;
  const make = async (outFile?: string): Promise<BrochureResult> => {
    const data = loadBrochureData(deps.db);
    const now = deps.clock.now();
    const html = brochureHtml(data, { now, place: deps.place(), fonts: loadFonts() });
    let path = outFile;
    if (!path) {
      const dir = join(deps.dataDir, 'brochure');
      mkdirSync(dir, { recursive: true });
      path = join(dir, `angebotslandkarte-${now.toISOString().slice(0, 10)}.pdf`);
    }
    await deps.renderer.render(html, path);
    const bytes = statSync(path).size;
    deps.log.info('brochure made', { offers: data.offers.length, bytes, renderer: deps.renderer.name });
    return { path, url: null, offers: data.offers.length, bytes };
  };
  return {
    make(opts = {}) {
      // One at a time: a second request while one runs gets the same result.
      if (!running) running = make(opts.outFile).finally(() => (running = null));
      return running;
    },
  };
}
