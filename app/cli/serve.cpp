// drop serve: the HTTP server. Reads the settings, opens the database, builds the route table,
// the pipeline, the worker pool and the Beast server, serves until SIGTERM/SIGINT, drains, and
// exits 0. A bad setting or an unusable database stops start-up with one line on stderr.
#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <thread>

#include "api/routes.hpp"
#include "cli/command.hpp"
#include "cli/settings_startup.hpp"
#include "cli/wiring.hpp"
#include "config/settings.hpp"
#include "drop/ports/notifier.hpp"
#include "drop/version.hpp"
#include "http/context.hpp"
#include "http/pipeline.hpp"
#include "http/request_log.hpp"
#include "http/server.hpp"
#include "json/json.hpp"
#include "usecases/kyc_service.hpp"
#include "usecases/ledger_service.hpp"
#include "usecases/live_rates.hpp"
#include "usecases/qr_payment.hpp"
#include "usecases/remittance_service.hpp"

namespace drop::cli {

namespace {

// Re-checks the database every second on its own thread (never on an I/O thread), and runs
// `maintenance` (purging expired records) every ten minutes.
class HealthChecker {
 public:
  HealthChecker(http::Health& health, std::function<bool()> check,
                std::function<void()> maintenance)
      : health_(health), check_(std::move(check)), maintenance_(std::move(maintenance)) {
    health_.set_database_ok(check_());
    thread_ = std::thread([this] { loop(); });
  }
  ~HealthChecker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    int seconds = 0;
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      health_.set_database_ok(check_());
      if (++seconds % 600 == 0) maintenance_();
      lock.lock();
    }
  }
  http::Health& health_;
  std::function<bool()> check_;
  std::function<void()> maintenance_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

void log_listening(Timestamp now, const app::Settings& settings, std::uint16_t port,
                   int io_threads) {
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::write_key(writer, "time");
  json::write_string(writer, http::format_log_time(now));
  json::write_key(writer, "level");
  json::write_string(writer, "info");
  json::write_key(writer, "event");
  json::write_string(writer, "listening");
  json::write_key(writer, "port");
  writer.Int(port);
  json::write_key(writer, "environment");
  json::write_string(writer, app::to_string(settings.environment));
  json::write_key(writer, "database");
  json::write_string(writer, settings.database.describe());
  json::write_key(writer, "io_threads");
  writer.Int(io_threads);
  json::write_key(writer, "worker_threads");
  writer.Int(settings.worker_threads);
  json::write_key(writer, "version");
  json::write_string(writer, drop::version());
  writer.EndObject();
  http::write_stderr_line(json::to_string(buffer));
}

std::vector<http::Metrics::RouteLabel> route_labels(const http::Router& router) {
  std::vector<http::Metrics::RouteLabel> labels;
  for (const http::Route& route : router.routes()) {
    labels.push_back({std::string(http::to_string(route.method)), route.pattern});
  }
  return labels;
}

}  // namespace

int run_serve(Arguments arguments, Streams streams) {
  if (!arguments.empty()) {
    streams.err << "drop serve: takes no arguments (configuration comes from the environment)\n";
    return 2;
  }
  // With AWS_SECRET_ARN, the secret settings come from Secrets Manager (fetched here, first).
  // A failing refresh is an operator alert: through the notifier once it exists (Slack), in the
  // log before that and after it is gone.
  const app::SystemClock log_clock;
  std::mutex alert_mutex;
  ports::Notifier* alert_notifier = nullptr;
  auto startup = app::start_settings(app::process_environment(), [&](const auto& text) {
    std::lock_guard lock(alert_mutex);
    if (alert_notifier != nullptr) {
      alert_notifier->notify(ports::secrets_refresh_failing_alert("AWS_SECRET_ARN", text));
      return;
    }
    http::log_event(log_clock.now(), "warn", "operator_alert", "secrets refresh failing: " + text);
  });
  if (!startup) {
    streams.err << "drop serve: " << startup.error().line() << "\n";
    return 1;
  }
  auto loaded = app::load_settings((*startup)->source.lookup);
  if (!loaded) {
    streams.err << "drop serve: " << loaded.error().line() << "\n";
    return 1;
  }
  app::Settings settings = std::move(*loaded);
  // JWT_SECRET and DROP_ADMIN_TOKEN rotated in Secrets Manager take effect without a restart
  // (the refresher publishes them here); the other settings are read once, at start-up.
  http::SecretCell jwt_secret(settings.jwt_secret);
  http::SecretCell admin_token(settings.admin_token);
  const app::SecretsRefresher secrets_refresher(
      (*startup)->source.from_secrets_manager ? (*startup)->source.secrets.get() : nullptr,
      [&jwt_secret, &admin_token](ports::SecretStore& store) {
        if (auto value = store.get("JWT_SECRET"); value && *value) jwt_secret.set(**value);
        if (auto value = store.get("DROP_ADMIN_TOKEN"); value && *value) admin_token.set(**value);
      });
  if ((*startup)->source.from_secrets_manager) {
    http::log_event(log_clock.now(), "info", "secrets_loaded",
                    "secret settings read from AWS Secrets Manager (AWS_SECRET_ARN)");
  }
  std::vector<int> migrated;
  auto built = app::build_adapters(settings, migrated);
  if (!built) {
    streams.err << "drop serve: " << built.error() << "\n";
    return 1;
  }
  app::Adapters& adapters = **built;
  {
    std::lock_guard lock(alert_mutex);
    alert_notifier = adapters.notifier.get();
  }
  // Destroyed before the adapters: later refresh failures go back to the log.
  struct DetachNotifier {
    std::mutex& mutex;
    ports::Notifier*& notifier;
    ~DetachNotifier() {
      std::lock_guard lock(mutex);
      notifier = nullptr;
    }
  } detach_notifier{alert_mutex, alert_notifier};
  if (settings.jwt_secret.empty()) {  // development only: load_settings requires it elsewhere
    settings.jwt_secret = http::random_hex(adapters.entropy, 32);
    http::log_event(adapters.clock.now(), "warn", "jwt_secret_generated",
                    "JWT_SECRET is not set: signing tokens with a random secret for this run "
                    "(development); tokens will not survive a restart");
    jwt_secret.set(settings.jwt_secret);
  }
  if (!migrated.empty()) {
    http::log_event(adapters.clock.now(), "info", "migrated",
                    "applied " + std::to_string(migrated.size()) + " migration(s) to " +
                        settings.database.describe());
  }
  // A file must load at start; a URL that cannot be fetched serves the shipped snapshot (its
  // as-of date shows, and staleness rules apply) until a refresh succeeds.
  auto rates = adapters.rates->load();
  const bool rates_fallback = !rates && adapters.fallback_rates != nullptr;
  if (rates_fallback) {
    http::log_event(adapters.clock.now(), "warn", "rates_unavailable",
                    "DROP_RATES_SOURCE: " + rates.error().message +
                        "; serving the shipped snapshot until a refresh succeeds");
    rates = adapters.fallback_rates->load();
  }
  if (!rates) {
    streams.err << "drop serve: DROP_RATES_SOURCE: " << rates.error().message << "\n";
    return 1;
  }
  usecases::LiveRates live_rates(std::move(*rates));
  usecases::LedgerService ledger(*adapters.ledger, *adapters.users, adapters.entropy,
                                 adapters.clock);
  // Every currency of a table has house accounts before the table goes live.
  const auto open_house_accounts =
      [&ledger](const fx::RateTable& table) -> Result<void, std::string> {
    std::vector<Currency> currencies = table.currencies();
    currencies.push_back(table.base());
    if (auto house = ledger.ensure_house_accounts(currencies); !house) {
      return Err{"house accounts: " + house.error().message};
    }
    return {};
  };
  if (auto house = open_house_accounts(*live_rates.current()); !house) {
    streams.err << "drop serve: DATABASE_URL: " << house.error() << "\n";
    return 1;
  }
  usecases::RateRefresher rate_refresher(
      live_rates, *adapters.rates,
      {.interval = std::chrono::seconds(settings.rates_refresh_s),
       .retry_interval =
           std::chrono::seconds(std::min<std::int64_t>(60, settings.rates_refresh_s))},
      open_house_accounts,
      [&adapters](std::string_view level, std::string_view event, const std::string& text) {
        http::log_event(adapters.clock.now(), level, event, text);
      });
  const auto alert = [&adapters](const std::string& text) {
    http::log_event(adapters.clock.now(), "warn", "operator_alert", text);
  };
  usecases::RemittanceService remittances(
      ledger, *adapters.users, *adapters.quotes, *adapters.transfers, adapters.clock,
      settings.alert_large_transfer_minor, alert, adapters.notifier.get());
  usecases::KycService kyc(*adapters.users, *adapters.kyc, adapters.kyc_provider.get(),
                           *adapters.notifier, adapters.clock);
  usecases::PayoutWorker payouts(
      remittances, settings.sandbox_payout_delay_ms, [&adapters](const std::string& text) {
        http::log_event(adapters.clock.now(), "error", "payout_error", text);
      });
  if (auto recovered = payouts.recover(); !recovered) {
    streams.err << "drop serve: DATABASE_URL: " << recovered.error().message << "\n";
    return 1;
  }
  usecases::QrPaymentService qr_payments(ledger, *adapters.users, *adapters.qr_requests,
                                         adapters.clock);

  const http::Router router = api::build_router(settings);
  const http::TokenCodec tokens(jwt_secret);
  http::Metrics metrics(route_labels(router));
  http::Health health;
  const int io_threads = settings.io_threads > 0
                             ? settings.io_threads
                             : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  http::WorkerPool workers(static_cast<std::size_t>(settings.worker_threads),
                           static_cast<std::size_t>(settings.worker_queue_max));
  metrics.add_gauge("drop_db_connections_in_use", "Database connections leased right now.",
                    adapters.connections_in_use);
  metrics.add_gauge("drop_ledger_batches", "Ledger group-commit batches applied (a count).",
                    adapters.ledger_batches);
  metrics.add_gauge("drop_ledger_batched_transfers",
                    "Ledger transfers applied through group commit (a count).",
                    adapters.ledger_batched_transfers);
  metrics.add_gauge("drop_ledger_largest_batch", "The largest ledger batch so far (transfers).",
                    adapters.ledger_largest_batch);
  metrics.add_gauge("drop_ledger_batch_seconds",
                    "Time spent applying ledger batches in the database (seconds, a sum).",
                    adapters.ledger_batch_seconds);
  metrics.add_gauge("drop_ledger_gather_seconds",
                    "Time group commit waited for released callers to return (seconds, a sum).",
                    adapters.ledger_gather_seconds);
  metrics.add_gauge("drop_ledger_gather_timeouts",
                    "Group-commit gathers whose window ran out (a count).",
                    adapters.ledger_gather_timeouts);
  metrics.add_gauge("drop_worker_queue_depth", "Requests waiting for a worker thread.",
                    [&workers] { return static_cast<double>(workers.queued()); });
  metrics.add_gauge("drop_worker_busy", "Worker threads running a request.",
                    [&workers] { return static_cast<double>(workers.busy()); });

  http::Context context;
  context.settings = &settings;
  context.admin_token = &admin_token;
  context.clock = &adapters.clock;
  context.entropy = &adapters.entropy;
  context.tokens = &tokens;
  context.users = adapters.users.get();
  context.idempotency = adapters.idempotency.get();
  context.revoked_tokens = adapters.revoked_tokens.get();
  context.rate_limits = adapters.rate_limits.get();
  context.metrics = &metrics;
  context.ledger = &ledger;
  context.quotes = adapters.quotes.get();
  context.rates = &live_rates;
  context.remittances = &remittances;
  context.payouts = &payouts;
  context.qr = &qr_payments;
  context.kyc = &kyc;
  context.kyc_webhooks = adapters.kyc_webhooks.get();
  context.notifier = adapters.notifier.get();
  context.identity = adapters.identity.get();  // nullptr: BankID routes answer 503
  context.pricing.spread_bps = static_cast<int>(settings.fx_spread_bps);
  context.pricing.fee_fixed_minor = settings.fx_fee_fixed_minor;
  context.pricing.fee_bps = static_cast<int>(settings.fx_fee_bps);
  // Outside development, rates older than DROP_RATES_MAX_AGE_DAYS are refused (503).
  if (!settings.development()) {
    context.pricing.rates_max_age_days = static_cast<int>(settings.rates_max_age_days);
  }
  context.health = &health;
  context.router = &router;
  const http::Pipeline pipeline(router, context);

  HealthChecker checker(health, adapters.database_check, [&adapters] {
    // Idempotency records are kept 24 h (limits::idempotency_retention_s), then dropped.
    if (auto purged = adapters.idempotency->purge_expired(adapters.clock.now()); !purged) {
      http::log_event(adapters.clock.now(), "warn", "purge_failed", purged.error().message);
    }
  });
  http::Server server({.port = settings.port,
                       .io_threads = io_threads,
                       .read_timeout_ms = settings.read_timeout_ms,
                       .drain_timeout_ms = settings.drain_timeout_ms,
                       .trusted_proxy_hops = settings.trusted_proxy_hops},
                      pipeline, workers);
  if (auto listening = server.listen(); !listening) {
    streams.err << "drop serve: PORT: " << listening.error() << "\n";
    return 1;
  }
  http::start_async_stdout();
  rate_refresher.start(rates_fallback);
  log_listening(adapters.clock.now(), settings, server.port(), io_threads);
  const bool clean = server.run([&] {
    health.start_draining();
    http::log_event(adapters.clock.now(), "info", "draining",
                    "stopped accepting; finishing requests in flight");
  });
  workers.stop();
  // Queued operator alerts get a few seconds to reach Slack before the log closes.
  adapters.flush_alerts(std::min<std::int64_t>(settings.drain_timeout_ms, 5000));
  http::stop_async_stdout();
  http::log_event(adapters.clock.now(), clean ? "info" : "warn", "stopped",
                  clean ? "every request in flight was answered"
                        : "drain deadline passed with requests in flight");
  return 0;
}

}  // namespace drop::cli
