import { parseArgs } from 'node:util';
import { parseChaosSpec, type ChaosOptions } from './chaos';
import { startCalendarScheduler } from './calendar-sources/refresh';
import { openCityDb } from './city-db';
import { createCityApiLogger } from './ops/logging';
import { closeHttp, installGracefulShutdown } from './ops/shutdown';
import { parseSeedSpec, seedStorage } from './seed';
import { checkPublicUrl, checkTrustProxy, listenCityApi, PublicUrlRequiredError } from './server';
import type { KioskStorage } from './storage/kiosk-storage';
import { openPgStorage } from './storage/pg-storage';
import { sqliteStorage } from './storage/sqlite-storage';
import { hasPasswordControl } from './staff-auth';
import { runStaffCommand, STAFF_COMMANDS } from './staff/staff-add';
import { townIdSchema } from './storage/town-storage';
import { parseSiteNames, parseTownSite, withPrivacyContacts, withTownNames } from './public-web/web-town';

const USAGE = `Reference city API for GEMEINSAM Kiosk (docs/city-api.md)

  npm run city-api -- [options]
  npm run city-api -- staff-add --name <name> --role editor|moderator|admin [--town <town>] [--db <file|url>]
                             create a staff account (or set a new password/role/town); the password comes from env
                             CITY_STAFF_PASSWORD, stdin's first line, or a prompt — never from the command line.
                             Once any account exists, /staff asks for name + password and --admin-password no longer logs in
  npm run city-api -- staff-disable --name <name> [--db <file|url>]

  --port <n>                 port (default 4880; 0 = any free port)
  --host <addr>              address to listen on (default 127.0.0.1)
  --db <file|url>            SQLite database file (default city-api.sqlite; created if missing), or a PostgreSQL URL
                             postgres://user:password@host:5432/database (or env DATABASE_URL): everything but calendar
                             sources and the Bedarf page so far
  --db-pool <n>              PostgreSQL only: connections this instance holds at most (1..100, default 10; or env CITY_API_DB_POOL)
  --seed <spec>              seed: "sample" (Siegburg sample data and events), "synthetic:<n>[:<seed>]", or "sample+synthetic:<n>"
  --kiosk-token <id:token>   register a kiosk and its bearer token (repeatable)
  --kiosk-town <id=town>     the kiosk's town (repeatable; e.g. rathaus-foyer=siegburg): it then syncs only that town's offers
                             and those without town (a district server; docs/city-api.md "Towns"); "<id>=" removes the town
  --town-site <town=url>     a town's own address, e.g. lohmar=https://angebote.lohmar.de (repeatable): requests with that
                             Host get that town's public pages and feeds (docs/deployment.md "Several towns"); other Hosts the district
  --town-name <town[:lang]=name>  the name on a --town-site town's pages (repeatable): lohmar=Lohmar for every language,
                             lohmar:uk=Ломар / lohmar:ar=لومار for one (de, de-LS, en, tr, uk, ar); default: from the town id
  --site-name <[lang=]name>  the name on the pages of every other Host (repeatable, e.g. "Rhein-Sieg-Kreis", "uk=Рейн-Зіг");
                             default Siegburg
  --privacy-contact <[town=]address>  who answers privacy questions on /datenschutz (repeatable): without town for every
                             address without town (default Stadt Siegburg, Rathaus, …), lohmar=… for a --town-site town
  --admin-password <pw>      enable the staff web page at /staff (or env CITY_API_ADMIN_PASSWORD); this shared password logs in
                             (as the district's admin) only while no staff account exists (staff-add)
  --chaos [spec]             misbehave on purpose, e.g. "seed=7,error500=0.1,tooMany=0.05,cut=0.05,malformed=0.1,latency=0.2,latencyMs=50-800"
                             (no spec: a default mix of every fault; "flapping": 25 % 503, 15 % cut mid-body, 10 % 429;
                             "reset=0.05": connections dropped before any answer)
  --secure-cookies           set Secure on the staff session cookie (when served over HTTPS)
  --public-url <url>         public address of this server, e.g. https://angebote.siegburg.de (required unless --kiosk-api-only):
                             every absolute link (poster QR code, feeds, club form's private links, public pages) is built from it,
                             never from the request's Host header
  --kiosk-api-only           serve only /v1, /images and /health (no staff page, club form, feeds or public pages)
  --trust-proxy <addrs>      comma-separated IPs or CIDR ranges of your reverse proxy (default: none); only from these is
                             X-Forwarded-For believed, so per-address limits see the real visitor
  --log                      also log every request and its answer (one JSON line each; tokens, cookies, bodies never logged)
  --log-level <level>        fatal, error, warn, info (default), debug or silent; logs are JSON lines on stdout
  --shutdown-timeout <s>     on SIGTERM/SIGINT wait at most this long for requests in flight (default 10)
  --no-calendar-refresh      do not fetch the registered calendar sources (iCal/webcal/JSON-LD) on the schedule
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4880' },
      host: { type: 'string', default: '127.0.0.1' },
      db: { type: 'string' },
      'db-pool': { type: 'string' },
      seed: { type: 'string' },
      'kiosk-token': { type: 'string', multiple: true },
      'kiosk-town': { type: 'string', multiple: true },
      'town-site': { type: 'string', multiple: true },
      'town-name': { type: 'string', multiple: true },
      'site-name': { type: 'string', multiple: true },
      'privacy-contact': { type: 'string', multiple: true },
      'admin-password': { type: 'string' },
      chaos: { type: 'string' },
      'secure-cookies': { type: 'boolean', default: false },
      'public-url': { type: 'string' },
      'kiosk-api-only': { type: 'boolean', default: false },
      'trust-proxy': { type: 'string', multiple: true },
      log: { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
      'shutdown-timeout': { type: 'string', default: '10' },
      'no-calendar-refresh': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port number: ${values.port}`);
  const level = values['log-level']!;
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) throw new Error(`--log-level: not a level: ${level}`);
  const shutdownTimeoutS = Number(values['shutdown-timeout']);
  if (!(shutdownTimeoutS > 0 && shutdownTimeoutS <= 600)) throw new Error(`--shutdown-timeout: seconds, 1..600, got ${values['shutdown-timeout']}`);
  // every line this process writes from here on is one JSON object (ops/logging.ts)
  const log = createCityApiLogger({ level });
  let chaos: ChaosOptions | undefined;
  if (values.chaos !== undefined) chaos = parseChaosSpec(values.chaos);
  const adminPassword = values['admin-password'] ?? process.env.CITY_API_ADMIN_PASSWORD;
  if (adminPassword !== undefined && adminPassword.length < 10) throw new Error('--admin-password: use at least 10 characters');
  if (adminPassword !== undefined && hasPasswordControl(adminPassword)) throw new Error('--admin-password: no control characters (NUL, tab, line breaks, …)');

  const kioskApiOnly = values['kiosk-api-only']!;
  const publicUrl = values['public-url'] === undefined ? undefined : checkPublicUrl(values['public-url']);
  if (publicUrl === undefined && (!kioskApiOnly || adminPassword !== undefined)) throw new PublicUrlRequiredError();
  const trustProxy = checkTrustProxy((values['trust-proxy'] ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));

  const dbArg = values.db ?? process.env.DATABASE_URL ?? 'city-api.sqlite';
  const onPostgres = /^postgres(ql)?:\/\//i.test(dbArg);
  const poolArg = values['db-pool'] ?? process.env.CITY_API_DB_POOL;
  const pool = poolArg === undefined ? undefined : Number(poolArg);
  if (pool !== undefined && !(Number.isInteger(pool) && pool >= 1 && pool <= 100)) throw new Error(`--db-pool: connections, 1..100, got ${poolArg}`);
  const db = onPostgres ? null : openCityDb(dbArg);
  const storage: KioskStorage = db
    ? sqliteStorage(db)
    : await openPgStorage({ url: dbArg, max: pool, onPoolError: (err) => log.warn({ err }, 'database connection lost (the pool reconnects)') });
  if (values.seed) {
    const { offers } = await seedStorage(storage, parseSeedSpec(values.seed));
    log.info({ offers, seed: values.seed }, `seeded ${offers} offers (${values.seed})`);
  }
  for (const kt of values['kiosk-token'] ?? []) {
    const i = kt.indexOf(':');
    const id = kt.slice(0, i);
    const token = kt.slice(i + 1);
    if (i < 1 || !/^[A-Za-z0-9._:-]{1,128}$/.test(id) || token.length < 16) {
      throw new Error(`--kiosk-token: expected <kiosk id>:<token of at least 16 characters>, got "${kt.slice(0, 40)}"`);
    }
    await storage.registerKiosk(id, token);
  }
  const privacy = withPrivacyContacts(withTownNames((values['town-site'] ?? []).map(parseTownSite), values['town-name'] ?? []), values['privacy-contact'] ?? []);
  const townSites = privacy.sites;
  const siteNames = parseSiteNames(values['site-name'] ?? []);
  for (const kt of values['kiosk-town'] ?? []) {
    const m = /^([A-Za-z0-9._:-]{1,128})=(.*)$/.exec(kt);
    const town = m?.[2] ? townIdSchema.safeParse(m[2]) : null;
    if (!m || (town && !town.success)) throw new Error(`--kiosk-town: expected <kiosk id>=<town id, a-z 0-9 ->, got "${kt.slice(0, 60)}"`);
    if ((await storage.getKioskConfig(m[1]!)) === null) throw new Error(`--kiosk-town: no kiosk "${m[1]}" (register it with --kiosk-token)`);
    await storage.setKioskTown(m[1]!, town ? town.data! : null);
  }
  const api = await listenCityApi({
    db: db ?? undefined,
    storage,
    port,
    host: values.host,
    chaos,
    adminPassword,
    logger: { logger: log, requests: values.log! },
    secureCookies: values['secure-cookies'],
    publicUrl,
    kioskApiOnly,
    trustProxy,
    townSites,
    siteNames,
    privacyContact: privacy.site,
  });
  const pub = publicUrl ?? api.url;
  log.info(
    { url: api.url, backend: storage.kind },
    `city API listening on ${api.url}${chaos ? ' (CHAOS MODE)' : ''}${onPostgres ? ` — PostgreSQL ${describePgUrl(dbArg)}` : ''}${publicUrl ? `, public address ${publicUrl}` : ''}` +
      `${adminPassword ? ` — staff page ${pub}/staff` : ''}${kioskApiOnly ? ' — kiosk API only' : ` — club form ${pub}/submit`}` +
      `${trustProxy.length ? ` — trusting X-Forwarded-For from ${trustProxy.join(', ')}` : ''}`,
  );
  // Calendar sources: every minute, the due ones (hourly when healthy, backing off when failing), 8 at a time; on
  // PostgreSQL each instance of the district runs it, and each due source is claimed by one of them (refresh.ts).
  const calendar = values['no-calendar-refresh']
    ? null
    : startCalendarScheduler({ store: storage, now: () => new Date(), onError: (err) => log.warn({ err }, 'calendar sources') });
  // SIGTERM/SIGINT: stop accepting, answer the requests in flight, close the pool or file, exit 0 (ops/shutdown.ts)
  installGracefulShutdown({
    log,
    timeoutMs: shutdownTimeoutS * 1000,
    steps: [
      { name: 'calendar scheduler', run: () => calendar?.stop() },
      { name: 'http server', run: () => closeHttp(api) },
      { name: 'storage', run: () => storage.close() },
      { name: 'sqlite', run: () => void (db?.open && db.close()) },
    ],
  });
}

/** host:port/database of a PostgreSQL URL, never the password. */
function describePgUrl(u: string): string {
  try {
    const url = new URL(u);
    return `${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return '(URL)';
  }
}

const command = STAFF_COMMANDS.find((c) => c === process.argv[2]);
(command ? runStaffCommand(command, process.argv.slice(3)) : main()).catch((err: unknown) => {
  process.stderr.write(`city-api: ${(err as Error).message}\n\n${USAGE}`);
  process.exit(1);
});
