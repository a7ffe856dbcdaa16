/** Tables of the club submission workflow; appended to the server's add-only migration list. */
export const SUBMISSIONS_MIGRATION = `
  CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    edit_token_sha256 TEXT NOT NULL UNIQUE,
    offer_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending','changes_requested','approved','rejected','withdrawn')),
    data_json TEXT,                 -- the proposed Offer (plain text, validated with the shared offer schema)
    contact_json TEXT,              -- the submitter's contact: only for questions during moderation
    staff_message TEXT,             -- question or reason shown to the submitter on their private page
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX submissions_state ON submissions(state, updated_at);

  -- Audit trail: who did what to which submission or offer, and when.
  CREATE TABLE moderation_log (
    id INTEGER PRIMARY KEY,
    submission_id TEXT,
    offer_id TEXT,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL
  );

  -- When a club (or staff on its behalf) last confirmed that an offer is still current.
  CREATE TABLE offer_confirmations (
    offer_id TEXT PRIMARY KEY,
    confirmed_at TEXT NOT NULL,
    confirmed_by TEXT NOT NULL
  );
`;
