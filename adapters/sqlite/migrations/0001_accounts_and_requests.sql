-- Drop schema, version 1 (SQLite): everything that persists except the ledger itself.
-- STRICT tables: SQLite enforces the column types, as PostgreSQL does.
-- Money columns are integer minor units with their ISO 4217 currency beside them; times are
-- integer microseconds since the Unix epoch (UTC), as drop_core's Timestamp.

CREATE TABLE users (
  id              text PRIMARY KEY CHECK (id LIKE 'usr!_%' ESCAPE '!'),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kyc_status      text NOT NULL DEFAULT 'none'
                  CHECK (kyc_status IN ('none', 'pending', 'approved', 'retry', 'rejected')),
  -- 'bankid:<sub>' (BankID's pseudonymous subject) or 'dev:<name>'; never a national id number.
  identity_subject text NOT NULL UNIQUE,
  wallet_account_id integer UNIQUE,
  kyc_updated_at_ms integer NOT NULL DEFAULT 0,
  created_at_us   integer NOT NULL,
  updated_at_us   integer NOT NULL
) STRICT;

CREATE TABLE quotes (
  id               text PRIMARY KEY,
  user_id          text NOT NULL REFERENCES users (id),
  source_amount    integer NOT NULL CHECK (source_amount > 0),
  source_currency  text NOT NULL,
  target_amount    integer NOT NULL CHECK (target_amount > 0),
  target_currency  text NOT NULL,
  fee_amount       integer NOT NULL CHECK (fee_amount >= 0),
  rate             text NOT NULL,
  mid_rate         text NOT NULL,
  spread_bps       integer NOT NULL CHECK (spread_bps BETWEEN 0 AND 10000),
  rate_as_of       text NOT NULL,
  created_at_us    integer NOT NULL,
  expires_at_us    integer NOT NULL CHECK (expires_at_us > created_at_us),
  used_at_us       integer,
  CHECK (fee_amount < source_amount)
) STRICT;
CREATE INDEX quotes_by_user ON quotes (user_id, created_at_us DESC);

CREATE TABLE remittances (
  id                text PRIMARY KEY,
  user_id           text NOT NULL REFERENCES users (id),
  quote_id          text NOT NULL UNIQUE REFERENCES quotes (id),  -- a quote is used at most once
  status            text NOT NULL
                    CHECK (status IN ('processing', 'completed', 'failed', 'refunded')),
  debited_amount    integer NOT NULL CHECK (debited_amount > 0),
  debited_currency  text NOT NULL,
  fee_amount        integer NOT NULL CHECK (fee_amount >= 0),
  delivered_amount  integer NOT NULL CHECK (delivered_amount > 0),
  delivered_currency text NOT NULL,
  recipient_name    text NOT NULL,
  recipient_iban    text NOT NULL,
  recipient_bic     text,
  recipient_country text NOT NULL,
  reference         text NOT NULL DEFAULT '',
  created_at_us     integer NOT NULL,
  updated_at_us     integer NOT NULL
) STRICT;
CREATE INDEX remittances_by_user ON remittances (user_id, created_at_us DESC, id DESC);
CREATE INDEX remittances_processing ON remittances (created_at_us) WHERE status = 'processing';

-- Every state change of a remittance, in order (the audit trail; rows are never updated).
CREATE TABLE remittance_events (
  id             integer PRIMARY KEY AUTOINCREMENT,
  remittance_id  text NOT NULL REFERENCES remittances (id),
  status         text NOT NULL,
  detail         text NOT NULL DEFAULT '',
  at_us          integer NOT NULL
) STRICT;
CREATE INDEX remittance_events_by_remittance ON remittance_events (remittance_id, id);

CREATE TABLE qr_requests (
  id             text PRIMARY KEY,
  payee_user_id  text NOT NULL REFERENCES users (id),
  amount         integer CHECK (amount IS NULL OR amount > 0),  -- NULL: static QR
  currency       text NOT NULL,
  reference      text NOT NULL DEFAULT '',
  payload        text NOT NULL,
  created_at_us  integer NOT NULL,
  expires_at_us  integer
) STRICT;

-- Idempotency-Key records, per user, kept at least 24 hours.
CREATE TABLE idempotency_keys (
  scope          text NOT NULL,     -- user id, or 'admin'
  key            text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash   text NOT NULL,     -- SHA-256 of method, route and body
  state          text NOT NULL CHECK (state IN ('running', 'done')),
  status_code    integer,
  response_body  text,
  created_at_us  integer NOT NULL,
  expires_at_us  integer NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at_us);

-- GCRA state: one theoretical arrival time per key (see drop/ratelimit/gcra.hpp).
CREATE TABLE rate_limits (
  key            text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 128),
  tat_us         integer NOT NULL,
  allowed        integer NOT NULL    -- the last decision (lets one upsert report it)
) STRICT;

-- Sumsub webhook events, each processed once (the digest of the body is the dedupe key).
CREATE TABLE kyc_events (
  id             text PRIMARY KEY,
  user_id        text REFERENCES users (id),
  event_type     text NOT NULL,
  review_answer  text,
  reject_type    text,
  created_at_ms  integer NOT NULL,
  received_at_us integer NOT NULL,
  processed_at_us integer
) STRICT;

-- Logged-out tokens: the jti is refused until the token would have expired anyway.
CREATE TABLE revoked_tokens (
  jti            text PRIMARY KEY,
  expires_at_us  integer NOT NULL
) STRICT;
