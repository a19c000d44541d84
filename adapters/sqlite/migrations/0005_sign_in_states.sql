-- Drop schema, version 5 (SQLite): OpenID Connect sign-ins in flight (BankID). A row is written
-- by GET /api/auth/bankid/start and deleted by the callback (single use, on any instance);
-- rows older than their expiry are purged. Users need no change: they are found by
-- users.identity_subject = 'bankid:<sub>' (migration 1). No national id number is stored.
CREATE TABLE sign_in_states (
  state          text PRIMARY KEY CHECK (length(state) BETWEEN 1 AND 128),
  nonce          text NOT NULL CHECK (length(nonce) BETWEEN 1 AND 128),
  code_verifier  text NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
  expires_at_us  integer NOT NULL
) STRICT;
CREATE INDEX sign_in_states_expiry ON sign_in_states (expires_at_us);
