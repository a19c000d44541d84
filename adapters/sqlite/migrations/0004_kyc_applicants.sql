-- Drop schema, version 4 (sqlite): the Sumsub applicant of each user (created on the first
-- POST /api/kyc/token; its externalUserId is the user id), and a lookup of webhook events
-- that were stored but not yet processed.

CREATE TABLE kyc_applicants (
  user_id        text PRIMARY KEY REFERENCES users (id),
  applicant_id   text NOT NULL UNIQUE CHECK (length(applicant_id) BETWEEN 1 AND 128),
  created_at_us  integer NOT NULL
) STRICT;

CREATE INDEX kyc_events_unprocessed ON kyc_events (received_at_us) WHERE processed_at_us IS NULL;
