// The composition root's adapters: opens the configured database (SQLite file or PostgreSQL
// pool), brings its schema up to date (development) or checks it (elsewhere), and builds every
// store the API uses on it, plus the system clock and entropy. The only place that constructs
// adapters; everything else sees ports. Not thread-safe to build; the stores are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/system_ports.hpp"
#include "config/settings.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/idempotency_store.hpp"
#include "drop/ports/identity_provider.hpp"
#include "drop/ports/ledger_store.hpp"
#include "drop/ports/qr_request_store.hpp"
#include "drop/ports/quote_store.hpp"
#include "drop/ports/rate_limit_store.hpp"
#include "drop/ports/rate_source.hpp"
#include "drop/ports/revoked_token_store.hpp"
#include "drop/ports/sign_in_state_store.hpp"
#include "drop/ports/transfer_store.hpp"
#include "drop/ports/user_store.hpp"
#include "drop/result.hpp"

namespace drop::adapters::sqlite {
class SqliteDatabase;
}
namespace drop::adapters::postgres {
class PgPool;
}

namespace drop::app {

struct Adapters {
  Adapters();
  ~Adapters();
  std::unique_ptr<adapters::sqlite::SqliteDatabase> sqlite;
  std::unique_ptr<adapters::postgres::PgPool> postgres;
  std::unique_ptr<ports::RateLimitStore> rate_limits;
  std::unique_ptr<ports::UserStore> users;
  std::unique_ptr<ports::IdempotencyStore> idempotency;
  std::unique_ptr<ports::RevokedTokenStore> revoked_tokens;
  // The engine's ledger store, and the group-commit store in front of it that the API uses.
  std::unique_ptr<ports::LedgerStore> ledger_engine;
  std::unique_ptr<ports::LedgerStore> ledger;
  // Group-commit statistics of `ledger` (metrics): batches, transfers, largest batch.
  std::function<double()> ledger_batches, ledger_batched_transfers, ledger_largest_batch;
  std::unique_ptr<ports::QuoteStore> quotes;
  std::unique_ptr<ports::TransferStore> transfers;
  std::unique_ptr<ports::QrRequestStore> qr_requests;
  // DROP_RATES_SOURCE (a file) or the ECB snapshot shipped with the program.
  std::unique_ptr<ports::RateSource> rates;
  SystemClock clock;
  SystemEntropy entropy;
  // BankID sign-in: the sign-ins in flight (always, on the database), the outbound client and
  // the provider (both only when BANKID_ISSUER is set and an outbound client exists).
  std::unique_ptr<ports::SignInStateStore> sign_in_states;
  std::unique_ptr<http_client::HttpClient> outbound;
  std::unique_ptr<ports::IdentityProvider> identity;
  // One cheap round trip to the database; false when it fails (health checks).
  std::function<bool()> database_check;
  // Connections in use (the DB pool gauge).
  std::function<double()> connections_in_use;
};

// Opens and prepares the database of `settings`; a one-line, secret-free reason on failure
// (naming DATABASE_URL). `migrated` receives the versions applied at start-up (development).
Result<std::unique_ptr<Adapters>, std::string> build_adapters(const Settings& settings,
                                                              std::vector<int>& migrated);

}  // namespace drop::app
