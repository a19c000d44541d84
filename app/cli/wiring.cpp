#include "cli/wiring.hpp"

#include <filesystem>

#include "drop/adapters/batching/batching_ledger_store.hpp"
#include "drop/adapters/http_client/https_client.hpp"
#include "drop/adapters/http_client/resilient_http_client.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/postgres/pg_money_stores.hpp"
#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/adapters/postgres/pg_rate_limit_store.hpp"
#include "drop/adapters/postgres/pg_stores.hpp"
#include "drop/adapters/rates/embedded_rate_source.hpp"
#include "drop/adapters/rates/file_rate_source.hpp"
#include "drop/adapters/rates/http_rate_source.hpp"
#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_money_stores.hpp"
#include "drop/adapters/sqlite/sqlite_rate_limit_store.hpp"
#include "drop/adapters/sqlite/sqlite_stores.hpp"
#include "drop/version.hpp"

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
  built.rate_limits = std::make_unique<sqlite::SqliteRateLimitStore>(database);
  built.users = std::make_unique<sqlite::SqliteUserStore>(database);
  built.idempotency = std::make_unique<sqlite::SqliteIdempotencyStore>(database);
  built.revoked_tokens = std::make_unique<sqlite::SqliteRevokedTokenStore>(database);
  built.ledger_engine = std::make_unique<sqlite::SqliteLedgerStore>(database);
  built.quotes = std::make_unique<sqlite::SqliteQuoteStore>(database);
  built.transfers = std::make_unique<sqlite::SqliteTransferStore>(database);
  built.qr_requests = std::make_unique<sqlite::SqliteQrRequestStore>(database);
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
  built.database_check = [&database] {
    auto lease = database.acquire();
    return lease && (*lease)->exec("SELECT 1").ok();
  };
  built.connections_in_use = [&database] {
    return static_cast<double>(database.connections_in_use());
  };
  return {};
}

}  // namespace

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
  return built;
}

}  // namespace drop::app
