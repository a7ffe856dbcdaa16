/**
 * Chaos mode: the reference server misbehaves on purpose, deterministically from a seed, so the kiosk's
 * sync engine can be tested against every failure the contract names.
 */

export const CHAOS_FAULTS = ['latency', 'error500', 'tooMany', 'unavailable', 'malformed', 'oversize', 'cut', 'reset'] as const;
export type ChaosFault = (typeof CHAOS_FAULTS)[number];

export interface ChaosOptions {
  /** PRNG seed: the same seed and request sequence give the same faults. */
  seed?: number;
  /** Probability per request of each fault (0..1). Faults are exclusive; their rates should sum to ≤ 1. */
  rates?: Partial<Record<ChaosFault, number>>;
  /** Delay range for the 'latency' fault (ms). */
  latencyMs?: [number, number];
  /** Retry-After value sent with 429 / 503 (seconds). */
  retryAfterS?: number;
  /** Size of an oversize body (bytes); default 21 MB, above the kiosk's 20 MB default limit. */
  oversizeBytes?: number;
  /** Only requests whose path starts with one of these are affected (default: all /v1/ routes). */
  paths?: string[];
}

/**
 * "Flapping network": a town server behind an overloaded proxy, or a kiosk on bad Wi-Fi — 25 % 503 with
 * Retry-After, 15 % connections cut mid-body, 10 % 429. `--chaos flapping` on the CLI; the sync convergence
 * test and `npm run bench -- sync` use it.
 */
export const FLAPPING_RATES: Partial<Record<ChaosFault, number>> = { unavailable: 0.25, cut: 0.15, tooMany: 0.1 };

/** mulberry32: small, fast, good enough for fault injection. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ChaosController {
  readonly options: Required<Omit<ChaosOptions, 'rates' | 'paths'>> & { rates: Partial<Record<ChaosFault, number>>; paths: string[] };
  /** Decides the fault for one request (null = behave). */
  decide(path: string): ChaosFault | null;
  /** Faults for the next matching requests, in order, before random ones. */
  enqueue(...faults: (ChaosFault | null)[]): void;
  setRates(rates: Partial<Record<ChaosFault, number>>): void;
  /** Faults injected so far, by kind. */
  readonly injected: Record<ChaosFault, number>;
  random(): number;
}

export function createChaos(opts: ChaosOptions = {}): ChaosController {
  const random = seededRandom(opts.seed ?? 1);
  const options = {
    seed: opts.seed ?? 1,
    rates: { ...(opts.rates ?? {}) },
    latencyMs: opts.latencyMs ?? ([20, 400] as [number, number]),
    retryAfterS: opts.retryAfterS ?? 1,
    oversizeBytes: opts.oversizeBytes ?? 21 * 1024 * 1024,
    paths: opts.paths ?? ['/v1/'],
  };
  const queue: (ChaosFault | null)[] = [];
  const injected = Object.fromEntries(CHAOS_FAULTS.map((f) => [f, 0])) as Record<ChaosFault, number>;
  return {
    options,
    injected,
    random,
    decide(path) {
      if (!options.paths.some((p) => path.startsWith(p))) return null;
      let fault: ChaosFault | null = null;
      if (queue.length) fault = queue.shift() ?? null;
      else {
        const r = random();
        let acc = 0;
        for (const f of CHAOS_FAULTS) {
          acc += options.rates[f] ?? 0;
          if (r < acc) {
            fault = f;
            break;
          }
        }
      }
      if (fault) injected[fault]++;
      return fault;
    },
    enqueue(...faults) {
      queue.push(...faults);
    },
    setRates(rates) {
      options.rates = { ...rates };
    },
  };
}

/** Parses the CLI form `--chaos seed=7,error500=0.1,tooMany=0.05,cut=0.05,latency=0.2,latencyMs=50-800`. */
export function parseChaosSpec(spec: string): ChaosOptions {
  const out: ChaosOptions = { rates: {} };
  if (spec === 'flapping') return { seed: 1, retryAfterS: 1, rates: { ...FLAPPING_RATES } };
  if (!spec || spec === 'true' || spec === 'default') {
    return { seed: 1, rates: { latency: 0.1, error500: 0.05, tooMany: 0.05, unavailable: 0.05, malformed: 0.1, oversize: 0.02, cut: 0.05 } };
  }
  for (const part of spec.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k || v === undefined) throw new Error(`--chaos: expected key=value, got "${part}"`);
    if (k === 'seed') out.seed = Number(v);
    else if (k === 'retryAfterS') out.retryAfterS = Number(v);
    else if (k === 'oversizeBytes') out.oversizeBytes = Number(v);
    else if (k === 'latencyMs') {
      const [a, b] = v.split('-').map(Number);
      out.latencyMs = [a ?? 0, b ?? a ?? 0];
    } else if ((CHAOS_FAULTS as readonly string[]).includes(k)) {
      const rate = Number(v);
      if (!(rate >= 0 && rate <= 1)) throw new Error(`--chaos: rate for ${k} must be between 0 and 1`);
      out.rates![k as ChaosFault] = rate;
    } else throw new Error(`--chaos: unknown key "${k}" (known: seed, latencyMs, retryAfterS, oversizeBytes, ${CHAOS_FAULTS.join(', ')})`);
  }
  return out;
}

/** Extra, deliberately invalid records mixed into an otherwise valid offers page. The kiosk must skip exactly these. */
export function malformedRecords(n: number): string[] {
  const bad = [
    { id: `chaos-bad-${n}-html`, title: '<script>alert(1)</script>', status: 'active' },
    { id: `chaos-bad-${n}-shape`, updated_at: 'yesterday', status: 'maybe' },
    42,
    null,
    'not an offer',
  ];
  return bad.map((b) => JSON.stringify(b));
}
