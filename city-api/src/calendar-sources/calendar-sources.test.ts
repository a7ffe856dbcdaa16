/** Calendar sources (issue 21): reading real-world feeds. Fetching and storing them on both backends: calendar-refresh.pg.test.ts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseFeedUrl } from './fetch-feed';
import { importedOccurrence, FIXTURE_NOW } from './fixture-feeds';
import { parseFeed, type ImportedOccurrence } from './parse-feed';
import { diffOccurrences } from './source-store';

const NOW = FIXTURE_NOW;
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

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

describe('calendar sources: what a re-import changes (both backends use diffOccurrences)', () => {
  const occ = (uid: string, summary: string, recurrenceId = ''): ImportedOccurrence => importedOccurrence(uid, summary, { recurrenceId });
  it('leaves unchanged occurrences alone, rewrites changed ones, removes vanished ones; a UID twice is written once (the last)', () => {
    const first = diffOccurrences([], [occ('a', 'Chor'), occ('b', 'Konzert'), occ('c', 'Probe', '2026-12-10'), occ('c', 'Probe', '2026-12-17')]);
    expect(first.stats).toEqual({ added: 4, changed: 0, removed: 0, unchanged: 0 });
    const stored = first.write.map((o) => ({ uid: o.uid, recurrence_id: o.recurrenceId, content_sha256: o.hash }));
    const again = diffOccurrences(stored, [occ('a', 'Chor'), occ('b', 'Konzert (verlegt)'), occ('c', 'Probe', '2026-12-10'), occ('d', 'alt'), occ('d', 'neu')]);
    expect(again.stats).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 2 });
    expect(again.write.map((o) => o.summary)).toEqual(['Konzert (verlegt)', 'neu']);
    expect(again.gone).toEqual([{ uid: 'c', recurrenceId: '2026-12-17' }]);
  });
});
