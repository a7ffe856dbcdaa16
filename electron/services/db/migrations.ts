/**
 * Add-only list of schema migrations. Never edit or reorder an entry that has shipped: append a new one.
 * Migration N (1-based) brings a database from `user_version = N-1` to `user_version = N`, in one transaction.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: offers with locations, schedules and taxonomy links; taxonomy; events; wish outbox; sync state; full-text search
  `
  CREATE TABLE taxonomy (
    kind TEXT NOT NULL CHECK (kind IN ('interest','age_group','district')),
    id TEXT NOT NULL,
    label_json TEXT NOT NULL,
    icon TEXT,
    min_age INTEGER,
    max_age INTEGER,
    sort INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, id)
  );

  CREATE TABLE offers (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active','paused','ended')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    organisation TEXT NOT NULL,
    district TEXT,
    free INTEGER NOT NULL,
    sample INTEGER NOT NULL DEFAULT 0,
    data_json TEXT NOT NULL
  );
  CREATE INDEX offers_status ON offers(status);
  CREATE INDEX offers_district ON offers(district);

  CREATE TABLE locations (
    offer_id TEXT PRIMARY KEY REFERENCES offers(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    postal_code TEXT NOT NULL,
    city TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    wheelchair TEXT NOT NULL,
    accessibility_notes TEXT,
    transit_stop TEXT
  );

  CREATE TABLE schedules (
    offer_id TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    freq TEXT NOT NULL,
    byday TEXT,
    setpos INTEGER,
    date TEXT,
    opens_at TEXT,
    closes_at TEXT,
    valid_from TEXT,
    valid_to TEXT,
    note TEXT,
    PRIMARY KEY (offer_id, idx)
  );

  CREATE TABLE offer_interests (
    offer_id TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    interest_id TEXT NOT NULL,
    PRIMARY KEY (offer_id, interest_id)
  );
  CREATE INDEX offer_interests_interest ON offer_interests(interest_id);

  CREATE TABLE offer_age_groups (
    offer_id TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    age_group_id TEXT NOT NULL,
    PRIMARY KEY (offer_id, age_group_id)
  );
  CREATE INDEX offer_age_groups_group ON offer_age_groups(age_group_id);

  -- Normalised (lower case, no accents, umlauts and ß folded) copies of the searchable texts; rowid = offers.rowid.
  CREATE VIRTUAL TABLE offers_fts USING fts5(
    title, summary, description, organisation, place,
    tokenize = 'trigram'
  );

  CREATE TABLE events (
    uid TEXT NOT NULL,
    start TEXT NOT NULL,
    end TEXT,
    all_day INTEGER NOT NULL DEFAULT 0,
    offer_id TEXT,
    title TEXT NOT NULL,
    description TEXT,
    location TEXT,
    PRIMARY KEY (uid, start)
  );
  CREATE INDEX events_start ON events(start);
  CREATE INDEX events_offer ON events(offer_id, start);

  CREATE TABLE wish_outbox (
    key TEXT PRIMARY KEY,
    body_json TEXT NOT NULL,
    contact_json TEXT,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','delivered','rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    remote_id TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT
  );
  CREATE INDEX wish_outbox_due ON wish_outbox(state, next_attempt_at);

  CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: the full-text index without token positions (detail=none): about half the index writes during a sync. Words of
  // 4+ characters are looked up as all their trigrams and then checked against the text held in memory (ADR 0011).
  `
  CREATE VIRTUAL TABLE offers_fts_v2 USING fts5(
    title, summary, description, organisation, place,
    tokenize = 'trigram', detail = 'none'
  );
  INSERT INTO offers_fts_v2 (rowid, title, summary, description, organisation, place)
    SELECT rowid, title, summary, description, organisation, place FROM offers_fts;
  DROP TABLE offers_fts;
  ALTER TABLE offers_fts_v2 RENAME TO offers_fts;
  `,
  // 3: anonymous daily usage counters for POST /v1/kiosks/{id}/stats (issue 18). Only counters per local day and key;
  // search words that found nothing are kept per day as a count, never with a time or a session.
  `
  CREATE TABLE usage_counters (
    day TEXT NOT NULL,            -- local day YYYY-MM-DD (Europe/Berlin)
    key TEXT NOT NULL,            -- e.g. sessions, interest:<id>, lang:<code>, hour:09, miss:<word>
    n INTEGER NOT NULL,
    PRIMARY KEY (day, key)
  ) WITHOUT ROWID;
  -- One row per day with counters: rev grows with every change, sent_rev is the rev the city API has.
  CREATE TABLE usage_days (
    day TEXT PRIMARY KEY,
    rev INTEGER NOT NULL DEFAULT 0,
    sent_rev INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    sent_at TEXT
  );
  `,
  // 4: the first sync from a new city API (issue 14) collects its pages here, one committed transaction per page (an
  // interrupted first sync resumes), and replaces the shown offers in ONE transaction once the feed is complete: visitors
  // never see half a dataset. Emptied after that transaction.
  `
  CREATE TABLE sync_staging (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    data_json TEXT                -- the validated offer; NULL: deleted by a later page of the same feed
  );
  `,
  // 5: the rest of a schedule's recurrence (issue 20; HSDS schedule interval, bymonthday, dtstart — HSDS until is kept
  // as valid_to): without them the "heute"/"diese Woche" filters read "every 2nd Tuesday" as every Tuesday and a
  // "1st of the month" schedule as never. Filled for the offers already stored from their data_json (the whole
  // validated offer), so an upgraded kiosk filters right before its next sync.
  `
  ALTER TABLE schedules ADD COLUMN interval INTEGER;   -- every n-th week/month; NULL = 1
  ALTER TABLE schedules ADD COLUMN bymonthday TEXT;    -- comma-separated days of the month (1..31, -1 = last); NULL = none
  ALTER TABLE schedules ADD COLUMN dtstart TEXT;       -- YYYY-MM-DD, first day of the series; NULL = none
  UPDATE schedules SET
    interval = (SELECT json_extract(o.data_json, '$.schedules[' || schedules.idx || '].interval') FROM offers o WHERE o.id = schedules.offer_id),
    bymonthday = (SELECT (SELECT group_concat(j.value, ',') FROM json_each(o.data_json, '$.schedules[' || schedules.idx || '].bymonthday') j)
                    FROM offers o WHERE o.id = schedules.offer_id),
    dtstart = (SELECT json_extract(o.data_json, '$.schedules[' || schedules.idx || '].dtstart') FROM offers o WHERE o.id = schedules.offer_id);
  `,
  // 6: an interest's staff-maintained search words (issue 15) in their own column (JSON per language) instead of inside
  // label_json as {label, search_words}: label_json holds a label again for every row. Rows stored that way are split.
  `
  ALTER TABLE taxonomy ADD COLUMN search_words_json TEXT;  -- {"de": [...], ...}; NULL = none
  UPDATE taxonomy SET search_words_json = json_extract(label_json, '$.search_words'), label_json = json_extract(label_json, '$.label')
   WHERE kind = 'interest' AND json_type(label_json, '$.label') = 'object';
  `,
  // 7: the search no longer queries the trigram index (issue 15: it finds words through its in-memory word postings,
  // ADR 0011), so offers_fts, an FTS5 index rewritten at every sync, becomes a plain table of the same normalised
  // texts (rowid = offers.rowid), which the search index reads at start-up and after each sync.
  `
  CREATE TABLE offer_texts (
    rowid INTEGER PRIMARY KEY,    -- = offers.rowid
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL,
    organisation TEXT NOT NULL,
    place TEXT NOT NULL
  );
  INSERT INTO offer_texts (rowid, title, summary, description, organisation, place)
    SELECT rowid, coalesce(title, ''), coalesce(summary, ''), coalesce(description, ''), coalesce(organisation, ''), coalesce(place, '') FROM offers_fts;
  DROP TABLE offers_fts;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
