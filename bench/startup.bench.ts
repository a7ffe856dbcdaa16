/**
 * Startup bench (issue 20): what the first screen costs.
 *
 * 1. Bundle: builds the renderer (electron-vite, minified, screens split) and sums the gzipped JavaScript the first
 *    screen loads (the entry script and its modulepreload chunks in out/renderer/index.html). Baseline from the same
 *    build: all JavaScript of the renderer (what the first screen would load without on-demand chunks), so the
 *    figure shows what splitting saves. Goal ≤ 250 KB gzipped.
 * 2. Cold start: spawn the browser host on a fresh data directory, launch Chromium, open the kiosk, until the first
 *    screen shows an enabled button. Once with the bundled host (what `npm run host` runs) and once with the same
 *    host compiled on start through tsx (the way it ran before), same data, same browser. Goal ≤ 1.0 s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
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

async function coldStart(command: string, args: string[]): Promise<{ listenMs: number; screenMs: number; pageMs: number; listenCpuMs: number | null }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'startup-bench-'));
  const t0 = performance.now();
  const child = spawn(command, [...args, '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const browserPromise = chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const url = await waitForListening(child);
    const listenMs = performance.now() - t0;
    const listenCpuMs = cpuMs(child.pid);
    const browser = await browserPromise;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const tPage = performance.now();
    await page.goto(url);
    await page.locator('main button:not([disabled])').first().waitFor({ state: 'visible' });
    const screenMs = performance.now() - t0;
    // the page alone: from the request of the kiosk page to its first enabled button (host listening, browser open)
    const pageMs = performance.now() - tPage;
    await browser.close();
    return { listenMs, screenMs, pageMs, listenCpuMs };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
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

    const bundled: Awaited<ReturnType<typeof coldStart>>[] = [];
    const viaTsx: Awaited<ReturnType<typeof coldStart>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      bundled.push(await coldStart(process.execPath, [join(ROOT, 'out/host/cli.mjs')]));
      viaTsx.push(await coldStart(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'electron/host/cli.ts')]));
    }
    const b = { listen: median(bundled.map((r) => r.listenMs)), screen: median(bundled.map((r) => r.screenMs)), page: median(bundled.map((r) => r.pageMs)) };
    const t = { listen: median(viaTsx.map((r) => r.listenMs)), screen: median(viaTsx.map((r) => r.screenMs)) };
    console.log(`cold start, bundled host (median of ${RUNS}): listening ${b.listen.toFixed(0)} ms, first screen ${b.screen.toFixed(0)} ms (goal ≤ ${GOAL_COLD_START_MS} ms) ${b.screen <= GOAL_COLD_START_MS ? 'OK' : 'MISSED'}`);
    console.log(`baseline, same host through tsx:       listening ${t.listen.toFixed(0)} ms, first screen ${t.screen.toFixed(0)} ms`);
    // The first screen above waits for whichever comes last, the host or Chromium's own launch; this is the kiosk's part.
    console.log(`page alone, bundled host (goto -> first enabled button, median): ${b.page.toFixed(0)} ms`);
    // CPU the host spent until it listened: what the start itself costs, less dependent on what else the machine runs.
    const cpu = (rs: typeof bundled) => (rs.every((r) => r.listenCpuMs !== null) ? `${median(rs.map((r) => r.listenCpuMs!)).toFixed(0)} ms` : 'n/a');
    console.log(`host CPU until listening (median): bundled ${cpu(bundled)}, through tsx ${cpu(viaTsx)}`);
  },
};
