-- Drop schema, version 3 (SQLite): a remittance is written `pending` BEFORE its funding chain
-- reaches the ledger (the durable intent a crash can always finish) and ends `rejected` when the
-- ledger refuses that chain (nothing moved). A rejected remittance no longer holds its quote.
-- See drop/remittance/remittance.hpp.
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt the way SQLite's
-- ALTER TABLE documentation prescribes: migrations run with foreign keys off and are checked
-- with foreign_key_check before they commit (sqlite_migrate.cpp). remittance_events keeps its
-- foreign key naming "remittances", which the new table satisfies row for row (same ids).
CREATE TABLE remittances_v5 (
  id                text PRIMARY KEY,
  user_id           text NOT NULL REFERENCES users (id),
  quote_id          text NOT NULL REFERENCES quotes (id),
  status            text NOT NULL
                    CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'refunded',
                                      'rejected')),
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
INSERT INTO remittances_v5 SELECT * FROM remittances;
DROP TABLE remittances;
ALTER TABLE remittances_v5 RENAME TO remittances;
CREATE INDEX remittances_by_user ON remittances (user_id, created_at_us DESC, id DESC);
-- A quote is used by at most one remittance that is not rejected.
CREATE UNIQUE INDEX remittances_quote_once ON remittances (quote_id) WHERE status <> 'rejected';
-- What the payout worker finishes after a crash, oldest change first.
CREATE INDEX remittances_unfinished ON remittances (updated_at_us)
  WHERE status IN ('pending', 'processing', 'failed');
