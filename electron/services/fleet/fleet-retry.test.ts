import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { openDatabase, type Db } from '../db/open-database';
import { createErrorJournal } from '../log-files/error-journal';
import { silentLog } from '../log';
import { createCommandLedger } from './command-ledger';
import { createConfigFetch } from './config-fetch';
import { createEffectiveConfig } from './effective-config';
import { classifyFleetError, FakeFleetClient, FleetHttpError, type HeartbeatBody } from './fleet-client';
import { createHeartbeat, dataAgeS } from './heartbeat';
import { createRemoteStatus } from './remote-status';
import { createSyncStateStore } from './sync-state-store';
import { NoUpdatesUpdater } from '../updates/updater';

/** A client that fails with the given errors first, then answers like the fake city API. */
class FlakyClient extends FakeFleetClient {
  calls = 0;
  constructor(private readonly faults: Error[]) {
    super();
  }
  override async heartbeat(kioskId: string, body: HeartbeatBody) {
    this.calls++;
    const f = this.faults.shift();
    if (f) throw f;
    return super.heartbeat(kioskId, body);
  }
  override async fetchConfig(kioskId: string, etag: string | null) {
    this.calls++;
    const f = this.faults.shift();
    if (f) throw f;
    return super.fetchConfig(kioskId, etag);
  }
}

describe('per-request retry for heartbeat and remote config (issue 14)', () => {
  let db: Db;
  let dir: string;
  const waits: number[] = [];
  const retry = { sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 };
  const config = createConfigStore(kioskConfigSchema.parse({ kioskId: 'k1', cityApi: { baseUrl: 'http://127.0.0.1:9', token: 't'.repeat(20) } }));

  beforeEach(() => {
    db = openDatabase({ file: ':memory:' });
    dir = mkdtempSync(join(tmpdir(), 'fleet-retry-'));
    waits.length = 0;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function heartbeatWith(client: FakeFleetClient) {
    const status = createRemoteStatus(silentLog, () => Date.now());
    const hb = createHeartbeat({
      client,
      config,
      log: silentLog,
      journal: createErrorJournal(silentLog, { now: () => new Date() }),
      ledger: createCommandLedger(createSyncStateStore(db)),
      runner: { run: async () => {} },
      status,
      peers: () => ({}),
      fetchConfigNow: async () => {},
      version: '9.9.9',
      dataDir: dir,
      uptimeS: () => 1,
      now: () => new Date('2026-12-02T10:00:00Z'),
      retry,
    });
    return { hb, status };
  }

  it('heartbeat: 503 with Retry-After, a cut connection and a 429 are retried, then it arrives', async () => {
    const cut = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    const client = new FlakyClient([new FleetHttpError(503, 'heartbeat: HTTP 503', 3), cut, new FleetHttpError(429, 'heartbeat: HTTP 429')]);
    const { hb, status } = heartbeatWith(client);
    await hb.heartbeatNow();
    expect(client.calls).toBe(4);
    expect(client.heartbeats).toHaveLength(1);
    expect(status.get().lastHeartbeatAt).toEqual(expect.any(Number));
    // Retry-After 3 s honoured, then the short backoff (equal jitter at 0.5: 1.5 s, 3 s)
    expect(waits).toEqual([3000, 1500, 3000]);
  });

  it('heartbeat: 401 is not retried; the tries are bounded', async () => {
    const refused = new FlakyClient([new FleetHttpError(401, 'heartbeat: HTTP 401')]);
    await heartbeatWith(refused).hb.heartbeatNow();
    expect(refused.calls).toBe(1);
    const down = new FlakyClient(Array.from({ length: 20 }, () => new FleetHttpError(502, 'heartbeat: HTTP 502')));
    await heartbeatWith(down).hb.heartbeatNow();
    expect(down.calls).toBe(6);
    expect(down.heartbeats).toHaveLength(0);
  });

  it('remote config: a 503 and a timeout are retried, a 404 is not', async () => {
    const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
    const client = new FlakyClient([new FleetHttpError(503, 'config: HTTP 503'), timeout]);
    client.config = { schema_version: 1 };
    const status = createRemoteStatus(silentLog, () => Date.now());
    const effective = createEffectiveConfig({ config, dataDir: dir, store: createSyncStateStore(db), log: silentLog, updater: new NoUpdatesUpdater() });
    await createConfigFetch({ client, config, effective, status, log: silentLog, retry })();
    expect(client.calls).toBe(3);
    expect(status.get().lastConfigAt).toEqual(expect.any(Number));
    expect(classifyFleetError(new FleetHttpError(404, 'no config')).retry).toBe(false);
  });

  it('the heartbeat carries the data age (seconds since the last successful sync)', async () => {
    expect(dataAgeS('2026-12-02T10:00:00.000Z', new Date('2026-12-03T11:00:30.000Z'))).toBe(25 * 3600 + 30);
    expect(dataAgeS(null, new Date())).toBeNull();
    const client = new FlakyClient([]);
    await heartbeatWith(client).hb.heartbeatNow();
    expect(client.heartbeats[0]).toHaveProperty('data_age_s', null);
  });
});
