/**
 * Browser host: `npm run host -- --port <p> --data-dir <dir>`.
 * Serves the built renderer and the kiosk API on 127.0.0.1 only; the same composition root as Electron.
 * Exit codes: 0 clean shutdown (SIGTERM/SIGINT), 1 could not start (port busy, database problem), 2 invalid arguments or kiosk.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KioskConfigError, loadKioskConfig } from '../services/config/kiosk-config-file';
import { composeKiosk, type KioskRuntime } from '../services/compose';
import { consoleLog } from '../services/log';
import { HOST_USAGE, parseHostArgs, type HostArgs } from './host-args';
import { listenHost, type RunningHost } from './server';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readVersion(): string {
  try {
    return (JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main() {
  let args: HostArgs;
  try {
    args = parseHostArgs(process.argv.slice(2), projectRoot);
  } catch (err) {
    fail(`${(err as Error).message}\n${HOST_USAGE}`, 2);
  }

  let config;
  try {
    config = loadKioskConfig(args.dataDir);
  } catch (err) {
    if (err instanceof KioskConfigError) fail(`Cannot start the kiosk: ${err.message}`, 2);
    fail(`Cannot start the kiosk: could not read the configuration in ${args.dataDir}: ${(err as Error).message}`, 2);
  }

  let runtime: KioskRuntime;
  try {
    runtime = composeKiosk({ dataDir: args.dataDir, config, version: readVersion(), log: consoleLog });
  } catch (err) {
    fail(`Cannot start the kiosk: ${(err as Error).message}`, 1);
  }

  let host: RunningHost;
  try {
    host = await listenHost({ runtime, rendererDir: args.rendererDir, port: args.port, log: consoleLog });
  } catch (err) {
    await runtime.stop().catch(() => {});
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`Cannot start the kiosk: port ${args.port} on 127.0.0.1 is already in use. Choose another with --port.`, 1);
    fail(`Cannot start the kiosk: ${e.message}`, 1);
  }
  if (!host.rendererBuilt) {
    process.stderr.write(`Warning: the kiosk screens are not built (${args.rendererDir}/index.html is missing); only the API is served. Run: npm run build\n`);
  }
  process.stdout.write(`listening on ${host.url}\n`);
  // Timers, the first sync and the search index warm-up start once the host answers (issue 20: cold start). They
  // still run before the browser's first request is served (same event loop, started synchronously here); the
  // handlers themselves work before start() — a search before the warm-up builds the index itself.
  try {
    runtime.start();
  } catch (err) {
    await host.close().catch(() => {});
    await runtime.stop().catch(() => {});
    fail(`Cannot start the kiosk: ${(err as Error).message}`, 1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLog.info(`received ${signal}, shutting down`);
    const forced = setTimeout(() => fail('shutdown took too long; exiting', 1), 10_000);
    forced.unref();
    try {
      await host.close();
      await runtime.stop();
    } catch (err) {
      fail(`error during shutdown: ${(err as Error).message}`, 1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
