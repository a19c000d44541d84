// The SecretStore adapters: the process environment (the default), and AWS Secrets Manager
// behind a TTL cache (when AWS_SECRET_ARN is set). The secret's SecretString is a JSON object
// whose keys are setting names: {"JWT_SECRET": "..", "DATABASE_URL": "postgres://.."}.
//
// Thread-safety: every store here is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/aws/credentials.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/limits.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/ports/secret_store.hpp"
#include "drop/result.hpp"

namespace drop::adapters::aws {

using SecretMap = std::map<std::string, std::string, std::less<>>;

// Reads a SecretString: a JSON object of string values (at most limits::secret_keys_max keys).
// Fails with corrupt (naming the offending key, never a value) otherwise.
Result<SecretMap, ports::PortError> parse_secret_settings(std::string_view secret_string);

// Secrets straight from a lookup (the composition root passes the process environment).
class EnvironmentSecretStore final : public ports::SecretStore {
 public:
  using Lookup = std::function<std::optional<std::string>(std::string_view name)>;
  explicit EnvironmentSecretStore(Lookup lookup) : lookup_(std::move(lookup)) {}
  // An empty value counts as absent. Never fails.
  Result<std::optional<std::string>, ports::PortError> get(std::string_view name) override;

 private:
  const Lookup lookup_;
};

struct CachingSecretStoreOptions {
  std::int64_t ttl_s = limits::secrets_ttl_s_default;  // DROP_SECRETS_TTL_S
  // Called (outside any lock) after each failed refresh while older values keep serving; the app
  // routes it to the operators' "secrets refresh failing" alert.
  std::function<void(const ports::PortError&)> on_refresh_failed;
  // Up to limits::secrets_ttl_jitter_percent of each TTL is taken off, from this source
  // (nullptr: no jitter).
  ports::Entropy* jitter = nullptr;
};

// Serves a whole SecretMap fetched by `fetch`, fetches it again once the TTL (minus jitter) has
// passed, one fetch at a time: while one thread refreshes, the others keep getting the cached
// values. A failed refresh keeps the last good values, reports through on_refresh_failed, and is
// retried after min(TTL, limits::secrets_retry_after_failure_s). Before the first successful fetch
// every `get` fetches (one at a time) and returns the failure.
class CachingSecretStore final : public ports::SecretStore {
 public:
  using Fetch = std::function<Result<SecretMap, ports::PortError>()>;
  // `clock` must outlive the store. REQUIRES: options.ttl_s >= 1.
  CachingSecretStore(Fetch fetch, const ports::Clock& clock, CachingSecretStoreOptions options);

  Result<std::optional<std::string>, ports::PortError> get(std::string_view name) override;
  // Fetches now unless the cache is fresh (start-up: a failure here stops the program).
  Result<void, ports::PortError> load();

 private:
  Result<void, ports::PortError> refresh_if_due(bool blocking);
  std::int64_t jitter_us();

  const Fetch fetch_;
  const ports::Clock& clock_;
  const CachingSecretStoreOptions options_;
  std::mutex fetch_mutex_;  // held for the duration of one fetch
  std::mutex mutex_;        // guards the members below
  std::optional<SecretMap> values_;
  Timestamp next_refresh_;
};

// The Secrets Manager store `environment` describes (secrets_manager_config,
// make_credentials_provider): fetches AWS_SECRET_ARN and parses it with parse_secret_settings.
// Fails with invalid naming the variable when the configuration is incomplete or no credentials
// are configured. `http` and `clock` must outlive the store; nothing is fetched until load/get.
Result<std::unique_ptr<CachingSecretStore>, ports::PortError> make_secrets_manager_store(
    const AwsEnvironment& environment, http_client::HttpClient& http, const ports::Clock& clock,
    CachingSecretStoreOptions options,
    std::string_view container_base_url = container_credentials_base_url);

}  // namespace drop::adapters::aws
