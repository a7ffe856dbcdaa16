import { openCityDb } from '../city-api/src/city-db';
import { seedSyntheticBedarf } from '../city-api/src/bedarf/bedarf-synthetic';
import { parseSeedSpec, seedCityDb } from '../city-api/src/seed';
import { buildCityApi } from '../city-api/src/server';
import { staffLogin } from '../city-api/src/staff/staff-test-login';
import type { Bench } from './benches';

/**
 * Bedarf page (issue 18): GET /staff/bedarf (data, topic grouping, SVG, tables) with 5,000 wishes and 365 days of
 * stats from 30 kiosks, through the whole Fastify stack (app.inject, staff session). Goal < 1 s per page.
 */
const GOAL_MS = 1000;
const END = new Date('2026-12-01T12:00:00Z');

export const bedarfBench: Bench = {
  name: 'bedarf',
  async run() {
    const db = openCityDb(':memory:');
    seedCityDb(db, parseSeedSpec('sample'));
    seedSyntheticBedarf(db, { wishes: 5000, kiosks: 30, days: 365, end: END });
    const { app } = buildCityApi({ db, publicUrl: 'http://127.0.0.1:4880', adminPassword: 'bench-passwort-lang-genug' });
    try {
      const s = await staffLogin(app, 'bench-passwort-lang-genug', '/staff/offers');
      const url = '/staff/bedarf?from=2025-12-02&to=2026-12-01';
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        const r = await app.inject({ url, headers: { cookie: s.cookie } });
        times.push(performance.now() - t0);
        if (r.statusCode !== 200) throw new Error(`bedarf page answered ${r.statusCode}`);
        bytes = r.body.length;
      }
      const warm = times.slice(1).sort((a, b) => a - b);
      const median = warm[Math.floor(warm.length / 2)]!;
      console.log(`bedarf page: 5,000 wishes, 30 kiosks × 365 days of stats, ${Math.round(bytes / 1024)} KB HTML`);
      console.log(`  first render ${Math.round(times[0]!)} ms, median of 5 more ${Math.round(median)} ms — ${Math.max(times[0]!, median) < GOAL_MS ? 'OK' : 'MISSED'} (goal < ${GOAL_MS} ms)`);
    } finally {
      await app.close();
      db.close();
    }
  },
};
