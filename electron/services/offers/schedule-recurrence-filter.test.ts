import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchQuerySchema, type SearchQueryInput } from '../../../shared/contract/offers';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { createConfigStore } from '../config/config-store';
import { silentLog } from '../log';
import { upsertOffers } from './offer-repository';
import { createOffersFeature } from './offers-feature';
import { derivedRowProblems, tempDb, testOffer } from './test-db';

// Issue 20: the "heute" / "diese Woche" filters read the schedules table (migration 5 stores interval, bymonthday and
// dtstart there). Every 2nd Tuesday from Tuesday 24 November 2026: on 24 Nov, 8 Dec, 22 Dec; not on 1 Dec, 15 Dec.
const clock = new FakeClock();
let t: ReturnType<typeof tempDb>;
let feature: ReturnType<typeof createOffersFeature>;

beforeEach(() => {
  t = tempDb();
  feature = createOffersFeature({ db: t.db, config: createConfigStore(kioskConfigSchema.parse({})), dataDir: t.dir, clock, log: silentLog, version: '0' });
  upsertOffers(t.db, [
    testOffer('every-2nd-tuesday', { schedules: [{ freq: 'weekly', byday: ['TU'], interval: 2, dtstart: '2026-11-24', opens_at: '15:00', closes_at: '17:00' }] }),
    testOffer('first-of-month', { schedules: [{ freq: 'monthly', bymonthday: [1], opens_at: '10:00' }] }),
    testOffer('every-tuesday', { schedules: [{ freq: 'weekly', byday: ['TU'], opens_at: '15:00' }] }),
    testOffer('starts-in-december', { schedules: [{ freq: 'weekly', byday: ['TU'], dtstart: '2026-12-08' }] }),
  ]);
});
afterEach(() => t.cleanup());

const OURS = new Set(['every-2nd-tuesday', 'first-of-month', 'every-tuesday', 'starts-in-december']);
async function ids(q: SearchQueryInput, at: string): Promise<string[]> {
  clock.set(at);
  const r = await feature.handlers.searchOffers(searchQuerySchema.parse({ limit: 500, ...q }), { transport: 'http' });
  return r.items.map((i) => i.id).filter((id) => OURS.has(id)).sort();
}

describe('today / this week from the local cache with interval, bymonthday and dtstart (migration 5)', () => {
  it('stores the recurrence fields as derived rows', () => {
    expect(derivedRowProblems(t.db)).toEqual([]);
    expect(t.db.prepare("SELECT interval, bymonthday, dtstart FROM schedules WHERE offer_id IN ('every-2nd-tuesday', 'first-of-month') ORDER BY offer_id").all()).toEqual([
      { interval: 2, bymonthday: null, dtstart: '2026-11-24' },
      { interval: null, bymonthday: '1', dtstart: null },
    ]);
  });

  it('every 2nd Tuesday: week on, week off, week on', async () => {
    expect(await ids({ when: 'today' }, '2026-11-24T09:00:00Z')).toEqual(['every-2nd-tuesday', 'every-tuesday']); // week on
    expect(await ids({ when: 'today' }, '2026-12-01T09:00:00Z')).toEqual(['every-tuesday', 'first-of-month']); // week off
    expect(await ids({ when: 'today' }, '2026-12-08T09:00:00Z')).toEqual(['every-2nd-tuesday', 'every-tuesday', 'starts-in-december']); // on again
    expect(await ids({ when: 'today' }, '2026-12-15T09:00:00Z')).toEqual(['every-tuesday', 'starts-in-december']);
  });

  it('this week: a window holding only the off Tuesday does not count, the next one does', async () => {
    // Wed 25 Nov … Tue 1 Dec: the only Tuesday is an off week; the 1st of December is in it
    expect(await ids({ when: 'week' }, '2026-11-25T09:00:00Z')).toEqual(['every-tuesday', 'first-of-month']);
    // Wed 2 Dec … Tue 8 Dec: the on week's Tuesday and the first Tuesday of the December series
    expect(await ids({ when: 'week' }, '2026-12-02T09:00:00Z')).toEqual(['every-2nd-tuesday', 'every-tuesday', 'starts-in-december']);
  });

  it('on the 1st of each month only in a window containing a 1st', async () => {
    expect(await ids({ when: 'today' }, '2027-01-01T09:00:00Z')).toEqual(['first-of-month']);
    expect(await ids({ when: 'week' }, '2027-01-02T09:00:00Z')).not.toContain('first-of-month');
    expect(await ids({ when: 'week' }, '2027-01-26T09:00:00Z')).toContain('first-of-month'); // 26 Jan … 1 Feb
  });
});
