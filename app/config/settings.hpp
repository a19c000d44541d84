// Settings: every configuration value of API.md "Configuration", parsed from the environment
// with its default and validated once at start-up. A missing or bad setting is reported as one
// SettingError naming the setting; its value is never part of the message (many are secrets).
// Thread-safety: a value type, read-only after load.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "config/database.hpp"
#include "drop/result.hpp"

namespace drop::app {

enum class Environment : std::uint8_t { development, staging, production };
std::string_view to_string(Environment environment);

struct Settings {
  // Server.
  std::uint16_t port = 3000;                           // PORT
  Environment environment = Environment::development;  // DROP_ENV
  DatabaseUrl database;                                // DATABASE_URL
  std::string jwt_secret;                // JWT_SECRET (empty: development generates one)
  std::string admin_token;               // DROP_ADMIN_TOKEN (empty: admin API disabled)
  int trusted_proxy_hops = 0;            // DROP_TRUSTED_PROXY_HOPS
  int io_threads = 0;                    // DROP_IO_THREADS (0: one per core)
  int worker_threads = 16;               // DROP_WORKER_THREADS (blocking handler work)
  int worker_queue_max = 1024;           // DROP_WORKER_QUEUE_MAX (then 503 unavailable)
  std::int64_t drain_timeout_ms = 8000;  // DROP_DRAIN_TIMEOUT_MS
  std::int64_t read_timeout_ms = 15000;  // DROP_READ_TIMEOUT_MS (a request; also keep-alive idle)
  // FX.
  std::string rates_source;             // DROP_RATES_SOURCE (empty: shipped snapshot)
  std::int64_t fx_spread_bps = 50;      // DROP_FX_SPREAD_BPS
  std::int64_t fx_fee_fixed_minor = 0;  // DROP_FX_FEE_FIXED_MINOR
  std::int64_t fx_fee_bps = 0;          // DROP_FX_FEE_BPS
  std::int64_t quote_ttl_s = 60;        // DROP_QUOTE_TTL_S
  std::int64_t rates_max_age_days = 4;  // DROP_RATES_MAX_AGE_DAYS
  std::int64_t rates_refresh_s = 3600;  // DROP_RATES_REFRESH_S (reload the source this often)
  // Secrets from AWS Secrets Manager.
  std::string aws_secret_arn, aws_region, aws_endpoint_url_secrets_manager, aws_endpoint_url;
  std::string aws_access_key_id, aws_secret_access_key, aws_session_token;
  std::string aws_container_credentials_relative_uri, aws_container_credentials_full_uri;
  std::int64_t secrets_ttl_s = 300;  // DROP_SECRETS_TTL_S
  // Integrations.
  std::string slack_webhook_url;
  std::string sumsub_app_token, sumsub_secret_key, sumsub_webhook_secret, sumsub_level_name;
  std::string sumsub_base_url = "https://api.sumsub.com";
  std::string bankid_issuer, bankid_client_id, bankid_client_secret, bankid_redirect_uri;
  std::string app_url;                                  // DROP_APP_URL
  std::string ssl_cert_file;                            // SSL_CERT_FILE
  std::int64_t alert_large_transfer_minor = 5'000'000;  // DROP_ALERT_LARGE_TRANSFER_MINOR
  std::int64_t sandbox_payout_delay_ms = 500;           // DROP_SANDBOX_PAYOUT_DELAY_MS

  bool development() const { return environment == Environment::development; }
};

struct SettingError {
  std::string name;     // "JWT_SECRET"
  std::string message;  // "required when DROP_ENV is production" (never the value)
  std::string line() const { return name + ": " + message; }
};

// Reads NAME -> value (std::nullopt when unset). Empty values count as unset.
using EnvironmentLookup = std::function<std::optional<std::string>(std::string_view name)>;

// The process environment (getenv).
EnvironmentLookup process_environment();

Result<Settings, SettingError> load_settings(const EnvironmentLookup& lookup);

// True for https URLs, and for http URLs whose host is loopback (localhost, 127.0.0.0/8, [::1]).
bool is_allowed_outbound_url(std::string_view url);

// The minimum length of JWT_SECRET (HS256 keys shorter than the hash are weak: RFC 7518 3.2).
inline constexpr std::size_t jwt_secret_bytes_min = 32;

}  // namespace drop::app
