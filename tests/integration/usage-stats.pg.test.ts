import { afterEach, describe, expect, it } from 'vitest';
import { listenCityApi } from '../../city-api/src/server';
import { searchQuerySchema } from '../../shared/contract/offers';
import { STORAGE_BACKENDS, type StorageBackend } from '../support/storage-backends';
import { storedRows } from '../support/stored-rows';
import { composeUsageKiosk, USAGE_KIOSK_ID, USAGE_KIOSK_TOKEN } from '../support/usage-kiosk';

const q = (text: string) => searchQuerySchema.parse({ text });

/** The whole kiosk (composition root, real HTTP) sending its usage counters to the reference city API, on SQLite and PostgreSQL (issue 19). */
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const ctx = { transport: 'ipc' as const };

/** The reference city API on a fresh storage of the backend (nothing seeded), listening on 127.0.0.1, the kiosk registered. */
async function startOn(backend: StorageBackend) {
  const { storage, cleanup: closeStorage } = await backend.open();
  cleanup.push(closeStorage);
  await storage.registerKiosk(USAGE_KIOSK_ID, USAGE_KIOSK_TOKEN);
  const api = await listenCityApi({ storage });
  cleanup.push(() => api.close());
  return api;
}

describe.each(STORAGE_BACKENDS)('usage stats against the reference city API on $name', (backend) => {
  it('counts finished searches without result and delivers words searched 3 times, once per day', async () => {
    const api = await startOn(backend);
    const { kiosk, clock } = composeUsageKiosk(api.url, '2026-11-25T10:00:00Z', cleanup);

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
    const row = async () => (await storedRows<{ body_json: string }>(api.storage, `SELECT body_json FROM stats WHERE kiosk_id = 'rathaus-foyer' AND day = '2026-11-25'`))[0];
    const body = JSON.parse((await row())!.body_json);
    expect(body.searches_without_result).toEqual({ quidditch: 3 });
    expect(JSON.stringify(body)).not.toContain('zauberschach');
    expect(JSON.stringify(body)).not.toContain('park');
    expect(body).toMatchObject({ sessions: 1, large_text_sessions: 1, languages_used: { de: 1 } });

    // After midnight the whole day is sent again with the later counters; the server keeps one body for the day.
    await kiosk.handlers.reportSearchMiss({ text: 'quidditch' }, ctx);
    clock.set('2026-11-26T01:00:00Z');
    await kiosk.usage.sender.runRound();
    expect(JSON.parse((await row())!.body_json).searches_without_result).toEqual({ quidditch: 4 });
    expect((await storedRows<{ n: number }>(api.storage, `SELECT CAST(count(*) AS integer) AS n FROM stats`))[0]!.n).toBe(1);
  });

  it('sends today\'s counters on the send_stats heartbeat command', async () => {
    const api = await startOn(backend);
    const { kiosk } = composeUsageKiosk(api.url, '2026-11-25T10:00:00Z', cleanup);
    for (let i = 0; i < 3; i++) await kiosk.handlers.reportSearchMiss({ text: 'Schachtreff' }, ctx);
    const row = async () => (await storedRows<{ body_json: string }>(api.storage, `SELECT body_json FROM stats WHERE kiosk_id = 'rathaus-foyer' AND day = '2026-11-25'`))[0];

    // Today is not a finished day: the background round leaves it.
    await kiosk.usage.sender.runRound();
    expect(await row()).toBeUndefined();

    await api.storage.queueCommand('rathaus-foyer', 'send_stats');
    await kiosk.fleet.heartbeatNow();
    expect(JSON.parse((await row())!.body_json).searches_without_result).toEqual({ schachtreff: 3 });
    expect(kiosk.usage.counters.dayState('2026-11-25')).toMatchObject({ attempts: 0 });
  });
});
