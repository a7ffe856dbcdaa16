/**
 * Issue 13, attack table: iCalendar injection. Every calendar the city API writes (GET /v1/events for kiosks,
 * /feeds/events.ics, the public page's /angebote/<id>/termin.ics) is built and escaped by ical.js. Titles,
 * descriptions and locations carrying CR, LF, CRLF, "\r\nBEGIN:VEVENT", ";", ",", "\", markup and control
 * characters must come out as one VEVENT each whose values read back as the text (line breaks as LF, control
 * characters dropped), with no property or component an attacker added. Through a running city API on SQLite and
 * PostgreSQL (issue 19).
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCalendar, icsText } from '../../city-api/src/ics-writer';
import { nextDateIcs } from '../../city-api/src/public-web/web-seo';
import type { Offer } from '../../shared/schemas/offer';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { cityFixture, KIOSKS, type Fixture } from './city-api-fixture';

/** Hostile texts: what a club, an imported calendar or a careless copy-paste could put in a field. */
const HOSTILE: [string, string][] = [
  ['CRLF + BEGIN:VEVENT', 'Kaffee\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:Gewinnspiel\r\nEND:VEVENT'],
  ['LF + property', 'Kaffee\nATTACH:https://evil.example/x.exe'],
  ['lone CR + property', 'Kaffee\rURL:https://evil.example/'],
  ['CRLF + END:VCALENDAR', 'Kaffee\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x'],
  ['CRLF + continuation space', 'Kaffee\r\n ORGANIZER:mailto:evil@example.org'],
  ['CRLF + parameter', 'Kaffee\r\nDTSTART;TZID=Evil:20260101T000000'],
  ['semicolon', 'Kaffee; Kuchen;ALTREP="https://evil.example/"'],
  ['comma', 'Kaffee, Kuchen, Gespräche'],
  ['backslash', 'C:\\Vereine\\n-Liste \\; \\, \\\\'],
  ['colon and equals', 'SUMMARY:Zweit;VALUE=URI:https://evil.example/'],
  ['markup', '<script>alert(1)</script><b>fett</b> &amp; <a href="https://evil.example">hier</a>'],
  ['NUL and C0 controls', 'Kaffee\u0000\u0001\u0007\u0008\u001B[31m\u007F rot'],
  ['vertical tab, form feed, NEL, LS, PS', 'a\u000Bb\u000Cc\u0085d\u2028e\u2029f'],
  ['C1 controls', 'a\u0080\u009B31mb\u009F'],
  ['tab', 'Kaffee\tKuchen'],
  ['long and multi-byte', `${'Übung für Ältere – 👵🏽 '.repeat(7)}\r\nBEGIN:VALARM`],
  ['only line breaks', '\r\n\r\n\n\r'],
];
/** The hostile texts the stores accept (offers and events refuse markup and C0 controls themselves). */
const STORABLE = HOSTILE.filter(([name]) => !['markup', 'NUL and C0 controls', 'vertical tab, form feed, NEL, LS, PS', 'C1 controls'].includes(name));

interface Parsed {
  root: ICAL.Component;
  vevents: ICAL.Component[];
}

/** The structural checks every calendar must pass: CRLF only, ≤ 75 octets, one VCALENDAR, known components. */
function parseStrict(text: string): Parsed {
  // every CR is followed by LF and every LF follows a CR: no bare line break any consumer could split at
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  // nothing but TAB among the C0 controls, and no NEL / LS / PS that some readers treat as line ends
  // eslint-disable-next-line no-control-regex
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/);
  const lines = text.split('\r\n');
  expect(lines.pop()).toBe('');
  for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
  // unfolded, each line is NAME[;PARAM…]:VALUE with a name from our own list
  const unfolded: string[] = [];
  for (const l of lines) {
    if (l.startsWith(' ')) unfolded[unfolded.length - 1] += l.slice(1);
    else unfolded.push(l);
  }
  const ALLOWED = new Set([
    'BEGIN', 'END', 'VERSION', 'PRODID', 'CALSCALE', 'METHOD', 'TZID', 'TZOFFSETFROM', 'TZOFFSETTO', 'TZNAME', 'RRULE', 'DTSTART', 'DTEND',
    'UID', 'DTSTAMP', 'LAST-MODIFIED', 'DURATION', 'EXDATE', 'RECURRENCE-ID', 'SUMMARY', 'DESCRIPTION', 'LOCATION', 'X-GEMEINSAM-OFFER', 'GEO', 'URL',
    'X-WR-CALNAME', // the feed's name in calendar apps (/feeds/events.ics), a TEXT value like SUMMARY
  ]);
  for (const u of unfolded) expect(ALLOWED.has(/^[A-Z-]+/.exec(u)?.[0] ?? u), u).toBe(true);
  // TEXT values follow RFC 5545 3.3.11: ; , \ only escaped, line breaks only as \n
  for (const u of unfolded.filter((l) => /^(SUMMARY|DESCRIPTION|LOCATION|X-WR-CALNAME)[;:]/.test(l))) expect(u.slice(u.indexOf(':') + 1), u).toMatch(/^(?:[^\\;,]|\\[\\;,nN])*$/);
  const begins = unfolded.filter((u) => u.startsWith('BEGIN:')).map((u) => u.slice(6));
  expect(begins.filter((b) => b === 'VCALENDAR')).toHaveLength(1);
  expect(begins.every((b) => ['VCALENDAR', 'VEVENT', 'VTIMEZONE', 'DAYLIGHT', 'STANDARD'].includes(b))).toBe(true);
  expect(unfolded[0]).toBe('BEGIN:VCALENDAR');
  expect(unfolded.at(-1)).toBe('END:VCALENDAR');
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  expect(root.name).toBe('vcalendar');
  return { root, vevents: root.getAllSubcomponents('vevent') };
}

const text = (ve: ICAL.Component, name: string) => ve.getFirstPropertyValue(name) as string | null;
const propNames = (ve: ICAL.Component) => ve.getAllProperties().map((p) => p.name);

describe('the sanitiser in front of ical.js', () => {
  it('turns CR, CRLF, VT, FF, NEL, LS and PS into LF and drops other control characters, keeps TAB', () => {
    expect(icsText('a\r\nb\rc\nd\u000Be\u000Cf\u0085g\u2028h\u2029i')).toBe('a\nb\nc\nd\ne\nf\ng\nh\ni');
    expect(icsText('a\u0000b\u001Bc\u007Fd\u0080e\u009Ff\tg')).toBe('abcdef\tg');
  });
});

describe('GET /v1/events and /feeds/events.ics: town events with hostile texts', () => {
  for (const [name, evil] of HOSTILE) {
    it(`one VEVENT per event and override, values round-trip: ${name}`, () => {
      const ics = buildCalendar(
        [
          {
            uid: 'hostile-1',
            offer_id: 'sample-kulturcafe',
            summary: evil,
            description: `Beschreibung ${evil}`,
            location: `Ort ${evil}`,
            all_day: false,
            dtstart: '2026-10-13T18:00',
            tzid: 'Europe/Berlin',
            rrule: 'FREQ=WEEKLY;BYDAY=TU',
            exdates: ['2026-11-03T18:00'],
            overrides: [{ recurrence_id: '2026-11-10T18:00', dtstart: '2026-11-10T19:00', summary: `Verlegt ${evil}` }],
            updated_at: '2026-10-01T10:00:00.000Z',
          },
          { uid: 'hostile-2', summary: evil, all_day: true, dtstart: '2026-10-20', tzid: 'Europe/Berlin', exdates: [], overrides: [], updated_at: '2026-10-01T10:00:00.000Z' },
        ],
        new Date('2026-10-02T00:00:00Z'),
      );
      const { root, vevents } = parseStrict(ics);
      expect(vevents).toHaveLength(3);
      expect(root.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone', 'vevent', 'vevent', 'vevent']);
      expect(vevents.map((v) => text(v, 'uid'))).toEqual(['hostile-1', 'hostile-1', 'hostile-2']);
      const [master, override, allDay] = vevents as [ICAL.Component, ICAL.Component, ICAL.Component];
      const clean = icsText(evil);
      expect(text(master, 'summary') ?? '').toBe(clean);
      expect(text(master, 'description')).toBe(icsText(`Beschreibung ${evil}`));
      expect(text(master, 'location')).toBe(icsText(`Ort ${evil}`));
      expect(text(override, 'summary')).toBe(icsText(`Verlegt ${evil}`));
      expect(propNames(master)).toEqual(['uid', 'dtstamp', 'last-modified', 'dtstart', 'rrule', 'exdate', ...(clean ? ['summary'] : []), 'description', 'location', 'x-gemeinsam-offer']);
      expect(propNames(override)).toEqual(['uid', 'dtstamp', 'last-modified', 'dtstart', 'recurrence-id', 'summary', 'description', 'location', 'x-gemeinsam-offer']);
      expect(propNames(allDay)).toEqual(['uid', 'dtstamp', 'last-modified', 'dtstart', ...(clean ? ['summary'] : [])]);
      expect(master.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Berlin');
      expect(String(master.getFirstPropertyValue('rrule'))).toBe('FREQ=WEEKLY;BYDAY=TU');
      expect(allDay.getFirstProperty('dtstart')!.type).toBe('date');
      for (const ve of vevents) expect(ve.getAllSubcomponents()).toHaveLength(0);
    });
  }
});

/** A day relative to today (the public feed and the offer pages use the server's clock): YYYY-MM-DD. */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe.each(STORAGE_BACKENDS)('hostile texts through a running city API on $name', (backend) => {
  let f: Fixture;
  let offer: Offer;
  beforeAll(async () => {
    f = await cityFixture(backend);
    const first = (await f.app.inject({ url: '/v1/offers', headers: { authorization: `Bearer ${KIOSKS.rathaus}` } })).json() as { items: Offer[] };
    offer = first.items.find((o) => o.id === f.offerId)!;
    for (const [i, [, evil]] of STORABLE.entries()) {
      await f.storage.putEvent({ uid: `evil-${i}`, summary: `Titel ${evil}`, description: `Text ${evil}`, location: `Ort ${evil}`, dtstart: `${day(10)}T18:00` });
    }
    const src = await f.storage.addCalendarSource({ url: 'https://verein.example/termine.ics', label: 'Verein', offerId: f.offerId, addedBy: 'club', state: 'active' }, new Date());
    await f.storage.replaceCalendarEvents(
      src.id,
      HOSTILE.map(([, evil], i) => ({
        uid: `feed-${i}@verein`,
        recurrenceId: '',
        start: `${day(11 + (i % 15))}T17:00:00.000Z`,
        end: null,
        allDay: false,
        startDate: null,
        endDate: null,
        summary: `Feed ${evil}`,
        description: `Feedtext ${evil}`,
        location: `Feedort ${evil}`,
      })),
      new Date(),
    );
  });
  afterAll(async () => {
    await f.close();
  });

  const checkFeed = (ics: string) => {
    const { vevents } = parseStrict(ics);
    for (let i = 0; i < STORABLE.length; i++) {
      const ve = vevents.filter((v) => text(v, 'uid') === `evil-${i}`);
      expect(ve).toHaveLength(1);
      expect(text(ve[0]!, 'summary')).toBe(icsText(`Titel ${STORABLE[i]![1]}`));
      expect(text(ve[0]!, 'description')).toBe(icsText(`Text ${STORABLE[i]![1]}`));
      expect(text(ve[0]!, 'location')).toBe(icsText(`Ort ${STORABLE[i]![1]}`));
    }
    expect(vevents.some((v) => text(v, 'uid') === 'evil' || text(v, 'uid') === 'x')).toBe(false);
    return vevents;
  };

  it('GET /v1/events: stored events and imported feed occurrences, one VEVENT each, values round-trip', async () => {
    const res = await f.app.inject({ url: `/v1/events?from=${day(0)}&to=${day(40)}`, headers: { authorization: `Bearer ${KIOSKS.rathaus}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const vevents = checkFeed(res.body);
    const imported = vevents.filter((v) => String(text(v, 'uid')).startsWith('cal-'));
    expect(imported).toHaveLength(HOSTILE.length);
    const bySummary = new Set(imported.map((v) => text(v, 'summary')));
    for (const [, evil] of HOSTILE) expect(bySummary.has(icsText(`Feed ${evil}`))).toBe(true);
    for (const v of imported) {
      expect(propNames(v)).toEqual(['uid', 'dtstamp', 'last-modified', 'dtstart', 'summary', 'description', 'location', 'x-gemeinsam-offer']);
      expect(text(v, 'x-gemeinsam-offer')).toBe(f.offerId);
    }
  });

  it('/feeds/events.ics: the stored events, one VEVENT each, values round-trip', async () => {
    const res = await f.app.inject({ url: '/feeds/events.ics' });
    expect(res.statusCode).toBe(200);
    const vevents = checkFeed(res.body);
    for (const v of vevents) expect(propNames(v).filter((n) => !['uid', 'dtstamp', 'last-modified', 'dtstart', 'duration', 'rrule', 'exdate', 'recurrence-id', 'summary', 'description', 'location', 'x-gemeinsam-offer'].includes(n))).toEqual([]);
  });

  for (const [name, evil] of STORABLE) {
    it(`/angebote/<id>/termin.ics with a hostile offer title, summary and place: ${name}`, async () => {
      const o: Offer = {
        ...offer,
        title: `Titel ${evil}`,
        summary: `Kurz ${evil}`,
        ...(offer.location ? { location: { ...offer.location, name: `Ort ${evil}` } } : {}),
      };
      await f.storage.putOffers([o]);
      const res = await f.app.inject({ url: `/angebote/${encodeURIComponent(o.id)}/termin.ics` });
      expect(res.statusCode).toBe(200);
      const { vevents } = parseStrict(res.body);
      expect(vevents).toHaveLength(1);
      const ve = vevents[0]!;
      expect(text(ve, 'summary')).toBe(icsText(o.title));
      expect(text(ve, 'description')).toBe(icsText(`${o.summary}\n\n${(ve.getFirstPropertyValue('url') as string) ?? ''}`));
      expect(text(ve, 'location')!.startsWith(icsText(`Ort ${evil}`))).toBe(true);
      expect(propNames(ve)).toEqual(['uid', 'dtstamp', 'dtstart', ...(ve.hasProperty('dtend') ? ['dtend'] : []), 'summary', 'description', 'location', 'geo', 'url']);
      expect(ve.getFirstPropertyValue('url')).toMatch(/^https:\/\/angebote\.siegburg\.example\/angebote\//);
    });
  }
});

describe('termin.ics writer with texts the offer schema would refuse (defence in depth)', () => {
  const base = {
    id: 'x-1',
    title: 't',
    summary: 's',
    location: { name: 'Ort', street: 'Straße 1', postal_code: '53721', city: 'Siegburg', lat: 50.8, lon: 7.2 },
  } as unknown as Offer;
  for (const [name, evil] of HOSTILE) {
    it(name, () => {
      const o = { ...base, summary: evil, location: { ...base.location!, name: evil } } as Offer;
      const ics = nextDateIcs(o, { start: '2026-12-10T17:00:00.000Z', end: '2026-12-10T19:00:00.000Z', allDay: false } as never, 'https://angebote.siegburg.example/angebote/x-1', evil, new Date('2026-12-01T00:00:00Z'));
      const { vevents } = parseStrict(ics);
      expect(vevents).toHaveLength(1);
      const ve = vevents[0]!;
      const clean = icsText(evil);
      expect(text(ve, 'summary') ?? '').toBe(clean);
      expect(text(ve, 'description')).toBe(icsText(`${evil}\n\nhttps://angebote.siegburg.example/angebote/x-1`));
      expect(propNames(ve)).toEqual(['uid', 'dtstamp', 'dtstart', 'dtend', ...(clean ? ['summary'] : []), 'description', 'location', 'geo', 'url']);
    });
  }
});
