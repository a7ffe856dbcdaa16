import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import {
  remoteKioskConfigSchema,
  type HeartbeatBody,
  type KioskCommand,
  type KioskCommandType,
  type RemoteKioskConfig,
} from '../../shared/schemas/city-api';
import type { CityDb } from './city-db';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function defaultKioskConfig(id: string): RemoteKioskConfig {
  return {
    name: `Kiosk ${id}`,
    place: 'Siegburg',
    locale_default: 'de',
    languages: ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'],
    home: { lat: 50.7969, lon: 7.2079, zoom: 15 },
    idle: { warn_after_s: 90, reset_after_s: 120 },
    printer: { transport: 'none', chars_per_line: 48 },
    maintenance_window: { start: '02:00', end: '04:00', tz: 'Europe/Berlin' },
    // no `update`: the kiosk keeps its packaged update feed. A placeholder here once stopped every kiosk updating.
    submission_url: 'https://www.siegburg.de/angebotslandkarte/mitmachen',
  };
}

/** Registers a kiosk (or replaces its token). Only the token's sha256 is stored. */
export function registerKiosk(db: CityDb, id: string, token: string, config?: RemoteKioskConfig): void {
  const cfg = remoteKioskConfigSchema.parse(config ?? defaultKioskConfig(id));
  db.prepare(
    `INSERT INTO kiosks (id, token_sha256, config_json, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET token_sha256 = excluded.token_sha256, config_json = COALESCE(kiosks.config_json, excluded.config_json)`,
  ).run(id, sha256(token), JSON.stringify(cfg), new Date().toISOString());
}

/** The kiosk a bearer token belongs to with its town (one read), or null. */
export function kioskForToken(db: CityDb, token: string): { id: string; town: string | null } | null {
  if (!token || token.length > 500) return null;
  const hash = sha256(token);
  const row = db.prepare(`SELECT id, town, token_sha256 FROM kiosks WHERE token_sha256 = ?`).get(hash) as
    | { id: string; town: string | null; token_sha256: string }
    | undefined;
  if (!row) return null;
  return timingSafeEqual(Buffer.from(row.token_sha256), Buffer.from(hash)) ? { id: row.id, town: row.town ?? null } : null;
}

export function setKioskConfig(db: CityDb, id: string, config: RemoteKioskConfig): void {
  db.prepare(`UPDATE kiosks SET config_json = ? WHERE id = ?`).run(JSON.stringify(remoteKioskConfigSchema.parse(config)), id);
}

export function getKioskConfig(db: CityDb, id: string): { json: string; etag: string } | null {
  const row = db.prepare(`SELECT config_json FROM kiosks WHERE id = ?`).get(id) as { config_json: string | null } | undefined;
  if (!row) return null;
  const json = row.config_json ?? JSON.stringify(defaultKioskConfig(id));
  return { json, etag: `"${sha256(json).slice(0, 32)}"` };
}

/**
 * Stores a heartbeat, marks acknowledged commands done and returns the commands still to carry out
 * (queued ones, and sent ones not yet acknowledged: at-least-once delivery).
 */
export function recordHeartbeat(db: CityDb, kioskId: string, hb: HeartbeatBody, now = new Date()): KioskCommand[] {
  return db.transaction(() => {
    const at = now.toISOString();
    db.prepare(`UPDATE kiosks SET last_heartbeat_at = ?, last_heartbeat_json = ? WHERE id = ?`).run(at, JSON.stringify(hb), kioskId);
    const done = db.prepare(`UPDATE commands SET state = 'done', done_at = ? WHERE id = ? AND kiosk_id = ? AND state != 'done'`);
    for (const id of hb.acked ?? []) done.run(at, id, kioskId);
    const pending = db
      .prepare(`SELECT id, type FROM commands WHERE kiosk_id = ? AND state IN ('queued','sent') ORDER BY created_at, id`)
      .all(kioskId) as KioskCommand[];
    db.prepare(`UPDATE commands SET state = 'sent', sent_at = COALESCE(sent_at, ?) WHERE kiosk_id = ? AND state = 'queued'`).run(at, kioskId);
    return pending;
  })();
}

export function queueCommand(db: CityDb, kioskId: string, type: KioskCommandType): string {
  const id = `cmd-${randomUUID()}`;
  db.prepare(`INSERT INTO commands (id, kiosk_id, type, created_at) VALUES (?, ?, ?, ?)`).run(id, kioskId, type, new Date().toISOString());
  return id;
}

export interface KioskOverview {
  id: string;
  /** null: the district's (issue 19) */
  town: string | null;
  last_heartbeat_at: string | null;
  heartbeat: HeartbeatBody | null;
  commands: { id: string; type: string; state: string; created_at: string }[];
}

/** `town`: only that town's kiosks (a town's staff account, issue 19); null: every kiosk. */
export function listKiosks(db: CityDb, town: string | null = null): KioskOverview[] {
  const kiosks = db.prepare(`SELECT id, town, last_heartbeat_at, last_heartbeat_json FROM kiosks WHERE (@town IS NULL OR town = @town) ORDER BY id`).all({ town }) as {
    id: string;
    town: string | null;
    last_heartbeat_at: string | null;
    last_heartbeat_json: string | null;
  }[];
  const cmds = db.prepare(`SELECT id, type, state, created_at FROM commands WHERE kiosk_id = ? ORDER BY created_at DESC LIMIT 10`);
  return kiosks.map((k) => ({
    id: k.id,
    town: k.town,
    last_heartbeat_at: k.last_heartbeat_at,
    heartbeat: k.last_heartbeat_json ? (JSON.parse(k.last_heartbeat_json) as HeartbeatBody) : null,
    commands: cmds.all(k.id) as KioskOverview['commands'],
  }));
}

export function commandState(db: CityDb, id: string): string | null {
  const row = db.prepare(`SELECT state FROM commands WHERE id = ?`).get(id) as { state: string } | undefined;
  return row?.state ?? null;
}

export function storeStats(db: CityDb, kioskId: string, day: string, body: unknown): void {
  db.prepare(
    `INSERT INTO stats (kiosk_id, day, body_json, received_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(kiosk_id, day) DO UPDATE SET body_json = excluded.body_json, received_at = excluded.received_at`,
  ).run(kioskId, day, JSON.stringify(body), new Date().toISOString());
}
