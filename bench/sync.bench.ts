import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/services/db/open-database';
import { silentLog } from '../electron/services/log';
import { createHash } from 'node:crypto';
import type { Db } from '../electron/services/db/open-database';
import { countOffers, readTaxonomy, replaceTaxonomy, upsertOffers } from '../electron/services/offers/offer-repository';
import type { Offer } from '../shared/schemas/offer';
import type { Taxonomy } from '../shared/schemas/taxonomy';
import { createFetchCityApiClient } from '../electron/services/sync/city-api-client';
import { createImageCache } from '../electron/services/sync/image-cache';
import { runSync, type SyncSource } from '../electron/services/sync/sync-engine';
import { systemClock } from '../shared/logic/clock';
import { offerSchema } from '../shared/schemas/offer';
import { registerKiosk } from '../city-api/src/kiosk-store';
import { putOffers } from '../city-api/src/offer-store';
import { parseSeedSpec, seedCityDb } from '../city-api/src/seed';
import { startCityApi } from '../city-api/src/server';
import type { Bench } from './benches';
import { FLAPPING_RATES } from '../city-api/src/chaos';
import { FakeClock } from '../tests/fakes/fake-clock';
import { createTestKiosk, startTestCityApi } from '../tests/fakes/fake-city-api-harness';
import { syncThroughFlapping } from '../tests/fakes/flapping-sync';

const CHAOS_OFFERS = 3000;

/**
 * Issue 14: time to converge through the flapping mix (25 % 503 Retry-After 1, 15 % cut mid-body, 10 % 429) against
 * the same first sync without faults, in this process. Waits run on a fake clock: simulated = waits + real run time.
 */
async function chaosVersusFaultFree(): Promise<void> {
  const rows: string[] = [];
  for (const chaos of [false, true]) {
    const api = await startTestCityApi({ offers: CHAOS_OFFERS, ...(chaos ? { chaos: { seed: 14, rates: FLAPPING_RATES, retryAfterS: 1 } } : {}) });
    const kiosk = createTestKiosk(api);
    try {
      const r = await syncThroughFlapping(kiosk, { clock: new FakeClock('2026-11-25T10:00:00Z'), seed: 1, pageLimit: 500 });
      if (!r.ok || countOffers(kiosk.db) !== CHAOS_OFFERS) throw new Error('did not converge');
      rows.push(
        `${chaos ? 'chaos mix ' : 'fault-free'}: ${(r.simulatedMs / 1000).toFixed(1)} s to converge (${r.realMs.toFixed(0)} ms real, ` +
          `${(r.waitedMs / 1000).toFixed(1)} s waiting), ${r.runs} run(s), ${r.requests} requests (${r.retries} retries) for ${r.pages} pages`,
      );
    } finally {
      kiosk.close();
      await api.close();
    }
  }
  console.log(`first sync of ${CHAOS_OFFERS} offers through a flapping network vs fault-free:\n  ${rows.join('\n  ')}`);
}

/** Everything the import writes, as one hash: the offers and every derived row, search texts included. */
function contentHash(db: Db): string {
  const h = createHash('sha256');
  for (const sql of [
    'SELECT rowid, id, updated_at, status, title, summary, organisation, district, free, sample, data_json FROM offers ORDER BY rowid',
    'SELECT * FROM locations ORDER BY offer_id',
    'SELECT * FROM schedules ORDER BY offer_id, idx',
    'SELECT * FROM offer_interests ORDER BY 1, 2',
    'SELECT * FROM offer_age_groups ORDER BY 1, 2',
    'SELECT rowid, title, summary, description, organisation, place FROM offer_texts ORDER BY rowid',
  ]) {
    for (const row of db.prepare(sql).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/**
 * The import alone (no HTTP), the same 10,000 validated offers into a fresh file database (WAL) each time:
 * as the sync writes them (pages of 500, one transaction each), and the
 * fair baseline "one row per statement": the very same upsertOffers statements, called per offer without a
 * transaction, so every row is its own statement and its own commit (no batching at all). Both must leave a
 * byte-identical database (offers, derived rows, search texts), checked before the figures are printed.
 */
function importVersusRowPerStatement(dir: string, offers: Offer[], taxonomy: Taxonomy): void {
  const fresh = (name: string) => {
    const db = openDatabase({ file: join(dir, `${name}.sqlite`) });
    db.transaction(() => replaceTaxonomy(db, taxonomy))();
    return db;
  };
  const batched: number[] = [];
  let batchedHash = '';
  for (let run = 0; run < 3; run++) {
    const db = fresh(`import-batched-${run}`);
    const t0 = performance.now();
    for (let i = 0; i < offers.length; i += 500) db.transaction(() => upsertOffers(db, offers.slice(i, i + 500)))();
    batched.push(performance.now() - t0);
    batchedHash = contentHash(db);
    db.close();
  }
  const naiveDb = fresh('import-row-per-statement');
  const t0 = performance.now();
  for (const o of offers) upsertOffers(naiveDb, [o]); // autocommit: one statement, one row, one commit
  const naive = performance.now() - t0;
  const statements = (naiveDb.prepare('SELECT (SELECT count(*) FROM offers) + (SELECT count(*) FROM locations) + (SELECT count(*) FROM schedules) + (SELECT count(*) FROM offer_interests) + (SELECT count(*) FROM offer_age_groups) + (SELECT count(*) FROM offer_texts)').pluck().get() as number);
  const same = contentHash(naiveDb) === batchedHash;
  naiveDb.close();
  if (!same) throw new Error('the row-per-statement baseline wrote a different database than the batched import');
  const b = median(batched);
  console.log(
    `import only, ${offers.length} offers (${statements.toLocaleString('en')} rows), same database content checked:
` +
      `  batched (pages of 500, one transaction each, FTS rows last): median ${b.toFixed(0)} ms of 3 (${batched.map((t) => t.toFixed(0)).join(', ')})` +
      ` → ${Math.round(offers.length / (b / 1000)).toLocaleString('en')} offers/s
` +
      `  baseline, one row per statement (same statements, autocommit, no batching): ${naive.toFixed(0)} ms` +
      ` → ${Math.round(offers.length / (naive / 1000)).toLocaleString('en')} offers/s; batched is ${(naive / b).toFixed(1)}× faster` +
      ` (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  );
}

const N_OFFERS = 10_000;
const N_CHANGES = 100;
const FULL_RUNS = 3;
const INCREMENTAL_RUNS = 7;
const GOAL_FULL_MS = 3000;
const GOAL_INCREMENTAL_MS = 150;
const TOKEN = 'bench-token-0123456789abcdef';

/** CPU time of this process (kiosk and reference server both run in it) — less distorted than wall time on a busy machine. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const verdict = (ms: number, goal: number) => (ms <= goal ? `OK (goal < ${goal} ms)` : `MISSED (goal < ${goal} ms)`);

/** Full sync of 10,000 offers and an incremental sync of 100 changes from the reference server on 127.0.0.1. */
export const syncBench: Bench = {
  name: 'sync',
  async run() {
    const api = await startCityApi({});
    seedCityDb(api.db, parseSeedSpec(`synthetic:${N_OFFERS}`));
    registerKiosk(api.db, 'bench', TOKEN);
    const dir = mkdtempSync(join(tmpdir(), 'gk-sync-bench-'));
    try {
      const source: SyncSource = {
        kind: 'gemeinsam',
        baseUrl: api.url,
        client: createFetchCityApiClient({ baseUrl: api.url, token: TOKEN, version: 'bench', clock: systemClock }),
      };
      const fullTimes: number[] = [];
      const fullCpu: number[] = [];
      let db = openDatabase({ file: join(dir, 'kiosk-0.sqlite') });
      for (let run = 0; run < FULL_RUNS; run++) {
        if (run > 0) {
          db.close();
          db = openDatabase({ file: join(dir, `kiosk-${run}.sqlite`) });
        }
        const images = createImageCache(join(dir, `images-${run}`));
        const t0 = performance.now();
        const c0 = cpuMs();
        const r = await runSync(source, { db, log: silentLog, clock: systemClock, images, pageLimit: 500 });
        const ms = performance.now() - t0;
        fullCpu.push(cpuMs() - c0);
        if (!r.ok || countOffers(db) !== N_OFFERS) throw new Error(`full sync failed: ${JSON.stringify(r)}`);
        fullTimes.push(ms);
      }
      const full = median(fullTimes);
      console.log(
        `full sync (first sync: pages collected in sync_staging, swapped in one transaction), ${N_OFFERS} offers (20 pages of 500), file DB with WAL: median ${full.toFixed(0)} ms of ${FULL_RUNS} ` +
          `(${fullTimes.map((t) => t.toFixed(0)).join(', ')}) → ${Math.round(N_OFFERS / (full / 1000)).toLocaleString('en')} rows/s  ${verdict(full, GOAL_FULL_MS)}; ` +
          `CPU median ${median(fullCpu).toFixed(0)} ms (${fullCpu.map((t) => t.toFixed(0)).join(', ')}; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
      );

      const images = createImageCache(join(dir, 'images-inc'));
      const rows = api.db.prepare(`SELECT data_json FROM offers ORDER BY id LIMIT ?`).pluck().all(N_CHANGES * INCREMENTAL_RUNS) as string[];
      const base = rows.map((j) => offerSchema.parse(JSON.parse(j)));
      const incTimes: number[] = [];
      const incCpu: number[] = [];
      for (let run = 0; run < INCREMENTAL_RUNS; run++) {
        const changed = base.slice(run * N_CHANGES, (run + 1) * N_CHANGES).map((o) => ({ ...o, title: `${o.title} (${run})`, updated_at: new Date().toISOString() }));
        putOffers(api.db, changed);
        const t0 = performance.now();
        const c0 = cpuMs();
        const r = await runSync(source, { db, log: silentLog, clock: systemClock, images, pageLimit: 500 });
        const ms = performance.now() - t0;
        incCpu.push(cpuMs() - c0);
        if (!r.ok || r.summary.upserted !== N_CHANGES) throw new Error(`incremental sync failed: ${JSON.stringify(r)}`);
        incTimes.push(ms);
      }
      const inc = median(incTimes);
      console.log(
        `incremental sync, ${N_CHANGES} changed offers (taxonomy 304, 1 page, events): median ${inc.toFixed(1)} ms of ${INCREMENTAL_RUNS} ` +
          `(max ${Math.max(...incTimes).toFixed(1)}) → ${Math.round(N_CHANGES / (inc / 1000)).toLocaleString('en')} rows/s  ${verdict(inc, GOAL_INCREMENTAL_MS)}; ` +
          `CPU ${median(incCpu).toFixed(1)} ms`,
      );
      // the import alone, batched as the sync writes it, against one row per statement — same run, same offers.
      // After the HTTP runs: the baseline blocks the event loop for minutes, and the client's pooled keep-alive
      // connection is dead afterwards (an incremental sync right after it failed with "fetch failed").
      const synced = (db.prepare('SELECT data_json FROM offers ORDER BY rowid').pluck().all() as string[]).map((j) => JSON.parse(j) as Offer);
      importVersusRowPerStatement(dir, synced, readTaxonomy(db));
      db.close();
      await chaosVersusFaultFree();
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
