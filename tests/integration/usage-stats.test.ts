import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCityApi } from '../../city-api/src/server';
import { queueCommand, registerKiosk } from '../../city-api/src/kiosk-store';
import { composeKiosk } from '../../electron/services/compose';
import { loadKioskConfig } from '../../electron/services/config/kiosk-config-file';
import { silentLog } from '../../electron/services/log';
import { searchQuerySchema } from '../../shared/contract/offers';
import { FakeClock } from '../fakes/fake-clock';

const q = (text: string) => searchQuerySchema.parse({ text });

/** The whole kiosk (composition root, real HTTP) sending its usage counters to the reference city API. */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const ctx = { transport: 'ipc' as const };

describe('usage stats against the reference city API', () => {
  it('counts finished searches without result and delivers words searched 3 times, once per day', async () => {
    const api = await startCityApi({});
    cleanup.push(() => api.close());
    registerKiosk(api.db, 'rathaus-foyer', 'token-rathaus-0123456789');
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: 'rathaus-foyer', cityApi: { baseUrl: api.url, token: 'token-rathaus-0123456789' } }));
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const kiosk = composeKiosk({
      dataDir,
      config: loadKioskConfig(dataDir),
      version: '1.0.0',
      clock,
      log: silentLog,
      fleet: { timers: false },
      sync: { manualOnly: true },
      usage: { sender: { timers: false } },
    });
    cleanup.push(() => kiosk.stop());

    // Typing is many searches; only the finished search that the renderer reports counts.
    for (const partial of ['qu', 'qui', 'quid', 'quidd']) await kiosk.handlers.searchOffers(q(partial), ctx);
    for (let i = 0; i < 3; i++) {
      expect((await kiosk.handlers.searchOffers(q('Quidditch'), ctx)).total).toBe(0);
      await kiosk.handlers.reportSearchMiss({ text: 'Quidditch' }, ctx);
    }
    for (let i = 0; i < 2; i++) await kiosk.handlers.reportSearchMiss({ text: 'Zauberschach' }, ctx);
    await kiosk.handlers.reportSearchMiss({ text: 'Quidditch im Park' }, ctx);
    await kiosk.handlers.recordSession({ languages: ['de'], largeText: true, highContrast: false, speech: false, viewedOfferIds: [] }, ctx);

    await kiosk.usage.sender.sendNow();
    const row = () => api.db.prepare(`SELECT body_json FROM stats WHERE kiosk_id = 'rathaus-foyer' AND day = '2026-11-25'`).get() as { body_json: string } | undefined;
    const body = JSON.parse(row()!.body_json);
    expect(body.searches_without_result).toEqual({ quidditch: 3 });
    expect(JSON.stringify(body)).not.toContain('zauberschach');
    expect(JSON.stringify(body)).not.toContain('park');
    expect(body).toMatchObject({ sessions: 1, large_text_sessions: 1, languages_used: { de: 1 } });

    // After midnight the whole day is sent again with the later counters; the server keeps one body for the day.
    await kiosk.handlers.reportSearchMiss({ text: 'quidditch' }, ctx);
    clock.set('2026-11-26T01:00:00Z');
    await kiosk.usage.sender.runRound();
    expect(JSON.parse(row()!.body_json).searches_without_result).toEqual({ quidditch: 4 });
    expect((api.db.prepare(`SELECT count(*) AS n FROM stats`).get() as { n: number }).n).toBe(1);
  });

  it('sends today\'s counters on the send_stats heartbeat command', async () => {
    const api = await startCityApi({});
    cleanup.push(() => api.close());
    registerKiosk(api.db, 'rathaus-foyer', 'token-rathaus-0123456789');
    const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: 'rathaus-foyer', cityApi: { baseUrl: api.url, token: 'token-rathaus-0123456789' } }));
    const clock = new FakeClock('2026-11-25T10:00:00Z');
    const kiosk = composeKiosk({
      dataDir,
      config: loadKioskConfig(dataDir),
      version: '1.0.0',
      clock,
      log: silentLog,
      fleet: { timers: false },
      sync: { manualOnly: true },
      usage: { sender: { timers: false } },
    });
    cleanup.push(() => kiosk.stop());
    for (let i = 0; i < 3; i++) await kiosk.handlers.reportSearchMiss({ text: 'Schachtreff' }, ctx);
    const row = () => api.db.prepare(`SELECT body_json FROM stats WHERE kiosk_id = 'rathaus-foyer' AND day = '2026-11-25'`).get() as { body_json: string } | undefined;

    // Today is not a finished day: the background round leaves it.
    await kiosk.usage.sender.runRound();
    expect(row()).toBeUndefined();

    queueCommand(api.db, 'rathaus-foyer', 'send_stats');
    await kiosk.fleet.heartbeatNow();
    expect(JSON.parse(row()!.body_json).searches_without_result).toEqual({ schachtreff: 3 });
    expect(kiosk.usage.counters.dayState('2026-11-25')).toMatchObject({ attempts: 0 });
  });
});
