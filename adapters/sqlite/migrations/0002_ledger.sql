-- Drop schema, version 2 (SQLite): the double-entry ledger (drop/ledger/*.hpp).
-- Amounts are integer minor units; timestamps integer microseconds (unique, strictly increasing,
-- assigned by the ledger). Constraints repeat what the ledger core checks, as a second wall.

-- The highest timestamp assigned so far (SQLite has one writer; the row keeps the schema alike).
CREATE TABLE ledger_clock (
  id                 integer PRIMARY KEY CHECK (id = 1),
  timestamp_last_us  integer NOT NULL CHECK (timestamp_last_us >= 0)
) STRICT;
INSERT INTO ledger_clock (id, timestamp_last_us) VALUES (1, 0);

CREATE TABLE accounts (
  id               integer PRIMARY KEY CHECK (id > 0),
  currency         text NOT NULL,
  kind             integer NOT NULL CHECK (kind BETWEEN 1 AND 6),
  flags            integer NOT NULL CHECK (flags IN (0, 1, 2)),
  debits_pending   integer NOT NULL CHECK (debits_pending >= 0),
  debits_posted    integer NOT NULL CHECK (debits_posted >= 0),
  credits_pending  integer NOT NULL CHECK (credits_pending >= 0),
  credits_posted   integer NOT NULL CHECK (credits_posted >= 0),
  timestamp_us     integer NOT NULL UNIQUE,
  UNIQUE (id, currency),  -- the target of the same-currency foreign keys below
  CHECK (flags <> 1 OR debits_posted + debits_pending <= credits_posted),
  CHECK (flags <> 2 OR credits_posted + credits_pending <= debits_posted)
) STRICT;

CREATE TABLE transfers (
  id                 integer PRIMARY KEY CHECK (id > 0),
  debit_account_id   integer NOT NULL,
  credit_account_id  integer NOT NULL CHECK (credit_account_id <> debit_account_id),
  amount             integer NOT NULL CHECK (amount > 0),
  pending_id         integer NOT NULL DEFAULT 0,
  currency           text NOT NULL,
  code               integer NOT NULL CHECK (code BETWEEN 1 AND 65535),
  flags              integer NOT NULL,
  timeout_s          integer NOT NULL DEFAULT 0,
  reference          text NOT NULL DEFAULT '' CHECK (length(CAST(reference AS BLOB)) <= 140),
  timestamp_us       integer NOT NULL,
  -- 0 none, 1 pending, 2 posted, 3 voided, 4 expired (drop::ledger::PendingStatus)
  pending_status     integer NOT NULL DEFAULT 0 CHECK (pending_status BETWEEN 0 AND 4),
  -- Both legs in the transfer's currency: the accounts must have it too.
  FOREIGN KEY (debit_account_id, currency) REFERENCES accounts (id, currency),
  FOREIGN KEY (credit_account_id, currency) REFERENCES accounts (id, currency)
) STRICT;
-- Pending transfers that can expire, by expiry (the sweep's scan).
CREATE INDEX transfers_expiring ON transfers (timestamp_us + timeout_s * 1000000)
  WHERE pending_status = 1 AND timeout_s > 0;

-- One row per balance column change (see drop/ledger/entry.hpp); id = timestamp_us * 4 + column.
-- Keyed by (account_id, id): the account statement is one index range scan, newest first.
CREATE TABLE ledger_entries (
  account_id     integer NOT NULL,
  id             integer NOT NULL,
  transfer_id    integer NOT NULL,
  amount         integer NOT NULL CHECK (amount <> 0),
  balance_after  integer NOT NULL,
  code           integer NOT NULL,
  PRIMARY KEY (account_id, id)
) STRICT, WITHOUT ROWID;

-- Transfer ids rejected for a state-dependent reason: a retry gets id_already_failed.
CREATE TABLE transfer_failures (
  id            integer PRIMARY KEY,
  result        integer NOT NULL,
  timestamp_us  integer NOT NULL
) STRICT;
