-- Drop schema, version 3 (PostgreSQL): a remittance is written `pending` BEFORE its funding
-- chain reaches the ledger (the durable intent a crash can always finish) and ends `rejected`
-- when the ledger refuses that chain (nothing moved). A rejected remittance no longer holds its
-- quote, so the quote may be used again. See drop/remittance/remittance.hpp.
ALTER TABLE remittances DROP CONSTRAINT remittances_status_check;
ALTER TABLE remittances ADD CONSTRAINT remittances_status_check
  CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'refunded', 'rejected'));

-- A quote is used by at most one remittance that is not rejected.
ALTER TABLE remittances DROP CONSTRAINT remittances_quote_id_key;
CREATE UNIQUE INDEX remittances_quote_once ON remittances (quote_id) WHERE status <> 'rejected';

-- What the payout worker finishes after a crash, oldest change first.
DROP INDEX remittances_processing;
CREATE INDEX remittances_unfinished ON remittances (updated_at_us)
  WHERE status IN ('pending', 'processing', 'failed');
