#!/usr/bin/env node
// `npm test`: every check the project has, in order, continuing after a failure so one run shows everything.
// Steps: typecheck, lint, electronegativity (reports/electronegativity.csv), build (electron-vite), vitest
// (reports/vitest.json), Playwright (reports/playwright.json).
// Ends with exactly one line "N passed, N failed": vitest + Playwright test totals; a failing typecheck, lint,
// electronegativity (any HIGH/MEDIUM finding without eng-disable) or build counts as one failure each. Exit code
// 0 only when nothing failed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules/.bin');
const REPORTS = join(ROOT, 'reports');
const VITEST_JSON = join(REPORTS, 'vitest.json');
const PLAYWRIGHT_JSON = join(REPORTS, 'playwright.json');

/** Runs a command with live output; returns its exit status and duration. */
function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${[cmd, ...args].join(' ')}\n`);
  const started = Date.now();
  const r = spawnSync(join(BIN, cmd), args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const status = r.error ? `could not run: ${r.error.message}` : r.status === null ? `killed by ${r.signal}` : r.status;
  return { ok: r.status === 0, status, seconds };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** vitest JSON: test totals, plus one failure per file that failed without any test result (e.g. did not load). */
export function countVitest(report) {
  if (!report) return null;
  let passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
  return { passed, failed };
}

/** Playwright JSON: expected = passed; unexpected and flaky = failed; top-level errors (load or setup errors) = failed. */
export function countPlaywright(report) {
  if (!report?.stats) return null;
  const s = report.stats;
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) + (report.errors ?? []).length };
}

const ELECTRONEGATIVITY_CSV = join(REPORTS, 'electronegativity.csv');
/** The Electron code the tool reads: the sources, not node_modules/out (bundles lose the eng-disable comments). */
const ELECTRONEGATIVITY_INPUT = ['electron', 'renderer', 'shared', 'package.json'];

/**
 * electronegativity CSV (issue, severity, confidence, filename, location, ...): the HIGH and MEDIUM findings.
 * A reviewed finding carries `// eng-disable <CHECK>` on its own line and is not in the file at all.
 */
export function electronegativityFindings(csv) {
  return csv
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .filter((f) => f.length >= 5 && /^"?(HIGH|MEDIUM)"?$/.test(f[1].trim()))
    .map((f) => `${f[0]} ${f[1].replace(/"/g, '')} ${f[3].replace(/"/g, '')}:${f[4].replace(/"/g, '')}`);
}

/**
 * Electronegativity over a copy of the Electron sources. AvailableSecurityFixesGlobalCheck is left out: it
 * downloads Electron's release list (the version is npm's to keep current). The tool also tries to download
 * translations at start and waits for that to fail offline (most of its ~16-25 s wall time, ~2-3 s CPU).
 */
export function runElectronegativity() {
  mkdirSync(REPORTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    for (const p of ELECTRONEGATIVITY_INPUT) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
    const electron = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    rmSync(ELECTRONEGATIVITY_CSV, { force: true });
    const r = run('electronegativity', 'electronegativity', [
      '-i', dir, '-r', '-s', 'medium', '-e', electron, '-v', 'false',
      '-x', 'AvailableSecurityFixesGlobalCheck', '-o', ELECTRONEGATIVITY_CSV,
    ]);
    const csv = existsSync(ELECTRONEGATIVITY_CSV) ? readFileSync(ELECTRONEGATIVITY_CSV, 'utf8') : null;
    if (!r.ok || csv === null) return { ok: false, detail: `no report (exit ${r.status}), ${r.seconds}s` };
    const findings = electronegativityFindings(csv);
    for (const f of findings) process.stdout.write(`electronegativity: ${f}\n`);
    return { ok: findings.length === 0, detail: `${findings.length} HIGH/MEDIUM finding(s) without eng-disable, ${r.seconds}s` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main() {
  mkdirSync(REPORTS, { recursive: true });
  const results = [];
  let passed = 0;
  let failed = 0;
  const step = (name, outcome, detail) => {
    results.push({ name, outcome, detail });
  };

  for (const [name, cmd, args] of [
    ['typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']],
    ['lint', 'eslint', ['.']],
    ['electronegativity'],
    ['build', 'electron-vite', ['build', '-c', 'electron.config.ts']],
  ]) {
    if (name === 'electronegativity') {
      const e = runElectronegativity();
      if (!e.ok) failed += 1;
      step(name, e.ok ? 'ok' : 'FAILED', e.detail);
      continue;
    }
    const r = run(name, cmd, args);
    if (!r.ok) failed += 1;
    step(name, r.ok ? 'ok' : 'FAILED', `${r.ok ? '' : `exit ${r.status}, `}${r.seconds}s`);
    if (name === 'build') results.buildOk = r.ok;
  }

  rmSync(VITEST_JSON, { force: true });
  const v = run('vitest', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`]);
  const vc = countVitest(readJson(VITEST_JSON));
  if (vc) {
    passed += vc.passed;
    failed += vc.failed;
    // A non-zero exit with no failing test (e.g. an unhandled error between tests) is still a failure.
    if (!v.ok && vc.failed === 0) failed += 1;
    step('vitest', v.ok && vc.failed === 0 ? 'ok' : 'FAILED', `${vc.passed} passed, ${vc.failed} failed, ${v.seconds}s`);
  } else {
    failed += 1;
    step('vitest', 'FAILED', `no report (exit ${v.status}), ${v.seconds}s`);
  }

  rmSync(PLAYWRIGHT_JSON, { force: true });
  if (!results.buildOk) {
    failed += 1;
    step('playwright', 'FAILED', 'not run: the build failed');
  } else {
    const ownJson = join(REPORTS, `.playwright-${process.pid}.json`);
    const p = run('playwright', 'playwright', ['test'], { KIOSK_PLAYWRIGHT_JSON: ownJson });
    const pc = countPlaywright(readJson(ownJson));
    if (existsSync(ownJson)) renameSync(ownJson, PLAYWRIGHT_JSON);
    if (pc) {
      passed += pc.passed;
      failed += pc.failed;
      if (!p.ok && pc.failed === 0) failed += 1;
      step('playwright', p.ok && pc.failed === 0 ? 'ok' : 'FAILED', `${pc.passed} passed, ${pc.failed} failed, ${p.seconds}s`);
    } else {
      failed += 1;
      step('playwright', 'FAILED', `no report (exit ${p.status}), ${p.seconds}s`);
    }
  }

  process.stdout.write('\n=== summary\n');
  for (const r of results) process.stdout.write(`${r.name.padEnd(17)} ${r.outcome.padEnd(7)} ${r.detail}\n`);
  process.stdout.write(`reports: ${existsSync(VITEST_JSON) ? 'reports/vitest.json ' : ''}${existsSync(PLAYWRIGHT_JSON) ? 'reports/playwright.json' : ''}\n`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
