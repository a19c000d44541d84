-- Drop schema, version 2 (PostgreSQL): the double-entry ledger (drop/ledger/*.hpp).
-- Amounts are bigint minor units; timestamps bigint microseconds (unique, strictly increasing,
-- assigned by the ledger). Constraints repeat what the ledger core checks, as a second wall.

-- The highest timestamp assigned so far; every batch locks this row, which orders batches
-- across server instances (and is the last lock taken, after the accounts, in id order).
CREATE TABLE ledger_clock (
  id                 smallint PRIMARY KEY CHECK (id = 1),
  timestamp_last_us  bigint NOT NULL CHECK (timestamp_last_us >= 0)
);
INSERT INTO ledger_clock (id, timestamp_last_us) VALUES (1, 0);

CREATE TABLE accounts (
  id               bigint PRIMARY KEY CHECK (id > 0),
  currency         char(3) NOT NULL,
  kind             smallint NOT NULL CHECK (kind BETWEEN 1 AND 6),
  flags            smallint NOT NULL CHECK (flags IN (0, 1, 2)),
  debits_pending   bigint NOT NULL CHECK (debits_pending >= 0),
  debits_posted    bigint NOT NULL CHECK (debits_posted >= 0),
  credits_pending  bigint NOT NULL CHECK (credits_pending >= 0),
  credits_posted   bigint NOT NULL CHECK (credits_posted >= 0),
  timestamp_us     bigint NOT NULL UNIQUE,
  UNIQUE (id, currency),  -- the target of the same-currency foreign keys below
  CHECK (flags <> 1 OR debits_posted + debits_pending <= credits_posted),
  CHECK (flags <> 2 OR credits_posted + credits_pending <= debits_posted)
);

CREATE TABLE transfers (
  id                 bigint PRIMARY KEY CHECK (id > 0),
  debit_account_id   bigint NOT NULL,
  credit_account_id  bigint NOT NULL CHECK (credit_account_id <> debit_account_id),
  amount             bigint NOT NULL CHECK (amount > 0),
  pending_id         bigint NOT NULL DEFAULT 0,
  currency           char(3) NOT NULL,
  code               integer NOT NULL CHECK (code BETWEEN 1 AND 65535),
  flags              smallint NOT NULL,
  timeout_s          bigint NOT NULL DEFAULT 0,
  reference          text NOT NULL DEFAULT '' CHECK (octet_length(reference) <= 140),
  timestamp_us       bigint NOT NULL,
  -- 0 none, 1 pending, 2 posted, 3 voided, 4 expired (drop::ledger::PendingStatus)
  pending_status     smallint NOT NULL DEFAULT 0 CHECK (pending_status BETWEEN 0 AND 4),
  -- Both legs in the transfer's currency: the accounts must have it too.
  FOREIGN KEY (debit_account_id, currency) REFERENCES accounts (id, currency),
  FOREIGN KEY (credit_account_id, currency) REFERENCES accounts (id, currency)
);
-- Pending transfers that can expire, by expiry (the sweep's scan).
CREATE INDEX transfers_expiring ON transfers ((timestamp_us + timeout_s * 1000000))
  WHERE pending_status = 1 AND timeout_s > 0;

-- One row per balance column change (see drop/ledger/entry.hpp); id = timestamp_us * 4 + column.
-- Keyed by (account_id, id): the account statement is one index range scan, newest first.
CREATE TABLE ledger_entries (
  account_id     bigint NOT NULL,
  id             bigint NOT NULL,
  transfer_id    bigint NOT NULL,
  amount         bigint NOT NULL CHECK (amount <> 0),
  balance_after  bigint NOT NULL,
  code           integer NOT NULL,
  PRIMARY KEY (account_id, id)
);

-- Transfer ids rejected for a state-dependent reason: a retry gets id_already_failed.
CREATE TABLE transfer_failures (
  id            bigint PRIMARY KEY,
  result        smallint NOT NULL,
  timestamp_us  bigint NOT NULL
);
