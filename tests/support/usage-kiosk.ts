/**
 * The whole kiosk (composition root, real HTTP, fake clock) as kiosk 'rathaus-foyer' of a city API at `apiUrl`, for
 * the tests of its usage counters on the way to the city API (usage stats, the Bedarf page; issue 18/19). No timers:
 * fleet, sync and the stats sender run only when the test calls them. Its data directory and its stop() are pushed
 * onto `cleanup` (run in reverse order after the test).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { loadKioskConfig } from '../../electron/services/config/kiosk-config-file';
import { silentLog } from '../../electron/services/log';
import { FakeClock } from '../fakes/fake-clock';

export const USAGE_KIOSK_ID = 'rathaus-foyer';
export const USAGE_KIOSK_TOKEN = 'token-rathaus-0123456789';

export function composeUsageKiosk(apiUrl: string, now: string, cleanup: (() => Promise<void> | void)[]): { kiosk: KioskRuntime; clock: FakeClock } {
  const dataDir = mkdtempSync(join(tmpdir(), 'kiosk-usage-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  writeFileSync(join(dataDir, 'kiosk.json'), JSON.stringify({ kioskId: USAGE_KIOSK_ID, cityApi: { baseUrl: apiUrl, token: USAGE_KIOSK_TOKEN } }));
  const clock = new FakeClock(now);
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
  return { kiosk, clock };
}
