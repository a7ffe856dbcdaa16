import { afterEach, describe, expect, it } from 'vitest';
import { parseSeedSpec, seedStorage } from '../../city-api/src/seed';
import { listenCityApi } from '../../city-api/src/server';
import { staffLogin } from '../../city-api/src/staff/staff-test-login';
import { STORAGE_BACKENDS } from '../support/storage-backends';
import { composeUsageKiosk } from '../support/usage-kiosk';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const ctx = { transport: 'ipc' as const };
const PASSWORD = 'richtig-langes-passwort';

/** Kiosk → daily counters → the Bedarf page, on SQLite and PostgreSQL (issue 19). */
describe.each(STORAGE_BACKENDS)('Bedarf page (issue 18) on $name', (backend) => {
  it('shows a word searched 3 times on a kiosk after send_stats; CSV has the same numbers', async () => {
    const { storage, cleanup: closeStorage } = await backend.open();
    cleanup.push(closeStorage);
    await seedStorage(storage, parseSeedSpec('sample'));
    await storage.registerKiosk('rathaus-foyer', 'token-rathaus-0123456789');
    const api = await listenCityApi({ storage, adminPassword: PASSWORD, publicUrl: 'http://127.0.0.1:4880' });
    cleanup.push(() => api.close());
    const { kiosk } = composeUsageKiosk(api.url, '2026-11-25T16:30:00Z', cleanup);

    for (let i = 0; i < 3; i++) await kiosk.handlers.reportSearchMiss({ text: 'Boule' }, ctx);
    for (let i = 0; i < 2; i++) await kiosk.handlers.reportSearchMiss({ text: 'Minigolf' }, ctx);
    await kiosk.handlers.recordSession({ languages: ['de'], largeText: false, highContrast: false, speech: false, viewedOfferIds: [] }, ctx);
    await storage.queueCommand('rathaus-foyer', 'send_stats');
    await kiosk.fleet.heartbeatNow();

    const s = await staffLogin(api.app, PASSWORD, '/staff/bedarf');
    const url = '/staff/bedarf?from=2026-11-01&to=2026-11-30';
    const page = (await api.app.inject({ url, headers: { cookie: s.cookie } })).body;
    const words = /<table id="tab-suchwoerter">([\s\S]*?)<\/table>/.exec(page)![1]!;
    expect(words).toContain('<tr><th scope="row">boule</th><td>3</td></tr>');
    expect(page).not.toContain('minigolf');
    // 16:30 UTC is 17 Uhr in Siegburg: one session in the 17 o'clock column of the kiosk's row.
    const use = /<table id="tab-kiosknutzung">([\s\S]*?)<\/table>/.exec(page)![1]!;
    const cells = [.../<tr><th scope="row">rathaus-foyer<\/th>(.*?)<\/tr>/.exec(use)![1]!.matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(cells[17]).toBe(1);
    expect(cells[24]).toBe(1);

    const csv = await api.app.inject({ url: '/staff/bedarf.csv?table=suchwoerter&from=2026-11-01&to=2026-11-30', headers: { cookie: s.cookie } });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toBe('\uFEFF"Suchwort";"Anzahl"\r\n"boule";"3"\r\n');
    // Outside the chosen range the word is not counted.
    const december = (await api.app.inject({ url: '/staff/bedarf?from=2026-12-01&to=2026-12-31', headers: { cookie: s.cookie } })).body;
    expect(december).not.toContain('boule');
  });
});
