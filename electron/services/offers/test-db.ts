import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Offer } from '../../../shared/schemas/offer';
import type { Label } from '../../../shared/schemas/text';
import { openDatabase, type Db } from '../db/open-database';
import { searchTexts } from './offer-repository';

/** A real SQLite file in a fresh temp directory, for tests. */
export function tempDb(): { db: Db; dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-offers-'));
  const db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
  return {
    db,
    dir,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A minimal valid offer for tests; override what the test is about. */
export function testOffer(id: string, over: Partial<Offer> = {}): Offer {
  return {
    id,
    updated_at: '2026-11-01T09:00:00Z',
    status: 'active',
    title: `Angebot ${id}`,
    summary: 'Kurzbeschreibung',
    description: 'Beschreibung',
    organisation: { name: 'Verein' },
    interests: ['treffen'],
    age_groups: ['erwachsene'],
    district: 'innenstadt',
    location: { name: 'Haus', street: 'Weg 1', postal_code: '53721', city: 'Siegburg', lat: 50.7969, lon: 7.2079, wheelchair: 'yes' },
    schedules: [{ freq: 'weekly', byday: ['TU'], opens_at: '14:00', closes_at: '16:00' }],
    cost: { free: true },
    registration_required: false,
    ...over,
  };
}

/**
 * Every derived row recomputed from the stored offers (data_json) and compared with what is in the tables:
 * locations, schedules, interests, age groups and the search texts in offer_texts (`searchTexts`, rowid = offers.rowid).
 * Returns one line per difference; [] when the derived tables are exactly what the offers say.
 */
export function derivedRowProblems(db: Db): string[] {
  const problems: string[] = [];
  const districts = new Map(
    (db.prepare("SELECT id, label_json FROM taxonomy WHERE kind = 'district'").all() as { id: string; label_json: string }[]).map((r) => [r.id, (JSON.parse(r.label_json) as Label).de]),
  );
  const offers = db.prepare('SELECT rowid, id, data_json FROM offers ORDER BY rowid').all() as { rowid: number; id: string; data_json: string }[];
  const location = db.prepare('SELECT name, street, postal_code, city, lat, lon, wheelchair, accessibility_notes, transit_stop FROM locations WHERE offer_id = ?');
  const schedules = db.prepare('SELECT idx, freq, byday, setpos, date, opens_at, closes_at, valid_from, valid_to, note, interval, bymonthday, dtstart FROM schedules WHERE offer_id = ? ORDER BY idx');
  const interests = db.prepare('SELECT interest_id FROM offer_interests WHERE offer_id = ? ORDER BY interest_id').pluck();
  const ages = db.prepare('SELECT age_group_id FROM offer_age_groups WHERE offer_id = ? ORDER BY age_group_id').pluck();
  const texts = db.prepare('SELECT title, summary, description, organisation, place FROM offer_texts WHERE rowid = ?');
  const same = (what: string, id: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${id} ${what}: ${JSON.stringify(actual)} ≠ expected ${JSON.stringify(expected)}`);
  };
  for (const { rowid, id, data_json } of offers) {
    const o = JSON.parse(data_json) as Offer;
    const l = o.location;
    same('location', id, location.get(id) ?? null, l
      ? { name: l.name, street: l.street, postal_code: l.postal_code, city: l.city, lat: l.lat, lon: l.lon, wheelchair: l.wheelchair, accessibility_notes: l.accessibility_notes ?? null, transit_stop: l.transit_stop ?? null }
      : null);
    same('schedules', id, schedules.all(id), o.schedules.map((sc, idx) => ({
      idx,
      freq: sc.freq,
      byday: sc.byday && sc.byday.length > 0 ? sc.byday.join(',') : null,
      setpos: sc.setpos ?? null,
      date: sc.date ?? null,
      opens_at: sc.opens_at ?? null,
      closes_at: sc.closes_at ?? null,
      valid_from: sc.valid_from ?? null,
      valid_to: sc.valid_to ?? null,
      note: sc.note ?? null,
      interval: sc.interval ?? null,
      bymonthday: sc.bymonthday && sc.bymonthday.length > 0 ? sc.bymonthday.join(',') : null,
      dtstart: sc.dtstart ?? null,
    })));
    same('interests', id, interests.all(id), [...new Set(o.interests)].sort());
    same('age groups', id, ages.all(id), [...new Set(o.age_groups)].sort());
    same('offer_texts', id, texts.get(rowid) ?? null, { ...searchTexts(o, o.district ? districts.get(o.district) : undefined) });
  }
  for (const table of ['locations', 'schedules', 'offer_interests', 'offer_age_groups']) {
    const orphans = db.prepare(`SELECT count(*) FROM ${table} WHERE offer_id NOT IN (SELECT id FROM offers)`).pluck().get() as number;
    if (orphans > 0) problems.push(`${table}: ${orphans} rows of no stored offer`);
  }
  const textOrphans = db.prepare('SELECT count(*) FROM offer_texts WHERE rowid NOT IN (SELECT rowid FROM offers)').pluck().get() as number;
  if (textOrphans > 0) problems.push(`offer_texts: ${textOrphans} rows of no stored offer`);
  return problems;
}
