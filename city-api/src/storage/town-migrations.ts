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
