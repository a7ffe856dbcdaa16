/**
 * `npm run bench -- city` (issue 19): the district's kiosk load on the reference city API, on SQLite and on
 * PostgreSQL in the same run, loopback only, bounded in time.
 *
 * 500 kiosks, each heartbeating every 5 min and syncing incrementally every 15 min, compressed 60× (= 100
 * heartbeats/s + 33 incremental syncs/s), plus 20 requests/s on the public pages (list, further list pages, a text
 * search, an offer page, the Atom feed, in turn), against 20,000 offers (no staff edits meanwhile: on SQLite a
 * second writing process would measure lock waits, not the API). The API runs in a process of its own (cli.ts),
 * the load comes from another (city-load-generator.ts: undici Pool, keep-alive, pre-built requests). Open loop:
 * requests are fired on schedule whether or not earlier ones have answered, and latency is taken from the
 * scheduled moment, so a slow server (or generator) shows as latency, not as a lower rate. Printed per backend and
 * load factor: requests sent of the target, p50/p95/p99, errors with their reasons (status, timeout, still open),
 * for all requests and separately for the kiosk API and the public pages, the generator's CPU and sending lag. The public catalog
 * is built once before the first step (one warm-up request of each public kind), as after any offer change in service.
 * Goal (issue 19): p95 < 100 ms and 0 errors at 10× — on 2 shared cores the 10× step is printed as measured, not
 * assumed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { findPgBin, startThrowawayPostgres } from '../tests/support/throwaway-postgres';
import { generateSyntheticOffers } from '../shared/sample-data';
import type { Bench } from './benches';
import type { GeneratorConfig, GeneratorResult, KindResult } from './city-load-generator';

const KIOSKS = 500;
const OFFERS = 20_000;
const COMPRESSION = 60;
const SECONDS = Number(process.env.CITY_BENCH_SECONDS ?? 15);
const FACTORS = (process.env.CITY_BENCH_FACTORS ?? '1,5,10').split(',').map(Number);
const PUBLIC_PER_S = 20;
/** CITY_BENCH_BACKENDS=sqlite or postgres: one backend only (default both). */
const BACKENDS = (process.env.CITY_BENCH_BACKENDS ?? 'sqlite,postgres').toLowerCase().split(',');
/** CITY_BENCH_CPU_PROF=<dir>: the API process writes a V8 CPU profile there (node --cpu-prof) when it exits. */
const CPU_PROF_DIR = process.env.CITY_BENCH_CPU_PROF;
/**
 * CITY_BENCH_PG_DURABLE=0: PostgreSQL without waiting for the disk (fsync, synchronous_commit off), as the tests run
 * it. Default on: commits wait for the disk on both backends (SQLite: WAL, synchronous FULL), a fair comparison.
 */
const PG_DURABLE = process.env.CITY_BENCH_PG_DURABLE !== '0';
/** CITY_BENCH_PG_STATEMENTS=1: pg_stat_statements loaded; after each PostgreSQL step, the statements by time and calls per request. */
const PG_STATEMENTS = process.env.CITY_BENCH_PG_STATEMENTS === '1';
/** CITY_BENCH_DB_POOL=<n>: the API's PostgreSQL pool size (--db-pool; default the API's own, 10). */
const DB_POOL = process.env.CITY_BENCH_DB_POOL;
/** keep-alive connections of the generator's pool (a proxy in front of the API keeps its upstream connections) */
const CONNECTIONS = Number(process.env.CITY_BENCH_CONNECTIONS ?? 64);
/** a request without an answer within this long counts as an error */
const TIMEOUT_MS = 10_000;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const GOAL_P95_MS = 100;
const PUBLIC_URL = 'http://127.0.0.1:4880';
/** Offer ids and title words of the seeded offers (the same generator and seed as `--seed synthetic:<n>`). */
const SEEDED = generateSyntheticOffers(OFFERS, 1);
const SEARCH_WORDS = [...new Set(SEEDED.slice(0, 200).map((o) => o.title.split(/\s+/)[0]!.toLowerCase()))].slice(0, 20);
/** The i-th public page request: list, a later list page, a search, an offer page, the Atom feed. */
function publicPath(i: number): string {
  switch (i % 5) {
    case 0:
      return '/angebote';
    case 1:
      return `/angebote?seite=${(i % 50) + 2}`;
    case 2:
      return `/angebote?q=${encodeURIComponent(SEARCH_WORDS[i % SEARCH_WORDS.length]!)}`;
    case 3:
      return `/angebote/${encodeURIComponent(SEEDED[(i * 7919) % SEEDED.length]!.id)}`;
    default:
      return '/feeds/offers.atom';
  }
}
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const heartbeat = {
  version: '0.1.0',
  uptime_s: 3600,
  last_sync_at: '2026-11-25T09:45:00Z',
  offers_count: OFFERS,
  outbox_pending: 0,
  printer: { state: 'ok' },
  disk_free_mb: 12000,
  errors_since_last: [],
};

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN);
const reasonText = (r: Record<string, number>) => (Object.keys(r).length ? ` (${Object.entries(r).map(([k, n]) => `${k}: ${n}`).join(', ')})` : '');

/** The API in a process of its own (as in service), so the load generator does not share its event loop. */
async function spawnApi(db: string): Promise<{ url: string; stop(): Promise<void> }> {
  const tokens = Array.from({ length: KIOSKS }, (_, k) => ['--kiosk-token', `k${k}:bench-token-${k}-0123456789`]).flat();
  const child = spawn(
    process.execPath,
    [...(CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : []), '--import', 'tsx', 'city-api/src/cli.ts', '--db', db, '--public-url', PUBLIC_URL, '--no-calendar-refresh', '--port', '0', '--seed', `synthetic:${OFFERS}`, ...(DB_POOL && db.startsWith('postgres') ? ['--db-pool', DB_POOL] : []), ...tokens],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`city API exited (${code}): ${out.slice(-500)}`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One step in a generator process of its own (city-load-generator.ts): its CPU does not share the API's event loop. */
async function runLoad(url: string, factor: number) {
  const cfg: GeneratorConfig = {
    url,
    seconds: SECONDS,
    kiosks: KIOSKS,
    initialCursor: `v1.${OFFERS}`,
    heartbeatsPerS: (KIOSKS / 300) * COMPRESSION * factor,
    syncsPerS: (KIOSKS / 900) * COMPRESSION * factor,
    publicPerS: PUBLIC_PER_S * factor,
    publicPaths: Array.from({ length: 500 }, (_, i) => publicPath(i)),
    heartbeatBody: JSON.stringify(heartbeat),
    connections: CONNECTIONS,
    timeoutMs: TIMEOUT_MS,
    resultFile: join(mkdtempSync(join(tmpdir(), 'city-load-')), 'result.json'),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/city-load-generator.ts'], { cwd: ROOT, stdio: ['pipe', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => {
    child.once('exit', resolve);
    child.stdin.end(JSON.stringify(cfg));
  });
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  const g = JSON.parse(readFileSync(cfg.resultFile, 'utf8')) as GeneratorResult;
  rmSync(dirname(cfg.resultFile), { recursive: true, force: true });
  const summary = (...ks: KindResult[]) => {
    const l = ks.flatMap((x) => x.latencies).sort((a, b) => a - b);
    const sent = ks.reduce((n, x) => n + x.sent, 0);
    const target = ks.reduce((n, x) => n + x.target, 0);
    const reasons: Record<string, number> = {};
    for (const x of ks) for (const [r, n] of Object.entries(x.reasons)) reasons[r] = (reasons[r] ?? 0) + n;
    return {
      sent,
      target,
      rate: Math.round(sent / (g.elapsedMs / 1000)),
      targetRate: Math.round(target / SECONDS),
      p50: pct(l, 50),
      p95: pct(l, 95),
      p99: pct(l, 99),
      errors: ks.reduce((n, x) => n + x.errors, 0),
      reasons,
    };
  };
  return {
    ...summary(g.heartbeat, g.sync, g.public),
    kiosk: summary(g.heartbeat, g.sync),
    heartbeat: summary(g.heartbeat),
    sync: summary(g.sync),
    public: summary(g.public),
    generatorCpu: g.cpu,
    lagP95: g.lagP95,
    lagMax: g.lagMax,
  };
}

export const cityLoadBench: Bench = {
  name: 'city',
  async run() {
    // each backend: the --db argument for the API process
    const backends: { name: string; open(): Promise<{ db: string; close(): Promise<void>; afterStep?(requests: number): Promise<void> }> }[] = [
      {
        name: 'SQLite',
        async open() {
          const dir = mkdtempSync(join(tmpdir(), 'city-bench-'));
          const file = join(dir, 'city.sqlite');
          return { db: file, close: async () => rmSync(dir, { recursive: true, force: true }) };
        },
      },
    ].filter(() => BACKENDS.includes('sqlite'));
    if (!BACKENDS.includes('postgres')) console.log('CITY_BENCH_BACKENDS: PostgreSQL left out');
    else if (findPgBin()) {
      backends.push({
        name: 'PostgreSQL',
        async open() {
          const cluster = await startThrowawayPostgres({
            durable: PG_DURABLE,
            settings: PG_STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' } : {},
          });
          // said with the figures: whether PostgreSQL's commits wait for the disk as SQLite's (WAL, synchronous FULL) do
          console.log(
            PG_DURABLE
              ? 'PostgreSQL: throwaway cluster with fsync=on, synchronous_commit=on, full_page_writes=on (as SQLite: WAL, synchronous FULL): both backends wait for the disk on commit'
              : 'PostgreSQL: throwaway cluster with fsync=off, synchronous_commit=off (CITY_BENCH_PG_DURABLE=0): commits do not wait for the disk, SQLite (synchronous FULL) does — PostgreSQL is flattered',
          );
          const stats = PG_STATEMENTS ? new pg.Client({ connectionString: cluster.url }) : null;
          if (stats) {
            await stats.connect();
            await stats.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
          }
          return {
            db: cluster.url,
            close: async () => {
              await stats?.end();
              cluster.drop();
            },
            // what PostgreSQL did in the step: statements by total time, calls per HTTP request; then reset
            afterStep: stats
              ? async (requests) => {
                  if (requests === 0) return void (await stats.query('SELECT pg_stat_statements_reset()'));
                  const r = await stats.query<{ query: string; calls: string; total: number; mean: number }>(
                    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, total_exec_time AS total, mean_exec_time AS mean
                       FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 12`,
                  );
                  const all = await stats.query<{ calls: string; total: number }>(
                    `SELECT sum(calls) AS calls, sum(total_exec_time) AS total FROM pg_stat_statements WHERE query NOT ILIKE '%pg_stat_statements%'`,
                  );
                  const a = all.rows[0]!;
                  console.log(`${' '.repeat(14)}pg_stat_statements: ${a.calls} statements (${(Number(a.calls) / requests).toFixed(2)} per request), ${Number(a.total).toFixed(0)} ms executing`);
                  for (const x of r.rows) {
                    console.log(`${' '.repeat(16)}${String(x.calls).padStart(7)} calls ${(Number(x.calls) / requests).toFixed(2).padStart(5)}/req total ${x.total.toFixed(0).padStart(6)} ms mean ${x.mean.toFixed(3)} ms  ${x.query.slice(0, 150)}`);
                  }
                  await stats.query('SELECT pg_stat_statements_reset()');
                }
              : undefined,
          };
        },
      });
    } else console.log('PostgreSQL not installed: SQLite only');
    console.log(
      `${KIOSKS} kiosks (heartbeat 5 min, sync 15 min, ${COMPRESSION}× compressed) + ${PUBLIC_PER_S} public page requests/s, ${OFFERS} offers, ${SECONDS} s per step, open loop`,
    );
    for (const b of backends) {
      const target = await b.open();
      try {
        const t0 = performance.now();
        const api = await spawnApi(target.db);
        console.log(`${b.name}: seeded and listening in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        const w0 = performance.now();
        const warm = await fetch(`${api.url}/angebote`);
        await warm.arrayBuffer();
        if (!warm.ok) throw new Error(`${b.name}: /angebote answered ${warm.status}`);
        console.log(`${b.name}: public catalog of ${OFFERS} offers built in ${(performance.now() - w0).toFixed(0)} ms (first /angebote)`);
        // one request of each other public kind (a later page, a search, an offer page, Atom): what each builds once
        const w1 = performance.now();
        for (let i = 1; i < 5; i++) {
          const r = await fetch(`${api.url}${publicPath(i)}`);
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`${b.name}: ${publicPath(i)} answered ${r.status}`);
        }
        console.log(`${b.name}: first later page, search, offer page and Atom feed in ${(performance.now() - w1).toFixed(0)} ms`);
        await target.afterStep?.(0); // seeding and warm-up not counted
        try {
          for (const f of FACTORS) {
            const loadBefore = load();
            const r = await runLoad(api.url, f);
            const ok = r.p95 < GOAL_P95_MS && r.errors === 0;
            const part = (name: string, s: typeof r.kiosk) =>
              `${name} ${s.sent} (${s.rate}/s) p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} p99 ${s.p99.toFixed(1)} ms, errors ${s.errors}${reasonText(s.reasons)}`;
            console.log(
              `${b.name.padEnd(10)} ${String(f).padStart(2)}× load: ${r.sent} of ${r.target} requests sent (${r.rate}/s of ${r.targetRate}/s), p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}${reasonText(r.reasons)}` +
                `${f === 10 ? ` — goal p95 < ${GOAL_P95_MS} ms, 0 errors: ${ok ? 'met' : 'MISSED'}` : ''}` +
                `\n${' '.repeat(14)}${part('kiosk API', r.kiosk)} | ${part('public pages', r.public)}` +
                `\n${' '.repeat(14)}${part('heartbeats', r.heartbeat)} | ${part('incremental syncs', r.sync)}` +
                `\n${' '.repeat(14)}load generator (own process, ${CONNECTIONS} keep-alive connections) CPU ${(r.generatorCpu * 100).toFixed(0)} % of a core, sending lag behind schedule p95 ${r.lagP95.toFixed(1)} max ${r.lagMax.toFixed(1)} ms; load average ${loadBefore} before, ${load()} after`,
            );
            await target.afterStep?.(r.sent);
          }
        } finally {
          await api.stop();
        }
      } finally {
        await target.close();
      }
    }
  },
};
