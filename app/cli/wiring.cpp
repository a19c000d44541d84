#include "cli/wiring.hpp"

#include <algorithm>
#include <filesystem>

#include "cli/log_notifier.hpp"
#include "drop/adapters/bankid/bankid_provider.hpp"
#include "drop/adapters/batching/batching_ledger_store.hpp"
#include "drop/adapters/http_client/https_client.hpp"
#include "drop/adapters/http_client/resilient_http_client.hpp"
#include "drop/adapters/memory/memory_rate_limit_store.hpp"
#include "drop/adapters/postgres/pg_kyc_store.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/postgres/pg_money_stores.hpp"
#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/adapters/postgres/pg_rate_limit_store.hpp"
#include "drop/adapters/postgres/pg_sign_in_state_store.hpp"
#include "drop/adapters/postgres/pg_stores.hpp"
#include "drop/adapters/rates/embedded_rate_source.hpp"
#include "drop/adapters/rates/file_rate_source.hpp"
#include "drop/adapters/rates/http_rate_source.hpp"
#include "drop/adapters/slack/slack_notifier.hpp"
#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/adapters/sqlite/sqlite_kyc_store.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_money_stores.hpp"
#include "drop/adapters/sqlite/sqlite_rate_limit_store.hpp"
#include "drop/adapters/sqlite/sqlite_sign_in_state_store.hpp"
#include "drop/adapters/sqlite/sqlite_stores.hpp"
#include "drop/adapters/sumsub/sumsub_client.hpp"
#include "drop/adapters/sumsub/sumsub_webhook.hpp"
#include "drop/version.hpp"
#include "http/request_log.hpp"

namespace drop::app {

namespace {

// Development migrates at start; elsewhere a schema that does not match refuses to start
// (migrations are an explicit `drop migrate` step of a deployment).
template <typename Database, typename Migrate, typename Status>
Result<void, std::string> prepare_schema(const Settings& settings, Database& database,
                                         Migrate migrate, Status schema_status,
                                         std::vector<int>& migrated) {
  if (settings.development()) {
    auto applied = migrate(database);
    if (!applied) return Err{"DATABASE_URL: migration failed: " + applied.error().message};
    migrated = *applied;
    return {};
  }
  auto status = schema_status(database);
  if (!status)
    return Err{"DATABASE_URL: cannot read the schema version: " + status.error().message};
  if (!status->matches()) {
    return Err{"DATABASE_URL: schema version " + std::to_string(status->database_version) +
               " does not match this program's " + std::to_string(status->program_version) +
               " (run `drop migrate`)"};
  }
  return {};
}

Result<void, std::string> open_sqlite(const Settings& settings, Adapters& built,
                                      std::vector<int>& migrated) {
  namespace sqlite = drop::adapters::sqlite;
  namespace memory = drop::adapters::memory;
  const auto parent = std::filesystem::path(settings.database.url).parent_path();
  std::error_code ignored;
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);
  auto opened = sqlite::SqliteDatabase::open({settings.database.url});
  if (!opened) return Err{"DATABASE_URL: " + opened.error().message};
  built.sqlite = std::move(*opened);
  sqlite::SqliteDatabase& database = *built.sqlite;
  auto prepared = prepare_schema(
      settings, database, [](auto& d) { return sqlite::migrate(d); },
      [](auto& d) { return sqlite::schema_status(d); }, migrated);
  if (!prepared) return prepared;
  // SQLite is one host and one writer, so one server process: its rate-limit state lives in
  // that process's memory (exact within it, millions of decisions a second) instead of costing
  // a durable write per request on the database's single writer, which the ledger needs. What a
  // restart forgets is at most one window of each limit. PostgreSQL, shared by many instances,
  // keeps the rate_limits table. (The SQLite adapter's store passes the same contract.)
  built.rate_limits = std::make_unique<memory::MemoryRateLimitStore>();
  built.users = std::make_unique<sqlite::SqliteUserStore>(database);
  built.idempotency = std::make_unique<sqlite::SqliteIdempotencyStore>(database);
  built.revoked_tokens = std::make_unique<sqlite::SqliteRevokedTokenStore>(database);
  built.ledger_engine = std::make_unique<sqlite::SqliteLedgerStore>(database);
  built.quotes = std::make_unique<sqlite::SqliteQuoteStore>(database);
  built.transfers = std::make_unique<sqlite::SqliteTransferStore>(database);
  built.qr_requests = std::make_unique<sqlite::SqliteQrRequestStore>(database);
  built.kyc = std::make_unique<sqlite::SqliteKycStore>(database);
  built.sign_in_states = std::make_unique<sqlite::SqliteSignInStateStore>(database);
  built.database_check = [&database] {
    return database.with_connection(
        [](sqlite::SqliteConnection& connection) { return connection.query("SELECT 1").ok(); });
  };
  built.connections_in_use = [] { return 0.0; };
  return {};
}

Result<void, std::string> open_postgres(const Settings& settings, Adapters& built,
                                        std::vector<int>& migrated) {
  namespace postgres = drop::adapters::postgres;
  postgres::PgPoolOptions options;
  options.url = settings.database.url;
  // Every worker may hold one connection, plus the health check.
  options.connections_max = static_cast<std::size_t>(settings.worker_threads) + 1;
  auto pool = postgres::PgPool::open(options);
  if (!pool) return Err{"DATABASE_URL: " + pool.error().message};
  built.postgres = std::move(*pool);
  postgres::PgPool& database = *built.postgres;
  auto prepared = prepare_schema(
      settings, database, [](auto& d) { return postgres::migrate(d); },
      [](auto& d) { return postgres::schema_status(d); }, migrated);
  if (!prepared) return prepared;
  built.rate_limits = std::make_unique<postgres::PgRateLimitStore>(database);
  built.users = std::make_unique<postgres::PgUserStore>(database);
  built.idempotency = std::make_unique<postgres::PgIdempotencyStore>(database);
  built.revoked_tokens = std::make_unique<postgres::PgRevokedTokenStore>(database);
  built.ledger_engine = std::make_unique<postgres::PgLedgerStore>(database);
  built.quotes = std::make_unique<postgres::PgQuoteStore>(database);
  built.transfers = std::make_unique<postgres::PgTransferStore>(database);
  built.qr_requests = std::make_unique<postgres::PgQrRequestStore>(database);
  built.kyc = std::make_unique<postgres::PgKycStore>(database);
  built.sign_in_states = std::make_unique<postgres::PgSignInStateStore>(database);
  built.database_check = [&database] {
    auto lease = database.acquire();
    return lease && (*lease)->exec("SELECT 1").ok();
  };
  built.connections_in_use = [&database] {
    return static_cast<double>(database.connections_in_use());
  };
  return {};
}

// An outbound client for one outside service: the shared HTTPS client behind that service's own
// concurrency limit and circuit breaker, so a slow or failing provider cannot tie up the workers
// that serve payments, nor trip another provider's breaker. (Only requests marked retry_safe
// are retried.)
std::unique_ptr<http_client::HttpClient> make_service_client(Adapters& built, std::string name,
                                                             std::size_t concurrency_max) {
  http_client::ResilienceOptions resilience;
  resilience.service_name = std::move(name);
  resilience.concurrency_max = std::max<std::size_t>(1, concurrency_max);
  return std::make_unique<http_client::ResilientHttpClient>(
      *built.outbound_http, resilience, built.clock, built.entropy, http_client::real_sleep());
}

// Sumsub: the webhook verifier always (it refuses everything without a secret); the API client
// only with an outbound client and every SUMSUB_* setting it needs.
void build_kyc(const Settings& settings, Adapters& built) {
  built.kyc_webhooks =
      std::make_unique<adapters::sumsub::SumsubWebhookVerifier>(settings.sumsub_webhook_secret);
  if (!built.outbound || settings.sumsub_app_token.empty() || settings.sumsub_secret_key.empty() ||
      settings.sumsub_level_name.empty()) {
    return;
  }
  adapters::sumsub::SumsubOptions options;
  options.base_url = settings.sumsub_base_url;
  options.app_token = settings.sumsub_app_token;
  options.secret_key = settings.sumsub_secret_key;
  options.level_name = settings.sumsub_level_name;
  built.kyc_provider =
      adapters::sumsub::make_sumsub_client(*built.outbound, built.clock, std::move(options));
}

// BankID sign-in when BANKID_ISSUER is set (settings.cpp checks the other BANKID_* then).
void build_identity_provider(const Settings& settings, Adapters& built) {
  if (settings.bankid_issuer.empty()) return;
  adapters::bankid::BankIdConfig config;
  config.issuer = settings.bankid_issuer;
  config.client_id = settings.bankid_client_id;
  config.client_secret = settings.bankid_client_secret;
  config.redirect_uri = settings.bankid_redirect_uri;
  built.identity = std::make_unique<adapters::bankid::BankIdProvider>(
      std::move(config), *built.bankid_http, *built.sign_in_states, built.clock, built.entropy);
}

}  // namespace

std::unique_ptr<ports::Notifier> make_notifier(const Settings& settings,
                                               http_client::HttpClient* outbound,
                                               const ports::Clock& clock,
                                               std::function<void(std::int64_t)>& flush) {
  if (!settings.slack_webhook_url.empty() && outbound != nullptr) {
    adapters::slack::SlackOptions options;
    options.webhook_url = settings.slack_webhook_url;
    auto slack = std::make_unique<adapters::slack::SlackNotifier>(
        options, *outbound, clock, adapters::slack::SlackNotifier::Sleep{},
        [&clock](const std::string& message) {
          http::log_event(clock.now(), "warn", "alert_not_delivered", message);
        });
    adapters::slack::SlackNotifier* raw = slack.get();
    flush = [raw](std::int64_t deadline_ms) { raw->shutdown(deadline_ms); };
    return slack;
  }
  if (!settings.slack_webhook_url.empty()) {
    http::log_event(clock.now(), "warn", "slack_not_wired",
                    "SLACK_WEBHOOK_URL is set but no outbound HTTPS client is wired: alerts go "
                    "to the log");
  }
  flush = [](std::int64_t) {};
  return std::make_unique<LogNotifier>(clock);
}

Adapters::Adapters() = default;
Adapters::~Adapters() = default;

Result<std::unique_ptr<Adapters>, std::string> build_adapters(const Settings& settings,
                                                              std::vector<int>& migrated) {
  auto built = std::make_unique<Adapters>();
  auto opened = settings.database.engine == DatabaseUrl::Engine::postgres
                    ? open_postgres(settings, *built, migrated)
                    : open_sqlite(settings, *built, migrated);
  if (!opened) return Err{opened.error()};
  auto batching = std::make_unique<adapters::batching::BatchingLedgerStore>(*built->ledger_engine);
  adapters::batching::BatchingLedgerStore* stats = batching.get();
  built->ledger_batches = [stats] { return static_cast<double>(stats->stats().batches); };
  built->ledger_batched_transfers = [stats] {
    return static_cast<double>(stats->stats().transfers);
  };
  built->ledger_largest_batch = [stats] {
    return static_cast<double>(stats->stats().largest_batch);
  };
  built->ledger_batch_seconds = [stats] {
    return static_cast<double>(stats->stats().apply_us) / 1e6;
  };
  built->ledger_gather_seconds = [stats] {
    return static_cast<double>(stats->stats().gather_us) / 1e6;
  };
  built->ledger_gather_timeouts = [stats] {
    return static_cast<double>(stats->stats().gather_timeouts);
  };
  built->ledger = std::move(batching);
  http_client::HttpsClientOptions outbound;
  outbound.extra_ca_file = settings.ssl_cert_file;
  outbound.user_agent = "drop/" + std::string(drop::version());
  built->outbound_http = http_client::make_https_client(outbound);
  if (settings.rates_source.empty()) {
    built->rates = std::make_unique<adapters::rates::EmbeddedRateSource>();
  } else if (settings.rates_source.find("://") != std::string::npos) {
    http_client::ResilienceOptions resilience;
    resilience.service_name = "rates";
    resilience.concurrency_max = 2;
    resilience.attempts_max = 2;  // the refresher tries again later anyway
    built->rates_http = std::make_unique<http_client::ResilientHttpClient>(
        *built->outbound_http, resilience, built->clock, built->entropy, http_client::real_sleep());
    built->rates = std::make_unique<adapters::rates::HttpRateSource>(
        *built->rates_http, settings.rates_source, /*timeout_ms=*/10'000);
    built->fallback_rates = std::make_unique<adapters::rates::EmbeddedRateSource>();
  } else {
    built->rates = std::make_unique<adapters::rates::FileRateSource>(settings.rates_source);
  }
  // Sumsub and BankID may each hold at most a quarter of the workers waiting on them (the rest
  // keep serving payments); Slack is drained by one background thread.
  const auto quarter = static_cast<std::size_t>(settings.worker_threads) / 4;
  built->outbound = make_service_client(*built, "sumsub", quarter);
  built->bankid_http = make_service_client(*built, "bankid", quarter);
  built->slack_http = make_service_client(*built, "slack", 1);
  built->notifier =
      make_notifier(settings, built->slack_http.get(), built->clock, built->flush_alerts);
  build_kyc(settings, *built);
  build_identity_provider(settings, *built);
  return built;
}

}  // namespace drop::app
