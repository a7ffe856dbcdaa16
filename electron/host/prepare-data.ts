/**
 * The slow, disk-bound part of a kiosk start, for the browser host (issue 20: cold start): open the database (heal a
 * damaged file, migrate), fill an empty one with the sample offers, close it again. The host runs it in a worker thread
 * after it listens, so the page and its scripts are served while the disk works; composeKiosk then opens the prepared
 * file (no migration, no import left). `npm run build` bundles this file on its own as out/host/prepare-data.mjs.
 * Run from source (tsx, no bundle next to the CLI) the host calls prepareKioskData inline: same result, no overlap.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openKioskDatabase, type HealReport } from '../services/db/heal-database';
import { importSampleDataIfEmpty } from '../services/seed/sample-import';

export interface PreparedData {
  /** The database was damaged and replaced (the report composeKiosk logs as an error). */
  healed: HealReport | null;
  /** Sample offers imported into an empty database, else null. */
  sampleOffers: number | null;
}

/** Opens (heals, migrates) the database file, imports the sample data when it is empty, closes it. */
export function prepareKioskData(file: string): PreparedData {
  const { db, healed } = openKioskDatabase({ file });
  try {
    // Like createOffersFeature: an empty database gets the sample offers even when a city API is configured (issue 14).
    const imported = importSampleDataIfEmpty(db, { cityApi: undefined });
    return { healed, sampleOffers: imported.imported ? imported.offers : null };
  } finally {
    db.close();
  }
}

type WorkerReply = { ok: true; value: PreparedData } | { ok: false; message: string };
const WORKER_KIND = 'prepare-kiosk-data';
/** The bundled worker, next to the bundled CLI (out/host/). */
const workerFile = join(dirname(fileURLToPath(import.meta.url)), 'prepare-data.mjs');

/** prepareKioskData in a worker thread when the bundle is there (the event loop stays free), else inline. */
export function prepareKioskDataOffThread(file: string): Promise<PreparedData> {
  if (!existsSync(workerFile)) return Promise.resolve().then(() => prepareKioskData(file));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile, { workerData: { kind: WORKER_KIND, file } });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.value);
      else reject(new Error(reply.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the database worker stopped (exit code ${code}) before it answered`));
    });
  });
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === WORKER_KIND) {
  let reply: WorkerReply;
  try {
    reply = { ok: true, value: prepareKioskData((workerData as { file: string }).file) };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
}
