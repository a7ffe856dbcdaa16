#!/usr/bin/env node
// `npm start`: build, then launch the kiosk in Electron — or, when the Electron binary is not available on
// this machine, say so in one line and start the browser host on http://127.0.0.1:4780 with ./.kiosk-data.
// Extra arguments go to the browser host: `npm start -- --port 4790`.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHost } from './build-host.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules/.bin');

function runOrExit(cmd, args, what) {
  const r = spawnSync(join(BIN, cmd), args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

/** Runs a child until it ends, passing Ctrl+C / SIGTERM on; exits with its code. */
function runForeground(file, args, env = {}) {
  const child = spawn(file, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  const pass = (sig) => () => child.kill(sig);
  process.on('SIGINT', pass('SIGINT'));
  process.on('SIGTERM', pass('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * better-sqlite3 is a native module built for Node's ABI (so the browser host and the tests work).
 * Electron needs a build for its own ABI. We make it here, at launch, in a separate copy under
 * node_modules/.cache, so the Node build stays intact; see docs/adr/0003-native-rebuild-at-electron-launch.md.
 */
function electronSqliteBinding(electronVersion) {
  const sqliteVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
  const stage = join(ROOT, 'node_modules/.cache/gemeinsam-kiosk/electron-native', `electron-${electronVersion}-better-sqlite3-${sqliteVersion}`);
  const binding = join(stage, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (once) …`);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'node_modules'), { recursive: true });
  writeFileSync(join(stage, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  cpSync(join(ROOT, 'node_modules/better-sqlite3'), join(stage, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  runOrExit('electron-rebuild', ['--version', electronVersion, '--module-dir', stage, '--only', 'better-sqlite3', '--force'], 'Rebuilding better-sqlite3 for Electron');
  if (!existsSync(binding)) {
    console.error(`Rebuilding better-sqlite3 for Electron produced no ${binding}.`);
    process.exit(1);
  }
  return binding;
}

runOrExit('electron-vite', ['build', '-c', 'electron.config.ts'], 'Building the kiosk');

const electron = findElectronBinary(ROOT);
if (!electron.available) {
  console.log(`Electron is not available on this machine (${electron.reason}), so the browser host starts instead: open the URL printed below in a browser.`);
    // The host runs from its bundle (out/host/cli.mjs, made by scripts/build-host.mjs): plain node, no tsx compile on start.
  const hostBundle = await buildHost();
  runForeground(process.execPath, [hostBundle, '--port', '4780', '--data-dir', './.kiosk-data', ...process.argv.slice(2)]);
} else {
  const binding = electronSqliteBinding(electron.version);
  runForeground(electron.path, ['.'], { KIOSK_SQLITE_BINDING: binding });
}
