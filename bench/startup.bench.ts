/**
 * Startup bench (issue 20): what the first screen costs.
 *
 * 1. Bundle: builds the renderer (electron-vite, minified, screens split) and sums the gzipped JavaScript the first
 *    screen loads (the entry script and its modulepreload chunks in out/renderer/index.html). Baseline from the same
 *    build: all JavaScript of the renderer (what the first screen would load without on-demand chunks), so the
 *    figure shows what splitting saves. Goal ≤ 250 KB gzipped.
 * 2. Cold start of the browser host (the goal's figure, ≤ 1.0 s): Chromium already runs with a blank page; from
 *    spawning the host on a fresh data directory (database created, migrated, sample offers imported) until the
 *    kiosk page, requested as soon as the host prints "listening", shows an enabled button in <main>. Printed with
 *    its parts: host start -> listening, and the page alone (request -> first enabled button).
 *    Beside it, not hidden: the whole machine start, where Chromium is launched at the same moment as the host
 *    (what a kiosk PC does after boot); that waits for Chromium's own launch, printed on its own as well.
 *    Baseline in the same run: the same host compiled on start through tsx (the way it ran before), same browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Bench } from './benches';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'out/renderer');
const GOAL_FIRST_SCREEN_GZ_KB = 250;
const GOAL_COLD_START_MS = 1000;
const RUNS = 3;

function gzKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** Scripts the first screen loads: the module entry and every modulepreload link of index.html. */
export function firstScreenScripts(indexHtml: string): string[] {
  const srcs = new Set<string>();
  for (const m of indexHtml.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) srcs.add(m[1]!);
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) srcs.add(m[1]!);
  return [...srcs].map((s) => s.replace(/^\.\//, ''));
}

function waitForListening(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.on('exit', (code) => fail(new Error(`host exited with ${code}: ${out}`)));
  });
}

/** CPU time (user + system) a process has used so far, from /proc (Linux); null elsewhere. Less load-dependent than wall time. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ = 100
  } catch {
    return null;
  }
}

interface ColdStart {
  /** host spawned -> "listening" printed */
  listenMs: number;
  /** host spawned -> first enabled button (browser already running, or launched at the same moment) */
  screenMs: number;
  /** page requested -> first enabled button */
  pageMs: number;
  /** CPU (user + system) the host used until it listened */
  listenCpuMs: number | null;
  /** Chromium launch -> blank page open (only where the browser is launched inside the measurement) */
  browserMs: number | null;
}

const launchBrowser = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

/**
 * One cold start of the host on a fresh data directory. `browser` given: it already runs (the goal's reading: the
 * host's start to the first interactive screen). Not given: Chromium is launched at the same moment as the host.
 */
async function coldStart(command: string, args: string[], browser?: Browser): Promise<ColdStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'startup-bench-'));
  let page: Page | undefined;
  if (browser) {
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto('about:blank');
  }
  const t0 = performance.now();
  const child = spawn(command, [...args, '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const own = browser
    ? null
    : launchBrowser().then(async (b) => {
        const p = await b.newPage({ viewport: { width: 1920, height: 1080 } });
        return { b, p, ms: performance.now() - t0 };
      });
  try {
    const url = await waitForListening(child);
    const listenMs = performance.now() - t0;
    const listenCpuMs = cpuMs(child.pid);
    const launched = own ? await own : null;
    page ??= launched!.p;
    const tPage = performance.now();
    await page.goto(url);
    await page.locator('main button:not([disabled])').first().waitFor({ state: 'visible' });
    const screenMs = performance.now() - t0;
    const pageMs = performance.now() - tPage;
    if (launched) await launched.b.close();
    else await page.close();
    return { listenMs, screenMs, pageMs, listenCpuMs, browserMs: launched?.ms ?? null };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export const startupBench: Bench = {
  name: 'startup',
  async run() {
    const build = spawnSync(join(ROOT, 'node_modules/.bin/electron-vite'), ['build', '-c', 'electron.config.ts'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`renderer build failed: ${build.stderr}`);
    const hostBuild = spawnSync(process.execPath, [join(ROOT, 'scripts/build-host.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (hostBuild.status !== 0) throw new Error(`host build failed: ${hostBuild.stderr}`);

    const first = firstScreenScripts(readFileSync(join(OUT, 'index.html'), 'utf8'));
    const firstKb = first.reduce((sum, f) => sum + gzKb(join(OUT, f)), 0);
    const allJs = readdirSync(join(OUT, 'assets')).filter((f) => f.endsWith('.js') && !f.startsWith('espeak'));
    const allKb = allJs.reduce((sum, f) => sum + gzKb(join(OUT, 'assets', f)), 0);
    console.log(`first screen JS: ${firstKb.toFixed(1)} KB gzipped in ${first.length} files (goal ≤ ${GOAL_FIRST_SCREEN_GZ_KB} KB) ${firstKb <= GOAL_FIRST_SCREEN_GZ_KB ? 'OK' : 'MISSED'}`);
    console.log(`baseline, all renderer JS except the speech engine's worker: ${allKb.toFixed(1)} KB gzipped in ${allJs.length} files`);

    const bundledHost = [join(ROOT, 'out/host/cli.mjs')];
    const tsxHost = [join(ROOT, 'electron/host/cli.ts')];
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const loadBefore = loadAverage();
    const running: ColdStart[] = [];
    const runningTsx: ColdStart[] = [];
    const machine: ColdStart[] = [];
    const browser = await launchBrowser();
    try {
      for (let i = 0; i < RUNS; i++) {
        running.push(await coldStart(process.execPath, bundledHost, browser));
        runningTsx.push(await coldStart(tsx, tsxHost, browser));
      }
    } finally {
      await browser.close();
    }
    for (let i = 0; i < RUNS; i++) machine.push(await coldStart(process.execPath, bundledHost));
    const med = (rs: ColdStart[], f: (r: ColdStart) => number | null) => {
      const xs = rs.map(f);
      return xs.every((x) => x !== null) ? median(xs as number[]).toFixed(0) : 'n/a';
    };
    const screen = median(running.map((r) => r.screenMs));
    console.log(`load average before ${loadBefore}, after ${loadAverage()} (2 cores shared: wall figures swing with it)`);
    console.log(
      `cold start of the browser host, Chromium already running (median of ${RUNS}): first interactive screen ${screen.toFixed(0)} ms (goal ≤ ${GOAL_COLD_START_MS} ms) ${screen <= GOAL_COLD_START_MS ? 'OK' : 'MISSED'}` +
        ` (medians of its parts: listening ${med(running, (r) => r.listenMs)} ms, page ${med(running, (r) => r.pageMs)} ms; host CPU until listening ${med(running, (r) => r.listenCpuMs)} ms)`,
    );
    // No CPU figure for tsx: it runs the host in a child process, and /proc of the spawned pid sees only tsx's wrapper.
    console.log(
      `baseline, same host through tsx:       first interactive screen ${med(runningTsx, (r) => r.screenMs)} ms (listening ${med(runningTsx, (r) => r.listenMs)} ms, page ${med(runningTsx, (r) => r.pageMs)} ms)`,
    );
    // The machine's start: Chromium is launched at the same moment as the host; the screen waits for whichever is last.
    console.log(
      `whole start, host and Chromium launched together (bundled host, median of ${RUNS}): first interactive screen ${med(machine, (r) => r.screenMs)} ms; Chromium launch to a blank page ${med(machine, (r) => r.browserMs)} ms, host listening ${med(machine, (r) => r.listenMs)} ms, page ${med(machine, (r) => r.pageMs)} ms`,
    );
  },
};
