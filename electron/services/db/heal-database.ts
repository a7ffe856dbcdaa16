import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseTooNewError, openDatabase, type Db } from './open-database';

/**
 * A damaged kiosk database heals itself instead of keeping the kiosk from starting (issue 14).
 *
 * At open the file is checked (header, `PRAGMA quick_check`). A file that fails — not a database, 0 bytes, truncated,
 * garbage in the middle, as a failing SD card leaves it — is renamed (with its -wal/-shm) to
 * `<file>.damaged-<time>` and never deleted; every readable wish outbox row of it, plus the rows of the newest
 * outbox backups, go into a fresh database. Offers come back with the next sync (sample data until then).
 */

export interface HealReport {
  /** the damaged file as it was named */
  file: string;
  /** where it was moved to (kept for a technician) */
  keptAs: string;
  reason: string;
  rescuedFromFile: number;
  restoredFromBackup: number;
  /** one sentence for the log, staff screen and heartbeat; names the file */
  message: string;
}

export interface OpenKioskDatabaseOptions {
  file: string;
  nativeBinding?: string;
  now?: () => Date;
  /** folder of the nightly outbox backups (default: `<dir of file>/backups`) */
  backupDir?: string;
}

const SQLITE_HEADER = 'SQLite format 3\u0000';
const OUTBOX_COLUMNS = ['key', 'body_json', 'contact_json', 'state', 'attempts', 'next_attempt_at', 'last_error', 'remote_id', 'created_at', 'delivered_at'] as const;
type OutboxRow = Record<(typeof OUTBOX_COLUMNS)[number], unknown>;

export const BACKUP_PREFIX = 'outbox-backup-';
export const BACKUPS_KEPT = 3;

export function defaultBackupDir(file: string): string {
  return join(dirname(file), 'backups');
}

/** null when the file looks healthy, else why not (in words a technician understands). */
export function checkDatabaseFile(file: string, nativeBinding?: string): string | null {
  const size = statSync(file).size;
  if (size === 0) return 'the file is empty (0 bytes)';
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) return 'the file is not an SQLite database';
  let db: Db | null = null;
  try {
    // Read-only: a read-write connection checkpoints a -wal into the (damaged) file when it closes and deletes the
    // -wal, so the file would no longer be kept as it was and the newest wishes would be mixed into damaged pages.
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const first = rows[0]?.quick_check ?? 'no answer';
    if (rows.length !== 1 || first !== 'ok') return `PRAGMA quick_check failed: ${rows.map((r) => r.quick_check).slice(0, 3).join('; ')}`;
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Reads every wish outbox row it can from a (possibly damaged) database file; never writes to it. */
export function readOutboxRows(file: string, nativeBinding?: string): OutboxRow[] {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  } catch {
    return [];
  }
  const rows = new Map<string, OutboxRow>();
  const keep = (r: unknown) => {
    const row = r as OutboxRow;
    if (typeof row?.key === 'string' && typeof row.body_json === 'string') rows.set(row.key, row);
  };
  const cols = OUTBOX_COLUMNS.join(', ');
  try {
    // 1. a plain table scan, as far as it gets
    try {
      for (const r of db.prepare(`SELECT ${cols} FROM wish_outbox`).iterate()) keep(r);
    } catch {
      /* damaged page: continue with the indexes */
    }
    // 2. rows reachable through either index (the table scan may have stopped at a bad page)
    for (const index of ['sqlite_autoindex_wish_outbox_1', 'wish_outbox_due']) {
      let rowids: number[] = [];
      try {
        for (const r of db.prepare(`SELECT rowid AS id FROM wish_outbox INDEXED BY ${index}`).iterate()) rowids.push((r as { id: number }).id);
      } catch {
        /* keep what was read */
      }
      for (const id of rowids) {
        try {
          keep(db.prepare(`SELECT ${cols} FROM wish_outbox WHERE rowid = ?`).get(id));
        } catch {
          /* this row is lost in this copy */
        }
      }
      rowids = [];
    }
  } finally {
    db.close();
  }
  return [...rows.values()];
}

function insertRows(db: Db, rows: OutboxRow[]): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO wish_outbox (${OUTBOX_COLUMNS.join(', ')}) VALUES (${OUTBOX_COLUMNS.map((c) => '@' + c).join(', ')})`,
  );
  let n = 0;
  db.transaction(() => {
    for (const r of rows) {
      try {
        n += insert.run(r).changes;
      } catch {
        /* a row that violates the schema (garbage) is skipped */
      }
    }
  })();
  return n;
}

/** Backup files, newest first. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith('.sqlite'))
    .sort()
    .reverse()
    .map((f) => join(dir, f));
}

/**
 * Opens the kiosk database; a damaged file is moved aside and replaced by a fresh database holding every wish
 * that could be rescued. `healed` is set when that happened (log it, report it).
 */
export function openKioskDatabase(opts: OpenKioskDatabaseOptions): { db: Db; healed: HealReport | null } {
  const { file, nativeBinding } = opts;
  const now = opts.now ?? (() => new Date());
  if (file === ':memory:' || !existsSync(file)) return { db: openDatabase({ file, nativeBinding }), healed: null };
  let reason = checkDatabaseFile(file, nativeBinding);
  if (reason === null) {
    try {
      return { db: openDatabase({ file, nativeBinding }), healed: null };
    } catch (err) {
      if (err instanceof DatabaseTooNewError) throw err;
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  const keptAs = `${file}.damaged-${stamp(now())}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, keptAs + suffix);
  }
  const rescued = readOutboxRows(keptAs, nativeBinding);
  const db = openDatabase({ file, nativeBinding });
  const rescuedFromFile = insertRows(db, rescued);
  let restoredFromBackup = 0;
  for (const backup of listBackups(opts.backupDir ?? defaultBackupDir(file))) {
    restoredFromBackup += insertRows(db, readOutboxRows(backup, nativeBinding));
  }
  const message =
    `The kiosk database ${file} was damaged (${reason}). It was kept as ${basename(keptAs)} (nothing deleted); ` +
    `a fresh database was started with ${rescuedFromFile} wish(es) rescued from the file and ${restoredFromBackup} more from the outbox backups. ` +
    'Offers come back with the next sync (sample data until then).';
  return { db, healed: { file, keptAs, reason, rescuedFromFile, restoredFromBackup, message } };
}

/**
 * Online backup (better-sqlite3 `backup()`) of the database for the wish outbox; keeps the newest `keep` copies.
 * Returns the new file.
 */
export async function backupOutbox(db: Db, dir: string, now: Date, keep = BACKUPS_KEPT): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${BACKUP_PREFIX}${stamp(now)}.sqlite`);
  await db.backup(target);
  // Only the outbox matters in a backup; drop the offers so three copies stay small.
  const copy = new Database(target);
  try {
    copy.pragma('journal_mode = DELETE');
    const keepTables = new Set(['wish_outbox', 'sync_state']);
    const tables = copy.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
    copy.pragma('foreign_keys = OFF');
    for (const { name } of tables) {
      if (keepTables.has(name)) continue;
      try {
        copy.exec(`DELETE FROM "${name.replace(/"/g, '""')}"`);
      } catch {
        /* virtual/shadow tables: left as they are */
      }
    }
    copy.exec('VACUUM');
  } finally {
    copy.close();
  }
  // Only this function's own surplus copies are removed (the newest `keep` stay); damaged files are never touched.
  for (const old of listBackups(dir).slice(keep)) rmSync(old, { force: true });
  return target;
}
