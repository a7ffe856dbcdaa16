/**
 * What the Bedarf page (issue 18: /staff/bedarf, its CSV and PDF) reads beyond the taxonomy, the published offers
 * and the 12-month review, for both backends (issue 19). Part of KioskStorage. The figures themselves are computed
 * in bedarf/bedarf-data.ts from these rows, the same way on both backends. SQLite runs the statements the page ran
 * before (wish-work.ts, json_each over stats); PostgreSQL has district_population (PG_BEDARF_MIGRATION, PG migration 8)
 * and sums the kiosks' daily counters with jsonb_each.
 */
import type pg from 'pg';
import type { CityDb } from '../city-db';
import { districtPopulation, setDistrictPopulation, SIEGBURG_SAMPLE_POPULATION } from '../wish-work';

/** A day range, YYYY-MM-DD, both days included. */
export interface DayRange {
  from: string;
  to: string;
}

export interface BedarfStatSums {
  /** Searches without a result, summed over every kiosk: word → count. */
  searchMisses: { key: string; n: number }[];
  /** Sessions per kiosk and local hour ("0".."23"), summed over the days. */
  sessionsByHour: { kioskId: string; key: string; n: number }[];
  /** Every kiosk that sent counters in the range (also those without a session), in no particular order. */
  kiosks: string[];
}

export interface BedarfStorage {
  /** Wishes received in the range (UTC days), oldest first: their stored body (JSON) and when they arrived (ISO). */
  bedarfWishes(range: DayRange): Promise<{ bodyJson: string; receivedAt: string }[]>;
  /** The kiosks' daily counters of the range, summed (integers only, as the kiosks send them). */
  bedarfStatSums(range: DayRange): Promise<BedarfStatSums>;
  /** Residents per district: the staff's figures, the sample figures where none are set. */
  districtPopulation(): Promise<Record<string, number>>;
  /** Stores the staff's figures, all or none. */
  setDistrictPopulations(values: readonly (readonly [districtId: string, residents: number])[], now: Date): Promise<void>;
}

export function sqliteBedarfStorage(db: CityDb): BedarfStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  // Summed in SQLite (json_each) instead of parsing 30 kiosks × 365 days of JSON in JavaScript.
  const sumOf = (path: string, byKiosk: boolean, range: DayRange) =>
    db
      .prepare(
        `SELECT ${byKiosk ? 's.kiosk_id AS kiosk_id,' : ''} j.key AS key, SUM(j.value) AS n FROM stats s, json_each(s.body_json, '${path}') j
         WHERE s.day >= ? AND s.day <= ? AND j.type = 'integer' GROUP BY ${byKiosk ? 's.kiosk_id, ' : ''}j.key`,
      )
      .all(range.from, range.to) as { kiosk_id?: string; key: string | number; n: number }[];
  return {
    bedarfWishes: (range) =>
      run(() =>
        (
          db
            .prepare(`SELECT body_json, received_at FROM wishes WHERE received_at >= ? AND received_at < ? ORDER BY received_at`)
            .all(`${range.from}T00:00:00`, `${range.to}T99`) as { body_json: string; received_at: string }[]
        ).map((r) => ({ bodyJson: r.body_json, receivedAt: r.received_at })),
      ),
    bedarfStatSums: (range) =>
      run(() => ({
        searchMisses: sumOf('$.searches_without_result', false, range).map((r) => ({ key: String(r.key), n: r.n })),
        sessionsByHour: sumOf('$.sessions_by_hour', true, range).map((r) => ({ kioskId: r.kiosk_id!, key: String(r.key), n: r.n })),
        kiosks: db.prepare(`SELECT DISTINCT kiosk_id FROM stats WHERE day >= ? AND day <= ?`).pluck().all(range.from, range.to) as string[],
      })),
    districtPopulation: () => run(() => districtPopulation(db)),
    setDistrictPopulations: (values, now) =>
      run(() =>
        db.transaction(() => {
          for (const [id, n] of values) setDistrictPopulation(db, id, n, now);
        })(),
      ),
  };
}

/** PostgreSQL migration 8 (pg-migrations.ts): the district_population table of SQLite migration 4, and stats by day. */
export const PG_BEDARF_MIGRATION = `
  CREATE TABLE district_population (
    district_id text PRIMARY KEY,
    residents integer NOT NULL CHECK (residents > 0),
    updated_at timestamptz NOT NULL
  );
  CREATE INDEX stats_day ON stats (day);
`;

const dayStart = (d: string) => new Date(`${d}T00:00:00.000Z`);

export function pgBedarfStorage(pool: pg.Pool, tx: <T>(fn: (c: pg.PoolClient) => Promise<T>) => Promise<T>): BedarfStorage {
  /** One member of the stored counters, as jsonb rows (nothing when it is missing or not an object). */
  const members = (path: string) =>
    `jsonb_each(CASE WHEN jsonb_typeof(s.body_json::jsonb -> '${path}') = 'object' THEN s.body_json::jsonb -> '${path}' END) j`;
  // json_each's type 'integer' on SQLite: a JSON number written without fraction or exponent
  const integer = `jsonb_typeof(j.value) = 'number' AND (j.value #>> '{}') ~ '^-?[0-9]+$'`;
  return {
    async bedarfWishes(range) {
      const to = dayStart(range.to);
      to.setUTCDate(to.getUTCDate() + 1);
      const { rows } = await pool.query<{ body_json: string; received_at: Date }>(
        'SELECT body_json, received_at FROM wishes WHERE received_at >= $1 AND received_at < $2 ORDER BY received_at',
        [dayStart(range.from), to],
      );
      return rows.map((r) => ({ bodyJson: r.body_json, receivedAt: r.received_at.toISOString() }));
    },
    async bedarfStatSums(range) {
      const args = [range.from, range.to];
      const [misses, hours, kiosks] = await Promise.all([
        pool.query<{ key: string; n: number }>(
          `SELECT j.key, SUM((j.value #>> '{}')::bigint)::float8 AS n FROM stats s, ${members('searches_without_result')}
           WHERE s.day >= $1::date AND s.day <= $2::date AND ${integer} GROUP BY j.key`,
          args,
        ),
        pool.query<{ kiosk_id: string; key: string; n: number }>(
          `SELECT s.kiosk_id, j.key, SUM((j.value #>> '{}')::bigint)::float8 AS n FROM stats s, ${members('sessions_by_hour')}
           WHERE s.day >= $1::date AND s.day <= $2::date AND ${integer} GROUP BY s.kiosk_id, j.key`,
          args,
        ),
        pool.query<{ kiosk_id: string }>('SELECT DISTINCT kiosk_id FROM stats WHERE day >= $1::date AND day <= $2::date', args),
      ]);
      return {
        searchMisses: misses.rows,
        sessionsByHour: hours.rows.map((r) => ({ kioskId: r.kiosk_id, key: r.key, n: r.n })),
        kiosks: kiosks.rows.map((r) => r.kiosk_id),
      };
    },
    async districtPopulation() {
      const { rows } = await pool.query<{ district_id: string; residents: number }>('SELECT district_id, residents FROM district_population');
      return { ...SIEGBURG_SAMPLE_POPULATION, ...Object.fromEntries(rows.map((r) => [r.district_id, r.residents])) };
    },
    async setDistrictPopulations(values, now) {
      await tx(async (c) => {
        for (const [id, n] of values) {
          await c.query(
            `INSERT INTO district_population (district_id, residents, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (district_id) DO UPDATE SET residents = excluded.residents, updated_at = excluded.updated_at`,
            [id, n, now],
          );
        }
      });
    },
  };
}
