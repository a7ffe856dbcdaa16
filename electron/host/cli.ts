/**
 * Browser host: `npm run host -- --port <p> --data-dir <dir>`.
 * Serves the built renderer and the kiosk API on 127.0.0.1 only; the same composition root as Electron.
 * Exit codes: 0 clean shutdown (SIGTERM/SIGINT), 1 could not start (port busy, database problem), 2 invalid arguments or kiosk.json.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KioskConfigError, loadKioskConfig } from '../services/config/kiosk-config-file';
import type { KioskRuntime } from '../services/compose';
import { DB_FILE_NAME } from '../services/db/db-file-name';
import { lockDataDir } from '../services/data-dir-lock';
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

/** Closes the host when the kiosk cannot start, but waits at most 2 s: the process exits 1 either way. */
function closeBeforeExit(host: RunningHost): Promise<void> {
  return Promise.race([host.close().catch(() => {}), new Promise<void>((done) => setTimeout(done, 2_000).unref())]);
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

  // Start order (issue 20: cold start): lock the data directory, listen, then prepare the database in a worker thread
  // and compose the kiosk, so Chromium loads and runs the page meanwhile. API calls arriving before the kiosk is
  // composed wait for it (electron/host/server.ts); none is refused or lost.
  let dirLock: ReturnType<typeof lockDataDir>;
  try {
    mkdirSync(args.dataDir, { recursive: true });
    dirLock = lockDataDir(args.dataDir);
  } catch (err) {
    fail(`Cannot start the kiosk: ${(err as Error).message}`, 1);
  }
  let composedOk!: (r: KioskRuntime) => void;
  let composedFailed!: (err: unknown) => void;
  const composed = new Promise<KioskRuntime>((ok, no) => {
    composedOk = ok;
    composedFailed = no;
  });

  let host: RunningHost;
  try {
    host = await listenHost({ runtime: composed, rendererDir: args.rendererDir, port: args.port, log: consoleLog });
  } catch (err) {
    dirLock.release();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') fail(`Cannot start the kiosk: port ${args.port} on 127.0.0.1 is already in use. Choose another with --port.`, 1);
    fail(`Cannot start the kiosk: ${e.message}`, 1);
  }
  if (!host.rendererBuilt) {
    process.stderr.write(`Warning: the kiosk screens are not built (${args.rendererDir}/index.html is missing); only the API is served. Run: npm run build\n`);
  }
  process.stdout.write(`listening on ${host.url}\n`);

  // Signals from here on: a stop during the composition waits for it (the database worker finishes its transaction).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLog.info(`received ${signal}, shutting down`);
    const forced = setTimeout(() => fail('shutdown took too long; exiting', 1), 10_000);
    forced.unref();
    try {
      const runtime = await composed;
      await host.close();
      await runtime.stop();
    } catch (err) {
      fail(`error during shutdown: ${(err as Error).message}`, 1);
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const dbFile = join(args.dataDir, DB_FILE_NAME);
  let runtime: KioskRuntime;
  try {
    // Loaded only now (issue 20): the kiosk's services (compose graph, better-sqlite3, the contract's zod schemas) are
    // a separate chunk of the host bundle, so Node evaluates none of it before the host listens.
    const [{ prepareKioskDataOffThread }, { composeKiosk }] = await Promise.all([import('./prepare-data'), import('../services/compose')]);
    // the file's name in the message: "EISDIR: illegal operation on a directory, read" alone tells IT staff nothing
    const prepared = await prepareKioskDataOffThread(dbFile).catch((err: unknown) => {
      throw new Error(`could not open the database ${dbFile}: ${err instanceof Error ? err.message : String(err)}`);
    });
    if (prepared.sampleOffers !== null) consoleLog.info(`imported ${prepared.sampleOffers} built-in Siegburg sample offers${config.cityApi ? ' (until the first sync from the city API)' : ' (no city API configured)'}`);
    runtime = composeKiosk({ dataDir: args.dataDir, config, version: readVersion(), log: consoleLog, prepared: { dirLock, healed: prepared.healed } });
  } catch (err) {
    composedFailed(err);
    await closeBeforeExit(host);
    dirLock.release();
    fail(`Cannot start the kiosk: ${(err as Error).message}`, 1);
  }
  composedOk(runtime);
  // Timers, the first sync and the search index warm-up start once the kiosk is composed; the handlers themselves work
  // before start() (a search before the warm-up builds the index itself).
  try {
    runtime.start();
  } catch (err) {
    await closeBeforeExit(host);
    await runtime.stop().catch(() => {});
    fail(`Cannot start the kiosk: ${(err as Error).message}`, 1);
  }
}

void main();
