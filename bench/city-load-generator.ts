/**
 * The load generator of `npm run bench -- city` (issue 19), run as a process of its own
 * (`node --import tsx bench/city-load-generator.ts`, config as JSON on stdin, result as JSON into cfg.resultFile),
 * so its CPU is its own process's and the API's figures are not the generator's event loop.
 *
 * Cheap: undici Pool with keep-alive connections (no WHATWG fetch/streams per request), headers and bodies built
 * once before the clock starts. Open loop: every request has a scheduled moment (i / rate); it is handed to the
 * pool at the first 1 ms tick at or after that moment, whether or not earlier requests have answered.
 * Latency is taken from the SCHEDULED moment, so a generator falling behind, or requests queueing for a pool
 * connection, count against the figure instead of hiding (no coordinated omission); the lag of sending behind
 * schedule is printed on its own.
 * Honest errors: any status other than the expected one (200; 304 counts as fine), connection errors and timeouts
 * (no headers or body within timeoutMs), and every request still open when the step's grace period ends.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Pool, type Dispatcher } from 'undici';

export interface GeneratorConfig {
  url: string;
  seconds: number;
  kiosks: number;
  /** initial incremental-sync cursor of every kiosk (the seeded feed head) */
  initialCursor: string;
  heartbeatsPerS: number;
  syncsPerS: number;
  publicPerS: number;
  publicPaths: string[];
  heartbeatBody: string;
  /** keep-alive connections of the pool */
  connections: number;
  /** a request without headers or body within this long is an error (timeout) */
  timeoutMs: number;
  /** where the process writes its GeneratorResult (JSON) */
  resultFile: string;
}

export interface KindResult {
  target: number;
  sent: number;
  done: number;
  /** latency from the scheduled moment, ms, sorted */
  latencies: number[];
  errors: number;
  /** error reasons: status code or error code → count */
  reasons: Record<string, number>;
}

export interface GeneratorResult {
  heartbeat: KindResult;
  sync: KindResult;
  public: KindResult;
  /** ms the sending ran, and the sending's lag behind schedule (p95 / max, ms) */
  elapsedMs: number;
  lagP95: number;
  lagMax: number;
  /** CPU of this process during the step, share of one core */
  cpu: number;
}

type Kind = 'heartbeat' | 'sync' | 'public';

export async function generate(cfg: GeneratorConfig): Promise<GeneratorResult> {
  const origin = new URL(cfg.url).origin;
  const pool = new Pool(origin, {
    connections: cfg.connections,
    pipelining: 1,
    keepAliveTimeout: 60_000,
    headersTimeout: cfg.timeoutMs,
    bodyTimeout: cfg.timeoutMs,
  });
  // pre-built requests: one header object per kiosk and kind, the heartbeat body as a Buffer
  const hbBody = Buffer.from(cfg.heartbeatBody);
  const hbReq: Dispatcher.RequestOptions[] = [];
  const syncHeaders: Record<string, string>[] = [];
  for (let k = 0; k < cfg.kiosks; k++) {
    const authorization = `Bearer bench-token-${k}-0123456789`;
    hbReq.push({
      path: `/v1/kiosks/k${k}/heartbeat`,
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json', 'content-length': String(hbBody.length) },
      body: hbBody,
    });
    syncHeaders.push({ authorization });
  }
  const cursors: string[] = Array.from({ length: cfg.kiosks }, () => cfg.initialCursor);
  const publicReq: Dispatcher.RequestOptions[] = cfg.publicPaths.map((path) => ({ path, method: 'GET' }));

  // warm the pool: every connection opened before the clock starts (as a proxy's upstream connections would be)
  await Promise.all(
    Array.from({ length: cfg.connections }, async () => {
      const r = await pool.request({ path: '/health', method: 'GET' });
      await r.body.dump();
    }),
  );

  const kind = (target: number): KindResult => ({ target, sent: 0, done: 0, latencies: [], errors: 0, reasons: {} });
  const res = {
    heartbeat: kind(Math.floor(cfg.seconds * cfg.heartbeatsPerS)),
    sync: kind(Math.floor(cfg.seconds * cfg.syncsPerS)),
    public: kind(Math.floor(cfg.seconds * cfg.publicPerS)),
  };
  const lags: number[] = [];
  let open = 0;
  let allDone: (() => void) | null = null;
  let closed = false; // after the grace period: late answers and the pool's destroy no longer count
  const fail = (s: KindResult, reason: string) => {
    if (closed) return;
    s.errors++;
    s.reasons[reason] = (s.reasons[reason] ?? 0) + 1;
  };
  const finish = () => {
    open--;
    if (open === 0 && allDone) allDone();
  };
  const fire = (which: Kind, opts: Dispatcher.RequestOptions, scheduled: number, onBody?: (text: string) => void) => {
    const s = res[which];
    s.sent++;
    open++;
    lags.push(performance.now() - scheduled);
    pool.request(opts).then(
      async (r) => {
        try {
          if (onBody && r.statusCode === 200) onBody(await r.body.text());
          else await r.body.dump();
          if (closed) return;
          s.done++;
          if (r.statusCode === 200 || r.statusCode === 304) s.latencies.push(performance.now() - scheduled);
          else fail(s, String(r.statusCode));
        } catch (err) {
          fail(s, (err as { code?: string }).code ?? 'body error');
        } finally {
          finish();
        }
      },
      (err: { code?: string }) => {
        fail(s, err.code ?? 'request error');
        finish();
      },
    );
  };

  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const at = (i: number, perS: number) => start + (i / perS) * 1000;
  let hb = 0;
  let sync = 0;
  let pub = 0;
  let kHb = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (; hb < res.heartbeat.target && at(hb, cfg.heartbeatsPerS) <= now; hb++) fire('heartbeat', hbReq[kHb++ % cfg.kiosks]!, at(hb, cfg.heartbeatsPerS));
      for (; sync < res.sync.target && at(sync, cfg.syncsPerS) <= now; sync++) {
        const k = (sync * 7) % cfg.kiosks;
        fire('sync', { path: `/v1/offers?since=${cursors[k]}&limit=500`, method: 'GET', headers: syncHeaders[k]! }, at(sync, cfg.syncsPerS), (text) => {
          cursors[k] = (JSON.parse(text) as { next_cursor: string }).next_cursor;
        });
      }
      for (; pub < res.public.target && at(pub, cfg.publicPerS) <= now; pub++) fire('public', publicReq[pub % publicReq.length]!, at(pub, cfg.publicPerS));
      if (hb >= res.heartbeat.target && sync >= res.sync.target && pub >= res.public.target) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const elapsedMs = performance.now() - start;
  // grace: what is still open after timeoutMs more is counted as a timeout (undici's own timeouts fire before that)
  if (open > 0) {
    await new Promise<void>((resolve) => {
      allDone = resolve;
      setTimeout(resolve, cfg.timeoutMs + 1000).unref();
    });
  }
  closed = true;
  const cpuUse = process.cpuUsage(cpu0);
  const cpu = (cpuUse.user + cpuUse.system) / 1000 / (performance.now() - start);
  for (const s of Object.values(res)) {
    const stillOpen = s.sent - s.latencies.length - s.errors;
    if (stillOpen > 0) {
      s.errors += stillOpen;
      s.reasons['still open'] = stillOpen;
    }
    s.latencies.sort((a, b) => a - b);
  }
  lags.sort((a, b) => a - b);
  await pool.destroy();
  return {
    ...res,
    elapsedMs,
    lagP95: lags[Math.floor(lags.length * 0.95)] ?? 0,
    lagMax: lags[lags.length - 1] ?? 0,
    cpu,
  };
}

// run as a process: config JSON on stdin, result JSON into cfg.resultFile (written before exit, whatever its size)
if (process.argv[1] && /city-load-generator\.ts$/.test(process.argv[1])) {
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => (input += d));
  process.stdin.on('end', () => {
    const cfg = JSON.parse(input) as GeneratorConfig;
    generate(cfg).then(
      (r) => {
        writeFileSync(cfg.resultFile, JSON.stringify(r));
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
