/**
 * A throwaway PostgreSQL cluster for tests (issue 19): initdb into a temporary directory, a free port on
 * 127.0.0.1, `pg_ctl start`, and at the end `pg_ctl stop -m immediate` and the directory removed.
 *
 * PostgreSQL refuses to run as root, so as root the binaries run as `nobody` through `runuser` (the data
 * directory is handed to that user); as any other user they run as that user. Binaries: Debian's
 * /usr/lib/postgresql/<major>/bin (or PG_BIN). Nothing outside the temporary directory is touched; the cluster
 * trusts local connections only (listen 127.0.0.1, socket in the temporary directory).
 *
 * Used as vitest globalSetup of the `postgres` project (vitest.config.ts, files named *.pg.test.ts): the URL of
 * the cluster's `postgres` database reaches the tests through `inject('pgUrl')`; each test makes its own
 * database with `freshDatabase()` (tests/support/pg-database.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** pg_ctl stop -m fast|immediate, then start again on the same port (fault tests). */
  restart(opts?: { downMs?: number; mode?: 'fast' | 'immediate' }): Promise<void>;
  stopServer(mode?: 'fast' | 'immediate'): void;
  startServer(): void;
  /** Stops the server and removes the directory. */
  drop(): void;
}

/** Debian's binaries of the newest installed major version, or PG_BIN. */
export function findPgBin(): string | null {
  if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgresOptions {
  /**
   * Commits wait for the disk as in service (fsync, synchronous_commit, full_page_writes on). Default off: tests
   * do not need crash safety, and the bench turns it on to compare with SQLite (WAL, synchronous FULL) fairly.
   */
  durable?: boolean;
  /** Extra server settings (`-c name=value`), e.g. shared_preload_libraries=pg_stat_statements for the bench. */
  settings?: Record<string, string>;
}

export async function startThrowawayPostgres(opts: ThrowawayPostgresOptions = {}): Promise<ThrowawayPostgres> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql, or set PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'city-api-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) execFileSync('chown', ['nobody:nogroup', dir]);
  else chmodSync(dir, 0o700);
  const run = (cmd: string, args: string[]): void => {
    const argv = asRoot ? ['-u', 'nobody', '--', join(bin, cmd), ...args] : args;
    const r = spawnSync(asRoot ? 'runuser' : join(bin, cmd), argv, { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || String(r.error)).slice(-2000)}`);
  };
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    ...(opts.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    max_connections: '200',
    ...opts.settings,
  };
  const serverArgs = [`-p ${port} -k ${dir}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  const startServer = (): void =>
    run('pg_ctl', [
      '-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60',
      '-o', serverArgs,
      'start',
    ]);
  const stopServer = (mode: 'fast' | 'immediate' = 'fast'): void => run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  try {
    startServer();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stopServer,
    startServer,
    async restart({ downMs = 0, mode = 'fast' } = {}) {
      stopServer(mode);
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      startServer();
    },
    drop() {
      try {
        stopServer('immediate');
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- vitest globalSetup (postgres project)

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the throwaway cluster's `postgres` database; '' when PostgreSQL is not installed (tests skip). */
    pgUrl: string;
  }
}

let cluster: ThrowawayPostgres | null = null;

export async function setup({ provide }: { provide: (key: 'pgUrl', value: string) => void }): Promise<void> {
  if (process.env.CITY_API_TEST_PG_URL) {
    provide('pgUrl', process.env.CITY_API_TEST_PG_URL);
    return;
  }
  if (!findPgBin()) {
    // CI (.ci/run) sets CITY_API_PG_REQUIRED=1: there a missing PostgreSQL is a failure, not a skip.
    if (process.env.CITY_API_PG_REQUIRED) throw new Error('PostgreSQL tests required, but no PostgreSQL binaries (apt-get install postgresql)');
    process.stderr.write('PostgreSQL not installed: the PostgreSQL variants of the city API tests are skipped\n');
    provide('pgUrl', '');
    return;
  }
  cluster = await startThrowawayPostgres();
  provide('pgUrl', cluster.url);
}

export function teardown(): void {
  cluster?.drop();
  cluster = null;
}
