#!/usr/bin/env bash
# The throwaway PostgreSQL that the test command starts must be there: PostgreSQL tests are
# never skipped silently. DROP_TEST_DATABASE_URL is exported by scripts/test.sh.
set -u
if [ -z "${DROP_TEST_DATABASE_URL:-}" ]; then
  echo "DROP_TEST_DATABASE_URL is not set: run the tests through scripts/test.sh," \
       "which starts a throwaway PostgreSQL"
  exit 1
fi
psql "$DROP_TEST_DATABASE_URL" -XAtqc 'select 1' | grep -qx 1 || {
  echo "PostgreSQL at DROP_TEST_DATABASE_URL did not answer"; exit 1; }
echo "PostgreSQL reachable: $(psql "$DROP_TEST_DATABASE_URL" -XAtqc 'show server_version')"
