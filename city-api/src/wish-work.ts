/**
 * Staff work on wishes (issue 18): status, a note and — only when the visitor consented to contact — a record of
 * the reply. Plus the population per district that the Bedarf page relates offers to. Own tables, add-only migration.
 */
import type { CityDb } from './city-db';

export const WISH_WORK_MIGRATION = `
  CREATE TABLE wish_work (
    wish_id TEXT PRIMARY KEY REFERENCES wishes(id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'neu' CHECK (status IN ('neu','in_bearbeitung','angebot_gefunden','erledigt')),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
  );
  CREATE TABLE wish_replies (
    id INTEGER PRIMARY KEY,
    wish_id TEXT NOT NULL REFERENCES wishes(id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('telefon','email','brief','persoenlich')),
    summary TEXT NOT NULL,
    replied_at TEXT NOT NULL
  );
  CREATE INDEX wish_replies_wish ON wish_replies(wish_id);
  CREATE TABLE district_population (
    district_id TEXT PRIMARY KEY,
    residents INTEGER NOT NULL CHECK (residents > 0),
    updated_at TEXT NOT NULL
  );
  CREATE INDEX wishes_received ON wishes(received_at);
`;

export const WISH_STATUSES = ['neu', 'in_bearbeitung', 'angebot_gefunden', 'erledigt'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];
export const WISH_STATUS_LABEL: Record<WishStatus, string> = {
  neu: 'neu',
  in_bearbeitung: 'in Bearbeitung',
  angebot_gefunden: 'Angebot gefunden',
  erledigt: 'erledigt',
};
export const REPLY_CHANNELS = ['telefon', 'email', 'brief', 'persoenlich'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export interface WishWork {
  status: WishStatus;
  note: string;
  updated_at: string | null;
  replies: { channel: ReplyChannel; summary: string; replied_at: string }[];
}

export function getWishWork(db: CityDb, wishId: string): WishWork {
  const w = db.prepare(`SELECT status, note, updated_at FROM wish_work WHERE wish_id = ?`).get(wishId) as Omit<WishWork, 'replies'> | undefined;
  const replies = db.prepare(`SELECT channel, summary, replied_at FROM wish_replies WHERE wish_id = ? ORDER BY id`).all(wishId) as WishWork['replies'];
  return { status: w?.status ?? 'neu', note: w?.note ?? '', updated_at: w?.updated_at ?? null, replies };
}

/** Status and note of all wishes that staff have touched. */
export function allWishWork(db: CityDb): Map<string, { status: WishStatus; note: string; replies: number }> {
  const rows = db
    .prepare(
      `SELECT x.id AS wish_id, COALESCE(w.status, 'neu') AS status, COALESCE(w.note, '') AS note,
              (SELECT count(*) FROM wish_replies r WHERE r.wish_id = x.id) AS replies
       FROM wishes x LEFT JOIN wish_work w ON w.wish_id = x.id
       WHERE w.wish_id IS NOT NULL OR EXISTS (SELECT 1 FROM wish_replies r WHERE r.wish_id = x.id)`,
    )
    .all() as { wish_id: string; status: WishStatus; note: string; replies: number }[];
  return new Map(rows.map((r) => [r.wish_id, r]));
}

export function setWishWork(db: CityDb, wishId: string, status: WishStatus, note: string, now: Date): boolean {
  if (!db.prepare(`SELECT 1 FROM wishes WHERE id = ?`).get(wishId)) return false;
  db.prepare(
    `INSERT INTO wish_work (wish_id, status, note, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(wish_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(wishId, status, note.slice(0, 2000), now.toISOString());
  return true;
}

/** Records a reply; refused (false) unless the visitor consented to contact and left a way to reach them. */
export function addWishReply(db: CityDb, wishId: string, channel: ReplyChannel, summary: string, now: Date): boolean {
  const row = db.prepare(`SELECT body_json FROM wishes WHERE id = ?`).get(wishId) as { body_json: string } | undefined;
  if (!row) return false;
  const body = JSON.parse(row.body_json) as { contact_consent?: boolean; contact?: Record<string, unknown> };
  if (body.contact_consent !== true || !body.contact || Object.keys(body.contact).length === 0) return false;
  db.prepare(`INSERT INTO wish_replies (wish_id, channel, summary, replied_at) VALUES (?, ?, ?, ?)`).run(wishId, channel, summary.slice(0, 1000), now.toISOString());
  return true;
}

/** Siegburg's districts with sample figures (rounded, for the demo; staff replace them with the town's own). */
export const SIEGBURG_SAMPLE_POPULATION: Record<string, number> = {
  innenstadt: 9800,
  brueckberg: 6200,
  deichhaus: 4100,
  kaldauen: 7400,
  braschoss: 2300,
  seligenthal: 1400,
  stallberg: 3900,
  wolsdorf: 5600,
  zange: 3300,
};

/** Residents per district: the staff's figures, the sample figures where none are set. */
export function districtPopulation(db: CityDb): Record<string, number> {
  const rows = db.prepare(`SELECT district_id, residents FROM district_population`).all() as { district_id: string; residents: number }[];
  return { ...SIEGBURG_SAMPLE_POPULATION, ...Object.fromEntries(rows.map((r) => [r.district_id, r.residents])) };
}

export function setDistrictPopulation(db: CityDb, districtId: string, residents: number, now: Date): void {
  db.prepare(
    `INSERT INTO district_population (district_id, residents, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(district_id) DO UPDATE SET residents = excluded.residents, updated_at = excluded.updated_at`,
  ).run(districtId, residents, now.toISOString());
}
