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
      // Baseline in the same run: the usage figures summed the way the page did before (every stats row's JSON
      // parsed in JavaScript), against the json_each sums in SQLite the page uses now.
      const range = ['2025-12-02', '2026-12-01'];
      const b0 = performance.now();
      const words = new Map<string, number>();
      const hours = new Map<string, number[]>();
      for (const row of db.prepare(`SELECT kiosk_id, body_json FROM stats WHERE day >= ? AND day <= ?`).all(...range) as { kiosk_id: string; body_json: string }[]) {
        const b = JSON.parse(row.body_json) as { searches_without_result?: Record<string, number>; sessions_by_hour?: Record<string, number> };
        for (const [w, n] of Object.entries(b.searches_without_result ?? {})) words.set(w, (words.get(w) ?? 0) + n);
        const h = hours.get(row.kiosk_id) ?? new Array<number>(24).fill(0);
        for (const [k, n] of Object.entries(b.sessions_by_hour ?? {})) h[Number(k)]! += n;
        hours.set(row.kiosk_id, h);
      }
      const baselineMs = performance.now() - b0;
      const s0 = performance.now();
      db.prepare(
        `SELECT s.kiosk_id, j.key, SUM(j.value) FROM stats s, json_each(s.body_json, '$.sessions_by_hour') j WHERE s.day >= ? AND s.day <= ? GROUP BY s.kiosk_id, j.key`,
      ).all(...range);
      db.prepare(`SELECT j.key, SUM(j.value) FROM stats s, json_each(s.body_json, '$.searches_without_result') j WHERE s.day >= ? AND s.day <= ? GROUP BY j.key`).all(...range);
      const sqlMs = performance.now() - s0;
      const warm = times.slice(1).sort((a, b) => a - b);
      const median = warm[Math.floor(warm.length / 2)]!;
      console.log(`bedarf page: 5,000 wishes, 30 kiosks × 365 days of stats, ${Math.round(bytes / 1024)} KB HTML`);
      console.log(`  usage sums over ${30 * 365} stats rows: JSON parsed in JS (before, baseline) ${Math.round(baselineMs)} ms, json_each in SQLite (now) ${Math.round(sqlMs)} ms`);
      console.log(`  first render ${Math.round(times[0]!)} ms, median of 5 more ${Math.round(median)} ms — ${Math.max(times[0]!, median) < GOAL_MS ? 'OK' : 'MISSED'} (goal < ${GOAL_MS} ms)`);
    } finally {
      await app.close();
      db.close();
    }
  },
};
