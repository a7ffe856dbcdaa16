import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refreshDue } from '../city-api/src/calendar-sources/refresh';
import { activateSource, addSource } from '../city-api/src/calendar-sources/source-store';
import { openCityDb, type CityDb } from '../city-api/src/city-db';
import { sqliteStorage } from '../city-api/src/storage/sqlite-storage';
import type { Bench } from './benches';

/**
 * Calendar sources (issue 21): 200 club feeds with 50 events each, served by 10 loopback servers on 127.0.0.1
 * that answer after LATENCY_MS (a club's web host is not on loopback). One full refresh of all sources with the
 * scheduler's bounded concurrency, against a sequential fetch (concurrency 1) in the same run; then a conditional
 * round (ETag → 304) with the same concurrency.
 */
const N_SOURCES = 200;
const N_EVENTS = 50;
const N_SERVERS = 10;
const LATENCY_MS = 30;
const GOAL_MS = 10_000;
const NOW = new Date('2026-12-02T08:00:00Z');

function feed(n: number): string {
  const ev: string[] = [];
  for (let i = 0; i < N_EVENTS; i++) {
    const d = new Date(Date.UTC(2026, 11, 3) + i * 86_400_000 * 3 + (n % 10) * 3_600_000);
    const ymd = d.toISOString().slice(0, 10).replace(/-/g, '');
    const hh = String(8 + (n % 10)).padStart(2, '0');
    ev.push(
      [
        'BEGIN:VEVENT',
        `UID:verein-${n}-termin-${i}@example.org`,
        'DTSTAMP:20261101T000000Z',
        `DTSTART;TZID=Europe/Berlin:${ymd}T${hh}0000`,
        `DTEND;TZID=Europe/Berlin:${ymd}T${hh}3000`,
        `SUMMARY:Treffen ${i} des Vereins ${n}`,
        'DESCRIPTION:Alle sind willkommen\\, auch ohne Anmeldung.',
        'LOCATION:Bürgerhaus\\, Markt 1\\, Siegburg',
        'END:VEVENT',
      ].join('\r\n'),
    );
  }
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//DE\r\n${ev.join('\r\n')}\r\nEND:VCALENDAR\r\n`;
}

async function feedServers(): Promise<{ urls: string[]; close(): Promise<void> }> {
  const bodies = Array.from({ length: N_SOURCES }, (_, n) => feed(n));
  const servers: Server[] = [];
  const urls: string[] = [];
  for (let s = 0; s < N_SERVERS; s++) {
    const server = createServer((req, res) => {
      const n = Number(/\/verein-(\d+)\.ics/.exec(req.url ?? '')?.[1] ?? -1);
      const body = bodies[n];
      setTimeout(() => {
        if (!body) return void res.writeHead(404).end();
        const etag = `"v${n}"`;
        if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag }).end(body);
      }, LATENCY_MS);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
  }
  for (let n = 0; n < N_SOURCES; n++) urls.push(`http://127.0.0.1:${(servers[n % N_SERVERS]!.address() as AddressInfo).port}/verein-${n}.ics`);
  return {
    urls,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}

function dbWith(urls: string[]): CityDb {
  const db = openCityDb(':memory:');
  for (const [i, url] of urls.entries()) activateSource(db, addSource(db, { url, label: `Verein ${i}`, addedBy: 'club' }, NOW).id, NOW);
  return db;
}

async function round(db: CityDb, concurrency: number, now: Date): Promise<{ ms: number; ok: number; notModified: number; events: number }> {
  const t0 = performance.now();
  const out = await refreshDue({ store: sqliteStorage(db), now: () => now, concurrency });
  const ms = performance.now() - t0;
  return {
    ms,
    ok: out.filter((o) => o.result === 'ok').length,
    notModified: out.filter((o) => o.result === 'not_modified').length,
    events: db.prepare('SELECT count(*) FROM calendar_events').pluck().get() as number,
  };
}

export const calendarBench: Bench = {
  name: 'calendar',
  async run() {
    const srv = await feedServers();
    try {
      const fmt = (r: Awaited<ReturnType<typeof round>>) => `${Math.round(r.ms)} ms (${r.ok} read, ${r.notModified} unchanged, ${r.events} events stored)`;
      const seqDb = dbWith(srv.urls);
      const seq = await round(seqDb, 1, NOW);
      seqDb.close();
      console.log(`calendar sources: ${N_SOURCES} × ${N_EVENTS} events, ${N_SERVERS} servers on 127.0.0.1 answering after ${LATENCY_MS} ms`);
      console.log(`  sequential fetch (1 at a time):   ${fmt(seq)}`);
      const db = dbWith(srv.urls);
      const par = await round(db, 8, NOW);
      console.log(`  scheduler (8 at a time):          ${fmt(par)} — ${par.ms <= GOAL_MS ? 'OK' : 'MISSED'} (goal < ${GOAL_MS} ms), ${(seq.ms / par.ms).toFixed(1)}× the sequential speed`);
      const again = await round(db, 8, new Date(NOW.getTime() + 2 * 3_600_000));
      console.log(`  next round, conditional (304):    ${fmt(again)}`);
      db.close();
    } finally {
      await srv.close();
    }
  },
};
