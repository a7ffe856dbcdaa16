import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** The database on disk was written by a newer version of the kiosk; it is left untouched. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
    readonly file: string,
  ) {
    super(
      `The database ${file} has schema version ${found}, but this kiosk version only knows up to ${supported}. ` +
        'It was written by a newer version of GEMEINSAM Kiosk. Install that version (or newer); the file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to `target` (default: all known migrations), one transaction per migration.
 * Refuses (and does not write to) a database newer than the app.
 */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS, target = migrations.length, file = db.name): number {
  const current = userVersion(db);
  if (current > migrations.length) throw new DatabaseTooNewError(current, migrations.length, file);
  for (let v = current; v < target; v++) {
    const sql = migrations[v];
    if (sql === undefined) break;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return userVersion(db);
}

export interface OpenOptions {
  /** ':memory:' for tests */
  file: string;
  readonly?: boolean;
  /** Path of a better_sqlite3.node built for another ABI (Electron in development, see docs/adr/0003); default: the package's own build. */
  nativeBinding?: string;
}

/** Opens (creating if needed) the kiosk database with safe settings and runs pending migrations. */
export function openDatabase({ file, readonly = false, nativeBinding }: OpenOptions): Db {
  const db = new Database(file, { readonly, fileMustExist: readonly, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    // Check the version before any write (WAL switch included), so a too-new file is left untouched.
    const current = userVersion(db);
    if (current > MIGRATIONS.length) throw new DatabaseTooNewError(current, MIGRATIONS.length, file);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db, MIGRATIONS, MIGRATIONS.length, file);
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
