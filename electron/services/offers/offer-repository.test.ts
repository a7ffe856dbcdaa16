import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import type { Db } from '../db/open-database';
import {
  clearSampleData,
  countOffers,
  deleteOffers,
  getDataSource,
  getOfferById,
  listEventOccurrences,
  readTaxonomy,
  replaceEvents,
  replaceTaxonomy,
  setDataSource,
  upsertOffers,
} from './offer-repository';
import { searchTokens } from '../../../shared/logic/normalize-text';
import { tempDb, testOffer } from './test-db';

let t: ReturnType<typeof tempDb>;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

/** Rows of the stored search texts containing a word, normalised as the search does ("Kaldauen" → "kaldaun"). */
const textRows = (q: string) =>
  db
    .prepare("SELECT rowid FROM offer_texts WHERE instr(title || '\t' || summary || '\t' || description || '\t' || organisation || '\t' || place, ?) > 0 ORDER BY rowid")
    .pluck()
    .all(searchTokens(q).join(' ')) as number[];

describe('offer repository', () => {
  it('round-trips an offer with all its derived rows', () => {
    const offer = testOffer('a1', {
      title: 'Kulturcafé am Markt',
      easy_read: 'Leichte Sprache',
      translations: { en: { title: 'Culture café', summary: 's', description: 'd' } },
      interests: ['kultur', 'treffen'],
      age_groups: ['alle'],
      schedules: [
        { freq: 'monthly', setpos: 2, byday: ['TU'], opens_at: '15:00' },
        { freq: 'once', date: '2027-06-12' },
      ],
    });
    db.transaction(() => upsertOffers(db, [offer]))();
    expect(getOfferById(db, 'a1')).toEqual(offer);
    expect(db.prepare("SELECT interest_id FROM offer_interests WHERE offer_id = 'a1' ORDER BY 1").pluck().all()).toEqual(['kultur', 'treffen']);
    expect(db.prepare("SELECT age_group_id FROM offer_age_groups WHERE offer_id = 'a1'").pluck().all()).toEqual(['alle']);
    expect(db.prepare("SELECT freq, byday, setpos FROM schedules WHERE offer_id = 'a1' ORDER BY idx").all()).toEqual([
      { freq: 'monthly', byday: 'TU', setpos: 2 },
      { freq: 'once', byday: null, setpos: null },
    ]);
    expect(db.prepare("SELECT wheelchair FROM locations WHERE offer_id = 'a1'").pluck().get()).toBe('yes');
    expect(textRows('kulturcafe')).toHaveLength(1);
    expect(textRows('culture')).toHaveLength(1);
    expect(getOfferById(db, 'missing')).toBeNull();
  });

  it('marks sample offers and keeps the flag in the stored offer', () => {
    db.transaction(() => upsertOffers(db, [testOffer('s1')], { sample: true }))();
    expect(getOfferById(db, 's1')?.sample).toBe(true);
    expect(db.prepare("SELECT sample FROM offers WHERE id = 's1'").pluck().get()).toBe(1);
  });

  it('replaces an offer in place: old texts and links disappear from the index', () => {
    db.transaction(() => upsertOffers(db, [testOffer('a1', { title: 'Gartenfreunde', interests: ['natur'] })]))();
    const rowid = db.prepare("SELECT rowid FROM offers WHERE id = 'a1'").pluck().get();
    db.transaction(() => upsertOffers(db, [testOffer('a1', { title: 'Schachtreff', interests: ['spielen'], location: undefined })]))();
    expect(db.prepare("SELECT rowid FROM offers WHERE id = 'a1'").pluck().get()).toBe(rowid);
    expect(textRows('garten')).toEqual([]);
    expect(textRows('schach')).toEqual([rowid]);
    expect(db.prepare("SELECT interest_id FROM offer_interests WHERE offer_id = 'a1'").pluck().all()).toEqual(['spielen']);
    expect(db.prepare("SELECT count(*) FROM locations WHERE offer_id = 'a1'").pluck().get()).toBe(0);
    expect(countOffers(db)).toBe(1);
  });

  it('deletes offers with everything derived from them, ignoring unknown ids', () => {
    db.transaction(() => upsertOffers(db, [testOffer('a1'), testOffer('a2', { status: 'paused' })]))();
    expect(countOffers(db)).toBe(2);
    expect(countOffers(db, { status: 'active' })).toBe(1);
    db.transaction(() => deleteOffers(db, ['a1', 'nope']))();
    expect(countOffers(db)).toBe(1);
    for (const table of ['locations', 'schedules', 'offer_interests', 'offer_age_groups']) {
      expect(db.prepare(`SELECT count(*) FROM ${table} WHERE offer_id = 'a1'`).pluck().get(), table).toBe(0);
    }
    expect(db.prepare('SELECT count(*) FROM offer_texts').pluck().get()).toBe(1);
  });

  it('clears only sample data', () => {
    db.transaction(() => {
      upsertOffers(db, [testOffer('s1'), testOffer('s2')], { sample: true });
      upsertOffers(db, [testOffer('c1')]);
    })();
    db.transaction(() => clearSampleData(db))();
    expect(db.prepare('SELECT id FROM offers').pluck().all()).toEqual(['c1']);
  });

  it('does not open its own transaction: a failing caller transaction leaves nothing behind', () => {
    expect(() =>
      db.transaction(() => {
        upsertOffers(db, [testOffer('a1')]);
        throw new Error('page failed');
      })(),
    ).toThrow('page failed');
    expect(countOffers(db)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM offer_texts').pluck().get()).toBe(0);
  });

  it('round-trips the taxonomy and re-indexes place texts when district labels change', () => {
    db.transaction(() => replaceTaxonomy(db, SIEGBURG_TAXONOMY))();
    expect(readTaxonomy(db)).toEqual(SIEGBURG_TAXONOMY);
    db.transaction(() => upsertOffers(db, [testOffer('a1', { district: 'kaldauen' })]))();
    expect(textRows('kaldauen')).toHaveLength(1);
    const renamed = { ...SIEGBURG_TAXONOMY, districts: SIEGBURG_TAXONOMY.districts.map((d) => (d.id === 'kaldauen' ? { ...d, label: { de: 'Oberkaldauen' } } : d)) };
    db.transaction(() => replaceTaxonomy(db, renamed))();
    expect(textRows('oberkaldauen')).toHaveLength(1);
    expect(readTaxonomy(db).districts.find((d) => d.id === 'kaldauen')?.label.de).toBe('Oberkaldauen');
  });

  it('replaces and lists event occurrences by window', () => {
    const ev = (uid: string, start: string, offer_id?: string) => ({ uid, start, title: `Event ${uid}`, all_day: false, ...(offer_id ? { offer_id } : {}) });
    db.transaction(() => replaceEvents(db, '2026-12-01', '2026-12-31', [ev('e1', '2026-12-02T17:00:00Z', 'a1'), ev('e2', '2026-12-10T09:00:00+01:00'), ev('e3', '2026-12-20T09:00:00Z', 'a1')]))();
    expect(listEventOccurrences(db, { from: '2026-12-01', to: '2026-12-31', limit: 10 }).map((e) => e.uid)).toEqual(['e1', 'e2', 'e3']);
    expect(listEventOccurrences(db, { from: '2026-12-01', to: '2026-12-31', limit: 10 })[1]?.start).toBe('2026-12-10T08:00:00.000Z');
    expect(listEventOccurrences(db, { from: '2026-12-01', to: '2026-12-31', offerId: 'a1', limit: 1 }).map((e) => e.uid)).toEqual(['e1']);
    db.transaction(() => replaceEvents(db, '2026-12-01', '2026-12-15', [ev('e4', '2026-12-05T10:00:00Z')]))();
    expect(listEventOccurrences(db, { from: '2026-12-01', to: '2026-12-31', limit: 10 }).map((e) => e.uid)).toEqual(['e4', 'e3']);
  });

  it('stores the data source, defaulting to sample', () => {
    expect(getDataSource(db)).toBe('sample');
    setDataSource(db, 'city');
    expect(getDataSource(db)).toBe('city');
    setDataSource(db, 'sample');
    expect(getDataSource(db)).toBe('sample');
  });
});
