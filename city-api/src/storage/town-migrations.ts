/**
 * The towns migrations (issue 19; storage/town-storage.ts), in a module of their own without imports, so city-db.ts
 * and pg-migrations.ts can list them without an import cycle.
 */
/** SQLite migration 7 (city-db.ts) and PostgreSQL migration 4 (pg-migrations.ts): add-only. */
export const TOWNS_MIGRATION_SQLITE = `
  ALTER TABLE offers ADD COLUMN town TEXT;
  CREATE INDEX offers_town ON offers(town) WHERE town IS NOT NULL;
  ALTER TABLE kiosks ADD COLUMN town TEXT;
`;
export const TOWNS_MIGRATION_PG = `
  ALTER TABLE offers ADD COLUMN town text;
  CREATE INDEX offers_town ON offers (town) WHERE town IS NOT NULL;
  ALTER TABLE kiosks ADD COLUMN town text;
`;

/**
 * SQLite migration 9 (city-db.ts) and PostgreSQL migration 9 (pg-migrations.ts), add-only (issue 19, town limits
 * on the staff pages and the accounts page): when an account last logged in; the town of a club submission made on
 * a town's public pages (NULL: the district's, or the town of the offer it changes); the town of an audit entry
 * that has neither submission nor offer (changes to staff accounts).
 */
export const TOWN_LIMITS_MIGRATION_SQLITE = `
  ALTER TABLE staff_accounts ADD COLUMN last_login_at TEXT;
  ALTER TABLE submissions ADD COLUMN town TEXT;
  ALTER TABLE moderation_log ADD COLUMN town TEXT;
`;
export const TOWN_LIMITS_MIGRATION_PG = `
  ALTER TABLE staff_accounts ADD COLUMN last_login_at timestamptz;
  ALTER TABLE submissions ADD COLUMN town text;
  ALTER TABLE moderation_log ADD COLUMN town text;
`;

/**
 * SQLite migration 10 (city-db.ts) and PostgreSQL migration 10 (pg-migrations.ts), add-only (issue 19): the town of a
 * wish sent on a town's public pages (web-wish.ts, the Host in the --town-site list). NULL: a kiosk wish (it has its
 * kiosk's town, storage/town-storage.ts) or a web wish on the district's address.
 */
export const WISH_TOWN_MIGRATION_SQLITE = `
  ALTER TABLE wishes ADD COLUMN town TEXT;
  CREATE INDEX wishes_town ON wishes(town) WHERE town IS NOT NULL;
`;
export const WISH_TOWN_MIGRATION_PG = `
  ALTER TABLE wishes ADD COLUMN town text;
  CREATE INDEX wishes_town ON wishes (town) WHERE town IS NOT NULL;
`;
