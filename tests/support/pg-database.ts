/**
 * One empty PostgreSQL database per test on the throwaway cluster (tests/support/throwaway-postgres.ts), dropped
 * afterwards. `inject('pgUrl')` is '' when PostgreSQL is not installed: `pgAvailable` is then false and the
 * PostgreSQL variants skip (CI sets CITY_API_PG_REQUIRED=1, where that is a failure instead).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export const pgUrl: string = (() => {
  try {
    return inject('pgUrl') ?? '';
  } catch {
    return ''; // not in the postgres project (no globalSetup)
  }
})();
export const pgAvailable = pgUrl !== '';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshDatabase(base = pgUrl): Promise<TestDatabase> {
  if (!base) throw new Error('no PostgreSQL cluster (run the *.pg.test.ts files through the vitest postgres project)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs `fn` with one pooled client of the database at `url` (migration tests: migrate step by step, insert old rows). */
export async function withPgClient<T>(url: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url });
  try {
    const c = await pool.connect();
    try {
      return await fn(c);
    } finally {
      c.release();
    }
  } finally {
    await pool.end();
  }
}
