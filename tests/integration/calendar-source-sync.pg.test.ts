import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEventOccurrences } from '../../electron/services/offers/offer-repository';
import { refreshSource } from '../../city-api/src/calendar-sources/refresh';
import type { RunningCityApi } from '../../city-api/src/server';
import type { KioskStorage } from '../../city-api/src/storage/kiosk-storage';
import { FakeClock } from '../fakes/fake-clock';
import { createTestKiosk, startTestCityApiOn, type TestKiosk } from '../fakes/fake-city-api-harness';
import { testOffer } from '../fakes/fake-city-api-data';
import { STORAGE_BACKENDS } from '../support/storage-backends';

/**
 * Issue 21, kiosk side: a club's own calendar, imported by the reference city API, reaches the kiosk as the
 * offer's dates; an event the club deletes disappears from the kiosk at its next sync, a moved time is picked up.
 * On SQLite and PostgreSQL (issue 19).
 */

const NOW = '2026-12-02T08:00:00Z';
const vevent = (uid: string, start: string, summary: string) =>
  `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/Berlin:${start}\r\nDURATION:PT1H30M\r\nSUMMARY:${summary}\r\nEND:VEVENT`;
const calendar = (events: string[]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//DE\r\n${events.join('\r\n')}\r\nEND:VCALENDAR\r\n`;
const berlin = (iso: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

describe.each(STORAGE_BACKENDS)('calendar source → kiosk on $name', (backend) => {
  let storage: KioskStorage;
  let cleanup: () => Promise<void>;
  let api: Omit<RunningCityApi, 'db'> | null = null;
  let kiosk: TestKiosk | null = null;
  let feeds: Server | null = null;
  beforeEach(async () => {
    ({ storage, cleanup } = await backend.open());
  });
  afterEach(async () => {
    kiosk?.close();
    kiosk = null;
    await api?.close();
    api = null;
    await new Promise((r) => (feeds ? feeds.close(r) : r(null)));
    feeds = null;
    await cleanup();
  });

  it('imported club events become the offer dates; a removed event leaves the kiosk at its next sync, a moved one moves', async () => {
    let body = calendar([
      vevent('chor-1@verein', '20261203T190000', 'Chorprobe'),
      vevent('chor-2@verein', '20261210T190000', 'Chorprobe'),
      vevent('konzert@verein', '20261213T170000', 'Adventskonzert'),
    ]);
    feeds = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(body));
    await new Promise<void>((r) => feeds!.listen(0, '127.0.0.1', r));
    api = await startTestCityApiOn(storage, { offers: 5 });
    const offerId = testOffer(1).id;
    const src = await storage.addCalendarSource({ url: `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/chor.ics`, label: 'Chor', offerId, addedBy: 'club', state: 'active' }, new Date(NOW));
    const refresh = async () => expect(await refreshSource({ store: storage, now: () => new Date(NOW) }, (await storage.getCalendarSource(src.id))!)).toMatchObject({ result: 'ok' });
    await refresh();

    kiosk = createTestKiosk(api);
    const clock = new FakeClock(NOW);
    const dates = () =>
      listEventOccurrences(kiosk!.db, { from: '2026-12-01', to: '2026-12-31', limit: 100 })
        .filter((e) => e.offer_id === offerId)
        .map((e) => `${berlin(e.start)} ${e.title}`);
    expect((await kiosk.sync({ clock })).ok).toBe(true);
    expect(dates()).toEqual(['03.12., 19:00 Chorprobe', '10.12., 19:00 Chorprobe', '13.12., 17:00 Adventskonzert']);

    // The club deletes the second rehearsal and moves the concert to 16:00.
    body = calendar([vevent('chor-1@verein', '20261203T190000', 'Chorprobe'), vevent('konzert@verein', '20261213T160000', 'Adventskonzert')]);
    await refresh();
    expect((await kiosk.sync({ clock })).ok).toBe(true);
    expect(dates()).toEqual(['03.12., 19:00 Chorprobe', '13.12., 16:00 Adventskonzert']);
  });
});
