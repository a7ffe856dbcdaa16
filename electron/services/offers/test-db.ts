import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Offer } from '../../../shared/schemas/offer';
import { openDatabase, type Db } from '../db/open-database';

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
