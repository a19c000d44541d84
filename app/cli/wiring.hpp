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
#include "drop/ports/kyc_provider.hpp"
#include "drop/ports/kyc_store.hpp"
#include "drop/ports/ledger_store.hpp"
#include "drop/ports/notifier.hpp"
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

namespace drop::http_client {
class HttpClient;
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
  std::function<double()> ledger_batch_seconds, ledger_gather_seconds, ledger_gather_timeouts;
  std::unique_ptr<ports::QuoteStore> quotes;
  std::unique_ptr<ports::TransferStore> transfers;
  std::unique_ptr<ports::QrRequestStore> qr_requests;
  // The shared outbound HTTPS client (SSL_CERT_FILE as extra trust); integrations send through
  // their own ResilientHttpClient in front of it.
  std::unique_ptr<http_client::HttpClient> outbound_http;
  std::unique_ptr<http_client::HttpClient> rates_http;  // resilient, for an http(s) rates source
  // DROP_RATES_SOURCE (a file or an http(s) URL) or the ECB snapshot shipped with the program.
  std::unique_ptr<ports::RateSource> rates;
  // For a URL source: the shipped snapshot, served until the first fetch succeeds.
  std::unique_ptr<ports::RateSource> fallback_rates;
  SystemClock clock;
  SystemEntropy entropy;
  // BankID sign-ins in flight (always, on the database).
  std::unique_ptr<ports::SignInStateStore> sign_in_states;
  // One cheap round trip to the database; false when it fails (health checks).
  std::function<bool()> database_check;
  // Connections in use (the DB pool gauge).
  std::function<double()> connections_in_use;
  // KYC: applicant ids and webhook events (the database's KycStore).
  std::unique_ptr<ports::KycStore> kyc;
  // What Sumsub, BankID and Slack send through: outbound_http behind each service's own
  // concurrency limit and circuit breaker (wiring.cpp: make_service_client).
  std::unique_ptr<http_client::HttpClient> outbound;  // Sumsub
  std::unique_ptr<http_client::HttpClient> bankid_http;
  std::unique_ptr<http_client::HttpClient> slack_http;
  // Operator alerts: Slack when SLACK_WEBHOOK_URL is set and an outbound client exists, else
  // one JSON line per alert on stdout. Anyone may raise alerts through it (thread-safe).
  std::unique_ptr<ports::Notifier> notifier;
  // Flushes queued alerts for at most `deadline_ms` (graceful shutdown); no-op for the log.
  std::function<void(std::int64_t deadline_ms)> flush_alerts;
  // Sumsub: null when the outbound client or a SUMSUB_* setting is missing.
  std::unique_ptr<ports::KycProvider> kyc_provider;
  // BankID sign-in: only when BANKID_ISSUER is set (sends through `outbound`).
  std::unique_ptr<ports::IdentityProvider> identity;
  // Verifies Sumsub webhook digests with SUMSUB_WEBHOOK_SECRET (refuses all when unset).
  std::unique_ptr<ports::KycWebhookVerifier> kyc_webhooks;
};

// Opens and prepares the database of `settings`; a one-line, secret-free reason on failure
// (naming DATABASE_URL). `migrated` receives the versions applied at start-up (development).
Result<std::unique_ptr<Adapters>, std::string> build_adapters(const Settings& settings,
                                                              std::vector<int>& migrated);

// Operator alerts for `settings`: Slack over `outbound` when SLACK_WEBHOOK_URL is set and an
// outbound client is given, else one JSON line per alert on stdout (LogNotifier). Needs no
// database, so code that runs before build_adapters (the secrets refresher raising "secrets
// refresh failing") can have its own. `flush` receives the graceful-shutdown flush (deadline
// in milliseconds). REQUIRES: `outbound` and `clock` outlive the notifier.
std::unique_ptr<ports::Notifier> make_notifier(const Settings& settings,
                                               http_client::HttpClient* outbound,
                                               const ports::Clock& clock,
                                               std::function<void(std::int64_t)>& flush);

}  // namespace drop::app
