import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCityDb, type CityDb } from '../city-db';
import { normaliseFeedUrl, type StartTimer } from './fetch-feed';
import { parseFeed } from './parse-feed';
import { previewUrl, refreshDue, refreshSource, type RefreshDeps } from './refresh';
import { activateSource, addSource, getSource, listSources } from './source-store';

const NOW = new Date('2026-12-02T08:00:00Z');
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A club's web server on 127.0.0.1: fixtures with ETag/Last-Modified, a 500, one that never answers. */
interface FeedServer {
  url: string;
  requests: { path: string; ifNoneMatch?: string }[];
  files: Map<string, { body: string; type: string }>;
  /** called when the hanging path got its request */
  onHang: (() => void) | null;
}
async function feedServer(): Promise<FeedServer> {
  const s: FeedServer = { url: '', requests: [], files: new Map(), onHang: null };
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    s.requests.push({ path, ifNoneMatch: req.headers['if-none-match'] });
    if (path === '/broken.ics') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (path === '/hang.ics') {
      hanging.push(res);
      s.onHang?.();
      return;
    }
    const f = s.files.get(path);
    if (!f) {
      res.writeHead(404).end('not found');
      return;
    }
    const etag = `"${Buffer.from(f.body).length}-${f.body.length % 9973}-${f.body.slice(-40).replace(/\W/g, '').length}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.type, etag, 'last-modified': 'Tue, 01 Dec 2026 12:00:00 GMT' }).end(f.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        for (const h of hanging) h.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  for (const name of ['cms-export.ics', 'nextcloud.ics', 'google.ics', 'no-vtimezone.ics', 'empty-exdate.ics', 'moved-occurrence.ics']) {
    s.files.set(`/${name}`, { body: fixture(name), type: name === 'cms-export.ics' ? 'text/calendar; charset=utf-8' : 'text/calendar' });
  }
  s.files.set('/termine.html', { body: fixture('club-page.html'), type: 'text/html; charset=utf-8' });
  return s;
}

/** A timer that fires only when the test says so: no real waiting for timeouts. */
function manualTimer(): StartTimer & { fireAll(): void; pending(): number } {
  const pending = new Set<() => void>();
  const t = ((_ms: number, fn: () => void) => {
    pending.add(fn);
    return () => {
      pending.delete(fn);
    };
  }) as unknown as StartTimer & { fireAll(): void; pending(): number };
  t.fireAll = () => {
    for (const fn of [...pending]) {
      pending.delete(fn);
      fn();
    }
  };
  t.pending = () => pending.size;
  return t;
}

function cityDb(): CityDb {
  const db = openCityDb(':memory:');
  cleanup.push(() => {
    db.close();
  });
  return db;
}

const berlin = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

describe('calendar sources: parsing real-world feeds', () => {
  it('CMS export: HTML and entities become plain text, past events are not imported', () => {
    const r = parseFeed(fixture('cms-export.ics'), { now: NOW });
    expect(r.occurrences.map((o) => [o.summary, berlin(o.start)])).toEqual([
      ['Erzählcafé: Siegburg früher & heute', 'Do., 10.12., 15:00'],
      ['Weihnachtliches Singen', 'Do., 17.12., 18:00'],
    ]);
    expect(r.occurrences[0]!.description).toMatch(/^Bei Kaffee und Kuchen erzählen wir von alten Zeiten\s*\.?\s*Eintritt frei – Spenden willkommen\.$/);
    expect(r.occurrences[0]!.location).toBe('Stadtmuseum, Markt 46, Siegburg, 53721, Deutschland');
    expect(r.past).toBe(1);
    expect(r.problems).toEqual({});
  });

  it('Nextcloud export: weekly series with EXDATEs, a cancelled event skipped with its reason', () => {
    const r = parseFeed(fixture('nextcloud.ics'), { now: NOW });
    const dates = r.occurrences.map((o) => berlin(o.start));
    // Wednesdays 19:00 from today until 27.01.; 23.12. and 30.12. are cancelled by EXDATE
    expect(dates).toEqual(['Mi., 02.12., 19:00', 'Mi., 09.12., 19:00', 'Mi., 16.12., 19:00', 'Mi., 06.01., 19:00', 'Mi., 13.01., 19:00', 'Mi., 20.01., 19:00', 'Mi., 27.01., 19:00']);
    expect(r.skipped).toEqual([{ summary: 'Spielenachmittag für Familien (fällt aus)', when: 'Sa., 12.12.2026, 14:00 Uhr', reason: 'abgesagt' }]);
    expect(new Set(r.occurrences.map((o) => o.recurrenceId)).size).toBe(7);
  });

  it('Google export: RRULE with UNTIL, RDATE, UTC times and an all-day event', () => {
    const r = parseFeed(fixture('google.ics'), { now: NOW });
    expect(r.occurrences.map((o) => [o.summary.slice(0, 12), o.allDay ? o.startDate : berlin(o.start)])).toEqual([
      ['Lauftreff (g', 'Sa., 05.12., 09:30'],
      ['Jahresabschl', 'Fr., 11.12., 18:00'],
      ['Lauftreff (g', 'Sa., 12.12., 09:30'],
      ['Vereinsausfl', '2026-12-19'],
      ['Lauftreff (g', 'Sa., 19.12., 09:30'],
      ['Lauftreff (g', 'Do., 24.12., 10:00'],
      ['Lauftreff (g', 'Sa., 26.12., 09:30'],
    ]);
    expect(r.occurrences.find((o) => o.allDay)).toMatchObject({ startDate: '2026-12-19', endDate: '2026-12-20', start: '2026-12-18T23:00:00.000Z' });
  });

  it('no VTIMEZONE: read as Europe/Berlin and reported as "3 Termine ohne Zeitzone"', async () => {
    const r = parseFeed(fixture('no-vtimezone.ics'), { now: NOW });
    expect(r.occurrences.map((o) => o.start)).toEqual(['2026-12-03T13:30:00.000Z', '2026-12-10T13:30:00.000Z', '2026-12-17T13:30:00.000Z']);
    const { problemLines } = await import('./plain-words');
    expect(problemLines(r.problems)).toEqual(['3 Termine ohne Zeitzone – als deutsche Zeit gelesen']);
  });

  it('an empty EXDATE does not break the series', () => {
    const r = parseFeed(fixture('empty-exdate.ics'), { now: NOW });
    expect(r.occurrences.map((o) => berlin(o.start))).toEqual(['Do., 03.12., 19:30', 'Do., 10.12., 19:30', 'Do., 17.12., 19:30', 'Do., 24.12., 19:30']);
  });

  it('a moved occurrence (RECURRENCE-ID in UTC) appears once, at its new time', () => {
    const r = parseFeed(fixture('moved-occurrence.ics'), { now: NOW });
    expect(r.occurrences.map((o) => [berlin(o.start), o.summary])).toEqual([
      ['Mo., 07.12., 10:00', 'Sitzgymnastik'],
      ['Di., 15.12., 14:00', 'Sitzgymnastik (diesmal Dienstag)'],
      ['Mo., 21.12., 10:00', 'Sitzgymnastik'],
      ['Mo., 28.12., 10:00', 'Sitzgymnastik'],
    ]);
    expect(r.occurrences[1]!.recurrenceId).toBe('2026-12-14T09:00:00.000Z');
  });

  it('a club web page with a schema.org Event list (JSON-LD)', () => {
    const r = parseFeed(fixture('club-page.html'), { now: NOW });
    expect(r.format).toBe('jsonld');
    expect(r.occurrences.map((o) => [o.summary, berlin(o.start), o.location])).toEqual([
      ['Lebensmittelausgabe', 'Mi., 09.12., 10:00', 'Tafel Siegburg, Wilhelmstraße 2, 53721 Siegburg'],
      ['Offenes Café', 'Mi., 16.12., 15:00', null],
    ]);
    expect(r.problems).toEqual({ floating: 1 });
    expect(r.skipped.map((s) => s.reason)).toEqual(['abgesagt']);
  });

  it('webcal:// is fetched over http', () => {
    expect(normaliseFeedUrl('webcal://example.org/a.ics')?.href).toBe('http://example.org/a.ics');
    expect(normaliseFeedUrl('ftp://example.org/a.ics')).toBeNull();
  });
});

describe('calendar sources: fetching over HTTP', () => {
  const deps = (db: CityDb, extra: Partial<RefreshDeps & { concurrency: number }> = {}): RefreshDeps & { concurrency?: number } => ({ db, now: () => NOW, timer: manualTimer(), ...extra });

  it('imports each fixture; re-importing changes nothing and asks conditionally', async () => {
    const srv = await feedServer();
    const db = cityDb();
    const names = ['cms-export.ics', 'nextcloud.ics', 'google.ics', 'no-vtimezone.ics', 'empty-exdate.ics', 'moved-occurrence.ics', 'termine.html'];
    for (const n of names) activateSource(db, addSource(db, { url: `${srv.url}/${n}`.replace('http://', n === 'google.ics' ? 'webcal://' : 'http://'), label: n, addedBy: 'staff' }, NOW).id, NOW);
    const first = await refreshDue(deps(db));
    expect(first.map((o) => o.result)).toEqual(names.map(() => 'ok'));
    const counts = Object.fromEntries(listSources(db).map((s) => [s.label, s.eventCount]));
    expect(counts).toEqual({ 'cms-export.ics': 2, 'nextcloud.ics': 7, 'google.ics': 7, 'no-vtimezone.ics': 3, 'empty-exdate.ics': 4, 'moved-occurrence.ics': 4, 'termine.html': 2 });
    const before = JSON.stringify(db.prepare('SELECT * FROM calendar_events ORDER BY source_id, uid, recurrence_id').all());

    // Second round: the server answers 304 to If-None-Match.
    const later = new Date(NOW.getTime() + 2 * 3_600_000);
    const second = await refreshDue(deps(db, { now: () => later }));
    expect(second.map((o) => o.result)).toEqual(names.map(() => 'not_modified'));
    expect(srv.requests.slice(-names.length).every((r) => r.ifNoneMatch)).toBe(true);

    // Forced full re-import (no conditional request): same rows, none rewritten.
    for (const s of listSources(db)) {
      const out = await refreshSource(deps(db, { now: () => later, fullRefetchAfterMs: 0 }), s);
      expect(out).toMatchObject({ result: 'ok', stats: { added: 0, changed: 0, removed: 0 } });
    }
    expect(JSON.stringify(db.prepare('SELECT * FROM calendar_events ORDER BY source_id, uid, recurrence_id').all())).toBe(before);
  });

  it('a 5 MB export imports; above the size limit it is reported in plain words', async () => {
    const srv = await feedServer();
    const events: string[] = [];
    // A club's whole history since 2010 plus this winter: 5 MB.
    for (let i = 0, bytes = 0; bytes < 5_000_000; i++) {
      const d = new Date(Date.UTC(2010, 0, 1) + i * 3_600_000);
      const st = d.toISOString().replace(/[-:]/g, '').slice(0, 15);
      bytes += 320;
      events.push(`BEGIN:VEVENT\r\nUID:hist-${i}@verein\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:${st}Z\r\nSUMMARY:Übungsabend ${i}\r\nDESCRIPTION:${'Wir treffen uns wie immer. '.repeat(8)}\r\nEND:VEVENT`);
    }
    events.push('BEGIN:VEVENT\r\nUID:now@verein\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20261208T190000\r\nSUMMARY:Weihnachtsfeier\r\nEND:VEVENT');
    const body = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//DE\r\n${events.join('\r\n')}\r\nEND:VCALENDAR\r\n`;
    expect(Buffer.byteLength(body)).toBeGreaterThan(5_000_000);
    srv.files.set('/big.ics', { body, type: 'text/calendar' });
    const db = cityDb();
    const src = addSource(db, { url: `${srv.url}/big.ics`, label: 'Verein', addedBy: 'staff', state: 'active' }, NOW);
    expect(await refreshSource(deps(db), src)).toMatchObject({ result: 'ok', eventCount: 1 });
    // unconditional (a 304 would not say anything about the size)
    const small = await refreshSource(deps(db, { maxBytes: 1_000_000, fullRefetchAfterMs: 0 }), getSource(db, src.id)!);
    expect(small).toEqual({ sourceId: src.id, result: 'error', error: 'Kalender zu groß (mehr als 1 MB)', paused: false });
  });

  it('a 500 and a server that never answers are reported in plain words; 5 failures in a row pause the source', async () => {
    const srv = await feedServer();
    const db = cityDb();
    const broken = addSource(db, { url: `${srv.url}/broken.ics`, label: 'Kaputt', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps(db), broken)).toMatchObject({ result: 'error', error: 'Der Kalender-Server meldet einen Fehler (Fehler 500)', paused: false });

    const timer = manualTimer();
    srv.onHang = () => timer.fireAll();
    const hang = addSource(db, { url: `${srv.url}/hang.ics`, label: 'Stumm', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps(db, { timer }), hang)).toMatchObject({ result: 'error', error: 'Keine Antwort nach 20 Sekunden' });
    expect(timer.pending()).toBe(0);

    const missing = addSource(db, { url: `${srv.url}/gibt-es-nicht.ics`, label: 'Weg', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps(db), missing)).toMatchObject({ error: 'Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen' });

    for (let i = 2; i <= 5; i++) {
      const out = await refreshSource(deps(db), getSource(db, broken.id)!);
      expect(out).toMatchObject({ result: 'error', paused: i === 5 });
    }
    expect(getSource(db, broken.id)).toMatchObject({ state: 'paused', failures: 5, failingSince: NOW.toISOString() });
    // A paused source is not fetched by the schedule until staff re-enable it.
    const later = new Date(NOW.getTime() + 86_400_000);
    // The never-answering source is due again too: its timeout fires as soon as the server has its request
    // (a fresh timer that nobody fired is what made this test hang before).
    const laterTimer = manualTimer();
    srv.onHang = () => laterTimer.fireAll();
    const round = await refreshDue(deps(db, { now: () => later, timer: laterTimer, concurrency: 1 }));
    expect(round.map((o) => o.sourceId).sort()).toEqual([hang.id, missing.id].sort());
    expect(round.find((o) => o.sourceId === hang.id)).toMatchObject({ result: 'error', error: 'Keine Antwort nach 20 Sekunden' });
    activateSource(db, broken.id, later);
    expect(getSource(db, broken.id)).toMatchObject({ state: 'active', failures: 0 });
  });

  it('preview shows what would be imported and what not, and stores nothing', async () => {
    const srv = await feedServer();
    const db = cityDb();
    const p = await previewUrl(deps(db), `${srv.url}/nextcloud.ics`);
    expect(p).toMatchObject({ ok: true, format: 'ics', past: 0 });
    expect(p.events).toHaveLength(7);
    expect(p.skipped[0]).toMatchObject({ reason: 'abgesagt' });
    expect((await previewUrl(deps(db), `${srv.url}/gibt-es-nicht.ics`)).error).toBe('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');
    srv.files.set('/page.html', { body: '<html><body>Termine als PDF</body></html>', type: 'text/html' });
    expect((await previewUrl(deps(db), `${srv.url}/page.html`)).error).toMatch(/^Unter dieser Adresse steht kein Kalender/);
    expect(db.prepare('SELECT count(*) FROM calendar_events').pluck().get()).toBe(0);
  });
});
