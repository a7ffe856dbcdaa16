import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateSyntheticOffers, SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import type { Offer, Schedule } from '../../../shared/schemas/offer';
import type { Label } from '../../../shared/schemas/text';
import type { Db } from '../db/open-database';
import { clearSampleData, deleteOffers, replaceTaxonomy, searchTexts, upsertOffers } from './offer-repository';
import { derivedRowProblems, tempDb } from './test-db';

/**
 * The write path before it was reordered for speed (one statement after another per offer, search texts row
 * deleted and inserted right after the offer; until kiosk migration 7 that row was in the FTS5 table offers_fts). Kept here verbatim as the reference: the database content
 * written by `upsertOffers`/`deleteOffers` must stay exactly what this gives, row ids included.
 */
function referenceUpsert(db: Db, offers: Offer[], opts: { sample?: boolean } = {}): void {
  const rows = db.prepare("SELECT id, label_json FROM taxonomy WHERE kind = 'district'").all() as { id: string; label_json: string }[];
  const labels = new Map(rows.map((r) => [r.id, (JSON.parse(r.label_json) as Label).de]));
  for (const offer of offers) {
    const sample = opts.sample ?? offer.sample ?? false;
    const stored: Offer = { ...offer, sample: sample || undefined };
    if (!sample) delete stored.sample;
    db.prepare(
      `INSERT INTO offers (id, updated_at, status, title, summary, organisation, district, free, sample, data_json)
       VALUES (@id, @updated_at, @status, @title, @summary, @organisation, @district, @free, @sample, @data_json)
       ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, status = excluded.status, title = excluded.title,
         summary = excluded.summary, organisation = excluded.organisation, district = excluded.district,
         free = excluded.free, sample = excluded.sample, data_json = excluded.data_json`,
    ).run({
      id: offer.id,
      updated_at: offer.updated_at,
      status: offer.status,
      title: offer.title,
      summary: offer.summary,
      organisation: offer.organisation.name,
      district: offer.district ?? null,
      free: offer.cost.free ? 1 : 0,
      sample: sample ? 1 : 0,
      data_json: JSON.stringify(stored),
    });
    const rowid = db.prepare('SELECT rowid FROM offers WHERE id = ?').pluck().get(offer.id) as number;
    db.prepare('DELETE FROM locations WHERE offer_id = ?').run(offer.id);
    const l = offer.location;
    if (l) {
      db.prepare(
        `INSERT INTO locations (offer_id, name, street, postal_code, city, lat, lon, wheelchair, accessibility_notes, transit_stop)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(offer.id, l.name, l.street, l.postal_code, l.city, l.lat, l.lon, l.wheelchair, l.accessibility_notes ?? null, l.transit_stop ?? null);
    }
    db.prepare('DELETE FROM schedules WHERE offer_id = ?').run(offer.id);
    offer.schedules.forEach((sc: Schedule, idx) => {
      db.prepare(
        `INSERT INTO schedules (offer_id, idx, freq, byday, setpos, date, opens_at, closes_at, valid_from, valid_to, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(offer.id, idx, sc.freq, sc.byday && sc.byday.length > 0 ? sc.byday.join(',') : null, sc.setpos ?? null, sc.date ?? null, sc.opens_at ?? null, sc.closes_at ?? null, sc.valid_from ?? null, sc.valid_to ?? null, sc.note ?? null);
    });
    db.prepare('DELETE FROM offer_interests WHERE offer_id = ?').run(offer.id);
    for (const i of offer.interests) db.prepare('INSERT OR IGNORE INTO offer_interests (offer_id, interest_id) VALUES (?, ?)').run(offer.id, i);
    db.prepare('DELETE FROM offer_age_groups WHERE offer_id = ?').run(offer.id);
    for (const a of offer.age_groups) db.prepare('INSERT OR IGNORE INTO offer_age_groups (offer_id, age_group_id) VALUES (?, ?)').run(offer.id, a);
    const t = searchTexts(offer, offer.district ? labels.get(offer.district) : undefined);
    db.prepare('DELETE FROM offer_texts WHERE rowid = ?').run(rowid);
    db.prepare('INSERT INTO offer_texts (rowid, title, summary, description, organisation, place) VALUES (?, ?, ?, ?, ?, ?)').run(rowid, t.title, t.summary, t.description, t.organisation, t.place);
  }
}

function referenceDelete(db: Db, ids: string[]): void {
  for (const id of ids) {
    const rowid = db.prepare('SELECT rowid FROM offers WHERE id = ?').pluck().get(id) as number | undefined;
    if (rowid === undefined) continue;
    db.prepare('DELETE FROM offer_texts WHERE rowid = ?').run(rowid);
    for (const table of ['locations', 'schedules', 'offer_interests', 'offer_age_groups']) db.prepare(`DELETE FROM ${table} WHERE offer_id = ?`).run(id);
    db.prepare('DELETE FROM offers WHERE id = ?').run(id);
  }
}

/** Every row of every offers table, row ids included, in a fixed order. */
function dump(db: Db) {
  return {
    offers: db.prepare('SELECT rowid, * FROM offers ORDER BY rowid').all(),
    locations: db.prepare('SELECT * FROM locations ORDER BY offer_id').all(),
    schedules: db.prepare('SELECT * FROM schedules ORDER BY offer_id, idx').all(),
    interests: db.prepare('SELECT * FROM offer_interests ORDER BY offer_id, interest_id').all(),
    ageGroups: db.prepare('SELECT * FROM offer_age_groups ORDER BY offer_id, age_group_id').all(),
    texts: db.prepare('SELECT rowid, title, summary, description, organisation, place FROM offer_texts ORDER BY rowid').all(),
  };
}

let a: ReturnType<typeof tempDb>;
let b: ReturnType<typeof tempDb>;
beforeEach(() => {
  a = tempDb();
  b = tempDb();
});
afterEach(() => {
  a.cleanup();
  b.cleanup();
});

describe('offer write path: same database content as the per-row reference', () => {
  it('over sample import, paged first sync, updates, deletions, re-inserts, duplicates and a full replace', () => {
    const offers = generateSyntheticOffers(1200, 7);
    const edited = (o: Offer, n: number): Offer => {
      const e: Offer = { ...o, title: `${o.title} geändert ${n}`, description: `Neue Beschreibung ${n}: Märchen, Straße, Öffnungszeiten.`, interests: [...o.interests].reverse() };
      if (n % 3 === 0) delete e.location;
      if (n % 4 === 0) e.schedules = [];
      if (n % 5 === 0) e.district = SIEGBURG_TAXONOMY.districts[n % SIEGBURG_TAXONOMY.districts.length]!.id;
      if (n % 7 === 0) e.translations = { en: { title: `Changed ${n}`, summary: 'Everyone welcome', description: 'd' } };
      return e;
    };
    /** Each step runs in one transaction on both databases (as a sync page does). */
    const steps: { name: string; apply: (upsert: typeof upsertOffers, del: typeof deleteOffers, db: Db) => void }[] = [
      { name: 'taxonomy', apply: (_u, _d, db) => replaceTaxonomy(db, SIEGBURG_TAXONOMY) },
      { name: 'sample data', apply: (u, _d, db) => u(db, SIEGBURG_SAMPLE_OFFERS, { sample: true }) },
      ...Array.from({ length: 6 }, (_, p) => ({
        name: `first sync page ${p + 1}`,
        apply: (u: typeof upsertOffers, d: typeof deleteOffers, db: Db) => {
          if (p === 0) {
            // applyPendingSwitch: sample offers go with the first page
            if (u === upsertOffers) clearSampleData(db);
            else d(db, db.prepare('SELECT id FROM offers WHERE sample = 1').pluck().all() as string[]);
          }
          u(db, offers.slice(p * 200, (p + 1) * 200));
        },
      })),
      {
        name: 'incremental: updates mixed with new offers, a duplicate id in one call, deletions',
        apply: (u, d, db) => {
          u(db, [edited(offers[3]!, 1), ...offers.slice(1200).concat(generateSyntheticOffers(5, 99)), edited(offers[10]!, 2), edited(offers[3]!, 3)]);
          d(db, [offers[20]!.id, offers[21]!.id, 'unknown-id', offers[1199]!.id]);
        },
      },
      {
        name: 'offers carrying their own sample marker (true, false) and an explicit sample: false',
        apply: (u, _d, db) => {
          u(db, [{ ...offers[30]!, sample: true }, { ...offers[31]!, sample: false }]);
          u(db, [{ ...offers[32]!, sample: true }], { sample: false });
        },
      },
      {
        name: 'deleted offers come back, more edits',
        apply: (u, _d, db) => u(db, [offers[20]!, ...offers.slice(100, 160).map((o, i) => edited(o, i + 4)), offers[1199]!]),
      },
      { name: 'district labels change (place text re-indexed)', apply: (_u, _d, db) => replaceTaxonomy(db, { ...SIEGBURG_TAXONOMY, districts: SIEGBURG_TAXONOMY.districts.map((x) => ({ ...x, label: { ...x.label, de: `${x.label.de} (neu)` } })) }) },
      { name: 'everything deleted (source switch), then a new first page', apply: (u, d, db) => {
        d(db, db.prepare('SELECT id FROM offers').pluck().all() as string[]);
        u(db, offers.slice(500, 700).map((o, i) => edited(o, i)));
      } },
    ];
    for (const step of steps) {
      a.db.transaction(() => step.apply(referenceUpsert as typeof upsertOffers, referenceDelete, a.db))();
      b.db.transaction(() => step.apply(upsertOffers, deleteOffers, b.db))();
      expect(dump(b.db), step.name).toEqual(dump(a.db));
      expect(derivedRowProblems(b.db), step.name).toEqual([]);
    }
    expect(dump(b.db).texts.length).toBe(200);
  });
});
