/**
 * Calendar sources over HTTP (issue 21) on SQLite and PostgreSQL (issue 19): a club's web server on 127.0.0.1 with
 * the real-world fixtures; what is fetched and read is stored through the storage (calendar-storage.ts). Parsing
 * alone: calendar-sources.test.ts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import type { KioskStorage } from '../storage/kiosk-storage';
import type { StartTimer } from './fetch-feed';
import { previewUrl, refreshDue, refreshSource, type RefreshDeps } from './refresh';
import { FIXTURE_NOW } from './fixture-feeds';

const NOW = FIXTURE_NOW;
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

/** Every stored occurrence (the window spans the fixtures' whole range), with its last change. */
const ALL = ['2000-01-01', '2100-12-31'] as const;

describe.each(STORAGE_BACKENDS)('calendar sources: fetching over HTTP on $name', (backend) => {
  let store: KioskStorage;
  beforeEach(async () => {
    const opened = await backend.open();
    store = opened.storage;
    cleanup.push(opened.cleanup);
  });
  const deps = (extra: Partial<RefreshDeps & { concurrency: number }> = {}): RefreshDeps & { concurrency?: number } => ({ store, now: () => NOW, timer: manualTimer(), ...extra });

  it('imports each fixture; re-importing changes nothing and asks conditionally', async () => {
    const srv = await feedServer();
    const names = ['cms-export.ics', 'nextcloud.ics', 'google.ics', 'no-vtimezone.ics', 'empty-exdate.ics', 'moved-occurrence.ics', 'termine.html'];
    for (const n of names) await store.activateCalendarSource((await store.addCalendarSource({ url: `${srv.url}/${n}`.replace('http://', n === 'google.ics' ? 'webcal://' : 'http://'), label: n, addedBy: 'staff' }, NOW)).id, NOW);
    const first = await refreshDue(deps());
    expect(first.map((o) => o.result)).toEqual(names.map(() => 'ok'));
    const counts = Object.fromEntries((await store.listCalendarSources()).map((s) => [s.label, s.eventCount]));
    expect(counts).toEqual({ 'cms-export.ics': 2, 'nextcloud.ics': 7, 'google.ics': 7, 'no-vtimezone.ics': 3, 'empty-exdate.ics': 4, 'moved-occurrence.ics': 4, 'termine.html': 2 });
    const stored = await store.calendarOccurrences(...ALL);
    // read back as imported on both backends: all-day ones (with dates) and timed ones, times as UTC ISO text
    expect(stored.filter((o) => o.allDay).length).toBeGreaterThan(0);
    expect(stored.filter((o) => !o.allDay).length).toBeGreaterThan(0);
    expect(stored.filter((o) => o.allDay !== (o.startDate !== null))).toEqual([]);
    expect(stored.filter((o) => new Date(o.updatedAt).toISOString() !== o.updatedAt)).toEqual([]);
    const before = JSON.stringify(stored);

    // Second round: the server answers 304 to If-None-Match.
    const later = new Date(NOW.getTime() + 2 * 3_600_000);
    const second = await refreshDue(deps({ now: () => later }));
    expect(second.map((o) => o.result)).toEqual(names.map(() => 'not_modified'));
    expect(srv.requests.slice(-names.length).every((r) => r.ifNoneMatch)).toBe(true);

    // Forced full re-import (no conditional request): same rows, none rewritten.
    for (const s of (await store.listCalendarSources())) {
      const out = await refreshSource(deps({ now: () => later, fullRefetchAfterMs: 0 }), s);
      expect(out).toMatchObject({ result: 'ok', stats: { added: 0, changed: 0, removed: 0 } });
    }
    expect(JSON.stringify(await store.calendarOccurrences(...ALL))).toBe(before);
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
    const src = await store.addCalendarSource({ url: `${srv.url}/big.ics`, label: 'Verein', addedBy: 'staff', state: 'active' }, NOW);
    expect(await refreshSource(deps(), src)).toMatchObject({ result: 'ok', eventCount: 1 });
    // unconditional (a 304 would not say anything about the size)
    const small = await refreshSource(deps({ maxBytes: 1_000_000, fullRefetchAfterMs: 0 }), (await store.getCalendarSource(src.id))!);
    expect(small).toEqual({ sourceId: src.id, result: 'error', error: 'Kalender zu groß (mehr als 1 MB)', paused: false });
  });

  it('a 500 and a server that never answers are reported in plain words; 5 failures in a row pause the source', async () => {
    const srv = await feedServer();
    const broken = await store.addCalendarSource({ url: `${srv.url}/broken.ics`, label: 'Kaputt', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps(), broken)).toMatchObject({ result: 'error', error: 'Der Kalender-Server meldet einen Fehler (Fehler 500)', paused: false });

    const timer = manualTimer();
    srv.onHang = () => timer.fireAll();
    const hang = await store.addCalendarSource({ url: `${srv.url}/hang.ics`, label: 'Stumm', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps({ timer }), hang)).toMatchObject({ result: 'error', error: 'Keine Antwort nach 20 Sekunden' });
    expect(timer.pending()).toBe(0);

    const missing = await store.addCalendarSource({ url: `${srv.url}/gibt-es-nicht.ics`, label: 'Weg', addedBy: 'club', state: 'active' }, NOW);
    expect(await refreshSource(deps(), missing)).toMatchObject({ error: 'Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen' });

    for (let i = 2; i <= 5; i++) {
      const out = await refreshSource(deps(), (await store.getCalendarSource(broken.id))!);
      expect(out).toMatchObject({ result: 'error', paused: i === 5 });
    }
    expect((await store.getCalendarSource(broken.id))).toMatchObject({ state: 'paused', failures: 5, failingSince: NOW.toISOString() });
    // A paused source is not fetched by the schedule until staff re-enable it.
    const later = new Date(NOW.getTime() + 86_400_000);
    // The never-answering source is due again too: its timeout fires as soon as the server has its request
    // (a fresh timer that nobody fired is what made this test hang before).
    const laterTimer = manualTimer();
    srv.onHang = () => laterTimer.fireAll();
    const round = await refreshDue(deps({ now: () => later, timer: laterTimer, concurrency: 1 }));
    expect(round.map((o) => o.sourceId).sort()).toEqual([hang.id, missing.id].sort());
    expect(round.find((o) => o.sourceId === hang.id)).toMatchObject({ result: 'error', error: 'Keine Antwort nach 20 Sekunden' });
    await store.activateCalendarSource(broken.id, later);
    expect((await store.getCalendarSource(broken.id))).toMatchObject({ state: 'active', failures: 0 });
  });

  it('a due source is handed out once, also to two schedules asking at the same moment (two API instances)', async () => {
    for (let i = 0; i < 20; i++) await store.addCalendarSource({ url: `https://verein.example/${i}.ics`, label: `Verein ${i}`, addedBy: 'club', state: 'active' }, NOW);
    const lease = new Date(NOW.getTime() + 15 * 60_000);
    const [a, b] = await Promise.all([store.claimDueCalendarSources(NOW, lease), store.claimDueCalendarSources(NOW, lease)]);
    const ids = [...a, ...b].map((s) => s.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    // not due again until the lease is over (a fetch that never finished is retried then)
    expect(await store.claimDueCalendarSources(new Date(lease.getTime() - 1), new Date(lease.getTime() + 60_000))).toEqual([]);
    expect(await store.claimDueCalendarSources(lease, new Date(lease.getTime() + 60_000))).toHaveLength(20);
  });

  it('preview shows what would be imported and what not, and stores nothing', async () => {
    const srv = await feedServer();
    const p = await previewUrl(deps(), `${srv.url}/nextcloud.ics`);
    expect(p).toMatchObject({ ok: true, format: 'ics', past: 0 });
    expect(p.events).toHaveLength(7);
    expect(p.skipped[0]).toMatchObject({ reason: 'abgesagt' });
    expect((await previewUrl(deps(), `${srv.url}/gibt-es-nicht.ics`)).error).toBe('Adresse nicht gefunden (Fehler 404) – bitte den Link prüfen');
    srv.files.set('/page.html', { body: '<html><body>Termine als PDF</body></html>', type: 'text/html' });
    expect((await previewUrl(deps(), `${srv.url}/page.html`)).error).toMatch(/^Unter dieser Adresse steht kein Kalender/);
    expect(await store.listCalendarSources()).toEqual([]);
    expect(await store.calendarOccurrences(...ALL)).toEqual([]);
  });
});
