/**
 * Events (ICS feed) and images from the reference city API into the kiosk, on both storage backends (issue 19): the
 * API is seeded only through KioskStorage, so events and image bytes also go through PostgreSQL.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { listEventOccurrences } from '../../electron/services/offers/offer-repository';
import { FakeClock } from '../fakes/fake-clock';
import { closeTestCityApis, createTestKiosk, startTestCityApiOnBackend } from '../fakes/fake-city-api-harness';
import { testOffer } from '../fakes/fake-city-api-data';
import { STORAGE_BACKENDS } from '../support/storage-backends';

// every test city API, storage and kiosk the harness opened is closed after each test
afterEach(closeTestCityApis);

const berlin = (iso: string) => new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** A real 1×1 PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crcBuf = Buffer.concat([Buffer.from(type), data]);
    let c = ~0;
    for (const b of crcBuf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    }
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(~c >>> 0);
    return Buffer.concat([len, crcBuf, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 50, 50]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.each(STORAGE_BACKENDS)('city API on $name', (backend) => {
  describe('events from the ICS feed', () => {
    it('imports a DST-crossing weekly event at 18:00 local, omits the exception date, shows the moved date, links the offer', async () => {
      const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 10 });
      await storage.putEvent({
        uid: 'treff-18@siegburg',
        offer_id: testOffer(1).id,
        summary: 'Abendtreff',
        dtstart: '2026-10-07T18:00',
        duration_min: 90,
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        exdates: ['2026-11-04T18:00'],
        overrides: [{ recurrence_id: '2026-11-11T18:00', dtstart: '2026-11-12T17:00', summary: 'Abendtreff (Donnerstag)' }],
      });
      await storage.putEvent({ uid: 'markt@siegburg', summary: 'Martinsmarkt', all_day: true, dtstart: '2026-11-08' });
      const kiosk = createTestKiosk(api);
      const clock = new FakeClock('2026-10-15T08:00:00Z');
      const r = await kiosk.sync({ clock });
      expect(r.ok).toBe(true);
      const events = listEventOccurrences(kiosk.db, { from: '2026-10-14', to: '2026-11-30', limit: 100 });
      const treff = events.filter((e) => e.uid === 'treff-18@siegburg');
      expect(treff.map((e) => e.start.slice(0, 10))).toEqual(['2026-10-14', '2026-10-21', '2026-10-28', '2026-11-12', '2026-11-18', '2026-11-25']);
      for (const e of treff.filter((x) => x.title === 'Abendtreff')) expect(berlin(e.start)).toBe('Mi., 18:00');
      expect(treff.find((e) => e.start.startsWith('2026-10-21'))!.start).toBe('2026-10-21T16:00:00.000Z');
      expect(treff.find((e) => e.start.startsWith('2026-10-28'))!.start).toBe('2026-10-28T17:00:00.000Z');
      const moved = treff.find((e) => e.start.startsWith('2026-11-12'))!;
      expect([moved.title, berlin(moved.start), moved.offer_id]).toEqual(['Abendtreff (Donnerstag)', 'Do., 17:00', testOffer(1).id]);
      expect(events.find((e) => e.uid === 'markt@siegburg')).toMatchObject({ all_day: true, title: 'Martinsmarkt' });
      expect(events.find((e) => e.uid === 'markt@siegburg')!.offer_id).toBeUndefined();

      // the town cancels the series: the next sync removes its future dates
      expect(await storage.deleteEvent('treff-18@siegburg')).toBe(true);
      expect((await kiosk.sync({ clock })).ok).toBe(true);
      expect(listEventOccurrences(kiosk.db, { from: '2026-10-14', to: '2026-11-30', limit: 100 }).map((e) => e.uid)).toEqual(['markt@siegburg']);
    });
  });

  describe('events that fell out of the window (issue 14 soak)', () => {
    it('a week later the passed occurrences are gone from the kiosk; one still running is kept', async () => {
      const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 3 });
      await storage.putEvent({ uid: 'taeglich@siegburg', summary: 'Mittagstisch', dtstart: '2026-11-01T12:00', duration_min: 60, rrule: 'FREQ=DAILY' });
      await storage.putEvent({ uid: 'ausstellung@siegburg', summary: 'Ausstellung', dtstart: '2026-11-22T10:00', duration_min: 14 * 24 * 60 });
      const kiosk = createTestKiosk(api);
      const count = () => kiosk.db.prepare('SELECT count(*) FROM events').pluck().get() as number;
      const clock = new FakeClock('2026-11-23T08:00:00Z');
      expect((await kiosk.sync({ clock })).ok).toBe(true);
      const first = count();
      expect(first).toBeGreaterThan(60); // yesterday … +60 days, daily, plus the exhibition
      expect(kiosk.db.prepare(`SELECT count(*) FROM events WHERE uid = 'ausstellung@siegburg'`).pluck().get()).toBe(1);
      clock.advance(7 * 86_400_000);
      expect((await kiosk.sync({ clock })).ok).toBe(true);
      // the window moved by 7 days: as many occurrences as before, none before yesterday — not 7 more
      expect(count()).toBe(first);
      const oldest = kiosk.db.prepare(`SELECT min(start) FROM events WHERE uid = 'taeglich@siegburg'`).pluck().get() as string;
      expect(oldest.slice(0, 10)).toBe('2026-11-29');
      // the exhibition started before the window but runs until 2026-12-06: still there
      expect(kiosk.db.prepare(`SELECT count(*) FROM events WHERE uid = 'ausstellung@siegburg'`).pluck().get()).toBe(1);
    });
  });

  describe('images', () => {
    it('fetches, checks (type by magic bytes, size, sha256) and caches images; serves only from the cache', async () => {
      const { api, storage } = await startTestCityApiOnBackend(backend, { offers: 3 });
      const good = await storage.putImage(png(), 'image/png');
      const text = Buffer.from('this is not an image at all, just text pretending');
      const fake = await storage.putImage(text, 'image/png');
      const url = (sha: string) => `${api.url}/images/${sha}`;
      await storage.putOffers([testOffer(10, { image: { url: url(good.sha256), alt: 'Gruppe im Garten', sha256: good.sha256, bytes: good.bytes } })]);
      await storage.putOffers([testOffer(11, { image: { url: url(fake.sha256), alt: 'kein Bild', sha256: fake.sha256, bytes: fake.bytes } })]);
      const wrongSha = createHash('sha256').update('other').digest('hex');
      await storage.putOffers([testOffer(12, { image: { url: url(good.sha256), alt: 'falscher Hash', sha256: wrongSha, bytes: good.bytes } })]);
      const tooSmall = { ...testOffer(13), image: { url: url(good.sha256), alt: 'zu groß', sha256: 'c'.repeat(64), bytes: 10 } };
      await storage.putUncheckedOffer(tooSmall.id, JSON.stringify(tooSmall));

      const kiosk = createTestKiosk(api);
      const r = await kiosk.sync();
      expect(r.ok).toBe(true);
      expect(r.summary.imagesFetched).toBe(1);
      expect(r.summary.imagesRejected).toBe(3);
      const cached = kiosk.images.get(good.sha256);
      expect(cached?.contentType).toBe('image/png');
      expect(createHash('sha256').update(cached!.body).digest('hex')).toBe(good.sha256);
      expect(kiosk.images.get(fake.sha256)).toBeNull();
      expect(kiosk.images.get(wrongSha)).toBeNull();
      expect(kiosk.images.get('../../etc/passwd')).toBeNull();

      // the image survives a server outage: it is served from the cache
      await api.close();
      expect(kiosk.images.get(good.sha256)?.body.equals(png())).toBe(true);
    });
  });
});
