/**
 * Staff accounts per town with roles (issue 19): instead of one shared staff password, each person of each town
 * has an account — a name, a salted scrypt password hash (staff-auth.ts, the same parameters), a role and
 * optionally a town. Both backends. The /staff login and the role check per route use them (staff/staff-plugin.ts,
 * staff/staff-roles.ts) and the town limits (staff/town-scope.ts); accounts are created with
 * `npm run city-api -- staff-add` (staff/staff-add.ts) or on /staff/accounts (staff/account-pages.ts).
 *
 * Roles, each including the one before:
 * - editor: offers (create, edit, pause, hide, set their town) and reading wishes
 * - moderator: + the club form's queue (approve, reject), staff work on wishes, events and calendar sources
 * - admin: + kiosks (commands, configuration, their town), the taxonomy and staff accounts
 * An account with a town acts only on things of that town; things without a town (the district's own offers,
 * kiosks without town) belong to accounts without a town (the district's staff).
 */
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { townIdSchema } from '../../../shared/schemas/taxonomy';
import type { CityDb } from '../city-db';
import { hasPasswordControl, hashPassword, verifyPassword } from '../staff-auth';

export const STAFF_ROLES = ['editor', 'moderator', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type StaffAction =
  | 'offers.edit'
  | 'wishes.read'
  | 'submissions.moderate'
  | 'wishes.work'
  | 'events.edit'
  | 'kiosks.manage'
  | 'taxonomy.edit'
  | 'accounts.manage';

const LEAST_ROLE: Record<StaffAction, StaffRole> = {
  'offers.edit': 'editor',
  'wishes.read': 'editor',
  'submissions.moderate': 'moderator',
  'wishes.work': 'moderator',
  'events.edit': 'moderator',
  'kiosks.manage': 'admin',
  'taxonomy.edit': 'admin',
  'accounts.manage': 'admin',
};

export interface StaffAccount {
  id: string;
  name: string;
  role: StaffRole;
  /** null: the district's staff (every town) */
  town: string | null;
}

/**
 * Whether the account may do `action` on something of `targetTown` (null = of no town, the district's).
 * A district account (no town) may act everywhere; a town account only on its own town's things.
 */
export function staffMay(account: Pick<StaffAccount, 'role' | 'town'>, action: StaffAction, targetTown: string | null): boolean {
  if (STAFF_ROLES.indexOf(account.role) < STAFF_ROLES.indexOf(LEAST_ROLE[action])) return false;
  return account.town === null || account.town === targetTown;
}

export interface StaffAccountListItem extends StaffAccount {
  disabled: boolean;
  /** ISO 8601 (UTC), null: never logged in (since issue 19's migration 9) */
  lastLoginAt: string | null;
}

export const staffAccountInputSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9._@-]{2,64}$/, 'name: 2-64 letters, digits, . _ @ -'),
  password: z.string().min(12, 'password: at least 12 characters').max(1000).refine((p) => !hasPasswordControl(p), 'password: no control characters (NUL, tab, line breaks, …)'),
  role: z.enum(STAFF_ROLES),
  town: townIdSchema.nullable(),
});
export type StaffAccountInput = z.infer<typeof staffAccountInputSchema>;

export interface StaffAccountStorage {
  /** Creates the account, or replaces password, role and town of the one with that name (enabling it again). */
  putStaffAccount(input: StaffAccountInput): Promise<StaffAccount>;
  /** The account for a name and password, or null (unknown name, wrong password or disabled): same cost either way. */
  verifyStaffAccount(name: string, password: string): Promise<StaffAccount | null>;
  disableStaffAccount(name: string): Promise<boolean>;
  /** Changes role and town of an existing account (password and enabled state stay); false when unknown. */
  setStaffAccountRole(name: string, role: StaffRole, town: string | null): Promise<boolean>;
  /** By town (the district's first), then name; `town`: only that town's accounts. */
  listStaffAccounts(town?: string | null): Promise<StaffAccountListItem[]>;
  /** An entry of the audit trail (/staff/audit) for a change to staff accounts, of `town` (null: the district's). */
  logStaffAccountChange(e: { action: string; actor: string; detail: string; town: string | null; at: Date }): Promise<void>;
  /** Whether any account exists, disabled ones too (then the shared staff password no longer logs in; staff-plugin.ts). */
  hasStaffAccounts(): Promise<boolean>;
  /** Ties a staff session (the cookie value) to an account at login, and notes the account's last login. */
  attachStaffSessionAccount(sessionId: string, accountId: string): Promise<void>;
  /**
   * The account of a staff session, read on every staff request: the account while it is enabled, 'shared' for a
   * session of the shared password, null when its account is disabled (or the session unknown).
   */
  staffSessionAccount(sessionId: string): Promise<StaffAccount | 'shared' | null>;
}

/**
 * SQLite migration 8 (city-db.ts) and PostgreSQL migration 6 (pg-migrations.ts), add-only. Two copies on purpose
 * (duplicates lists the pair): the dialects differ (BLOB/bytea, TEXT/timestamptz), and a released migration's text
 * is never changed, so neither is generated from the other.
 */
export const STAFF_ACCOUNTS_MIGRATION_SQLITE = `
  CREATE TABLE staff_accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('editor', 'moderator', 'admin')),
    town TEXT,
    password_salt BLOB NOT NULL,
    password_hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
  );
  -- which account a staff session belongs to (NULL: the shared staff password)
  ALTER TABLE admin_sessions ADD COLUMN account_id TEXT REFERENCES staff_accounts(id);
`;
export const STAFF_ACCOUNTS_MIGRATION_PG = `
  CREATE TABLE staff_accounts (
    id text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('editor', 'moderator', 'admin')),
    town text,
    password_salt bytea NOT NULL,
    password_hash bytea NOT NULL,
    created_at timestamptz NOT NULL,
    disabled_at timestamptz
  );
  ALTER TABLE admin_sessions ADD COLUMN account_id text REFERENCES staff_accounts(id);
`;

interface AccountRow {
  id: string;
  name: string;
  role: StaffRole;
  town: string | null;
  password_salt: Buffer;
  password_hash: Buffer;
  disabled_at: unknown;
  last_login_at?: string | Date | null;
}

// compared against when the name is unknown, so an unknown name costs one scrypt like a known one
const DUMMY = hashPassword('not a password of anyone');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const sessionAccount = (r: (Partial<AccountRow> & { account_id: string | null }) | undefined): StaffAccount | 'shared' | null =>
  !r ? null : r.account_id === null ? 'shared' : r.id && r.disabled_at === null ? toAccount(r as AccountRow) : null;
const toAccount = (r: AccountRow): StaffAccount => ({ id: r.id, name: r.name, role: r.role, town: r.town });
const toListItem = (r: AccountRow): StaffAccountListItem => ({
  ...toAccount(r),
  disabled: r.disabled_at !== null,
  lastLoginAt: r.last_login_at == null ? null : new Date(r.last_login_at).toISOString(),
});
const roleSchema = z.enum(STAFF_ROLES);
const LOG_SQL = 'INSERT INTO moderation_log (submission_id, offer_id, action, actor, reason, at, town) VALUES (NULL, NULL, ?, ?, ?, ?, ?)';

function check(row: AccountRow | undefined, password: string): StaffAccount | null {
  const ok = verifyPassword(password, row ? { salt: row.password_salt, hash: row.password_hash } : DUMMY);
  return ok && row && row.disabled_at === null ? toAccount(row) : null;
}

export function sqliteStaffAccounts(db: CityDb): StaffAccountStorage {
  const run = async <T>(fn: () => T): Promise<T> => fn();
  const byName = (name: string) => db.prepare(`SELECT * FROM staff_accounts WHERE name = ?`).get(name) as AccountRow | undefined;
  return {
    putStaffAccount: (input) =>
      run(() => {
        const a = staffAccountInputSchema.parse(input);
        const pw = hashPassword(a.password);
        db.prepare(
          `INSERT INTO staff_accounts (id, name, role, town, password_salt, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(name) DO UPDATE SET role = excluded.role, town = excluded.town, password_salt = excluded.password_salt,
             password_hash = excluded.password_hash, disabled_at = NULL`,
        ).run(`staff-${randomUUID()}`, a.name, a.role, a.town, pw.salt, pw.hash, new Date().toISOString());
        return toAccount(byName(a.name)!);
      }),
    verifyStaffAccount: (name, password) => run(() => check(name.length <= 64 ? byName(name) : undefined, password)),
    disableStaffAccount: (name) =>
      run(() => db.prepare(`UPDATE staff_accounts SET disabled_at = ? WHERE name = ? AND disabled_at IS NULL`).run(new Date().toISOString(), name).changes > 0),
    setStaffAccountRole: (name, role, town) =>
      run(() => db.prepare(`UPDATE staff_accounts SET role = ?, town = ? WHERE name = ?`).run(roleSchema.parse(role), townIdSchema.nullable().parse(town), name).changes > 0),
    listStaffAccounts: (town = null) =>
      run(() => (db.prepare(`SELECT * FROM staff_accounts WHERE @town IS NULL OR town = @town ORDER BY town, name`).all({ town }) as AccountRow[]).map(toListItem)),
    logStaffAccountChange: (e) => run(() => void db.prepare(LOG_SQL).run(e.action, e.actor, e.detail, e.at.toISOString(), e.town)),
    hasStaffAccounts: () => run(() => db.prepare(`SELECT 1 FROM staff_accounts LIMIT 1`).get() !== undefined),
    attachStaffSessionAccount: (sessionId, accountId) =>
      run(() =>
        db.transaction(() => {
          db.prepare(`UPDATE admin_sessions SET account_id = ? WHERE id_sha256 = ?`).run(accountId, sha(sessionId));
          db.prepare(`UPDATE staff_accounts SET last_login_at = ? WHERE id = ?`).run(new Date().toISOString(), accountId);
        })(),
      ),
    staffSessionAccount: (sessionId) =>
      run(() =>
        sessionAccount(
          db
            .prepare(`SELECT s.account_id, a.* FROM admin_sessions s LEFT JOIN staff_accounts a ON a.id = s.account_id WHERE s.id_sha256 = ?`)
            .get(sha(sessionId)) as (AccountRow & { account_id: string | null }) | undefined,
        ),
      ),
  };
}

export function pgStaffAccounts(pool: pg.Pool): StaffAccountStorage {
  const byName = async (name: string) => (await pool.query<AccountRow>('SELECT * FROM staff_accounts WHERE name = $1', [name])).rows[0];
  return {
    async putStaffAccount(input) {
      const a = staffAccountInputSchema.parse(input);
      const pw = hashPassword(a.password);
      const { rows } = await pool.query<AccountRow>(
        `INSERT INTO staff_accounts (id, name, role, town, password_salt, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, town = excluded.town, password_salt = excluded.password_salt,
           password_hash = excluded.password_hash, disabled_at = NULL
         RETURNING *`,
        [`staff-${randomUUID()}`, a.name, a.role, a.town, pw.salt, pw.hash],
      );
      return toAccount(rows[0]!);
    },
    async verifyStaffAccount(name, password) {
      return check(name.length <= 64 ? await byName(name) : undefined, password);
    },
    async disableStaffAccount(name) {
      const r = await pool.query(`UPDATE staff_accounts SET disabled_at = now() WHERE name = $1 AND disabled_at IS NULL`, [name]);
      return (r.rowCount ?? 0) > 0;
    },
    async setStaffAccountRole(name, role, town) {
      const r = await pool.query(`UPDATE staff_accounts SET role = $1, town = $2 WHERE name = $3`, [roleSchema.parse(role), townIdSchema.nullable().parse(town), name]);
      return (r.rowCount ?? 0) > 0;
    },
    async listStaffAccounts(town = null) {
      const { rows } = await pool.query<AccountRow>(
        `SELECT * FROM staff_accounts WHERE $1::text IS NULL OR town = $1 ORDER BY town COLLATE "C" NULLS FIRST, name COLLATE "C"`,
        [town],
      );
      return rows.map(toListItem);
    },
    async logStaffAccountChange(e) {
      let i = 0;
      await pool.query(LOG_SQL.replace(/\?/g, () => `$${++i}`), [e.action, e.actor, e.detail, e.at, e.town]);
    },
    async hasStaffAccounts() {
      return (await pool.query('SELECT 1 FROM staff_accounts LIMIT 1')).rows.length > 0;
    },
    async attachStaffSessionAccount(sessionId, accountId) {
      await pool.query(
        `WITH s AS (UPDATE admin_sessions SET account_id = $1 WHERE id_sha256 = $2) UPDATE staff_accounts SET last_login_at = now() WHERE id = $1`,
        [accountId, sha(sessionId)],
      );
    },
    async staffSessionAccount(sessionId) {
      const { rows } = await pool.query<AccountRow & { account_id: string | null }>(
        'SELECT s.account_id, a.* FROM admin_sessions s LEFT JOIN staff_accounts a ON a.id = s.account_id WHERE s.id_sha256 = $1',
        [sha(sessionId)],
      );
      return sessionAccount(rows[0]);
    },
  };
}
