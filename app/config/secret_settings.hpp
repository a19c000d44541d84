// Settings from AWS Secrets Manager. When AWS_SECRET_ARN is set, the secret is fetched once at
// start-up, before the settings are read, and its keys provide the secret settings: JWT_SECRET,
// DATABASE_URL, SLACK_WEBHOOK_URL, SUMSUB_*, BANKID_CLIENT_SECRET, DROP_ADMIN_TOKEN. A secret
// setting the secret does not hold falls back to the environment; other keys in the secret are
// ignored (a secret cannot change PORT or DROP_ENV). Without AWS_SECRET_ARN the environment is
// used as it is. A missing secret, missing credentials or a failed fetch is one SettingError
// naming the variable and the cause, never a value.
//
// The store keeps serving the cached values (DROP_SECRETS_TTL_S, default 300, with jitter) and
// refreshes them in the background; a failed refresh keeps the last good values and is reported
// through `on_refresh_failed` (the operators' "secrets refresh failing" alert).
// Thread-safety: the returned lookup and store are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "config/settings.hpp"
#include "drop/adapters/aws/secret_stores.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "drop/result.hpp"

namespace drop::app {

// True for the settings a secret may provide.
bool is_secret_setting(std::string_view name);

struct SecretsContext {
  http_client::HttpClient* http = nullptr;  // the outbound client
  const ports::Clock* clock = nullptr;
  ports::Entropy* entropy = nullptr;  // TTL jitter (nullptr: none)
  std::function<void(const ports::PortError&)> on_refresh_failed;
  // Where AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is served (tests: a loopback fake).
  std::string container_base_url = std::string(adapters::aws::container_credentials_base_url);
};

struct SettingsSource {
  // The environment with the secret's settings layered over it: pass to load_settings.
  EnvironmentLookup lookup;
  // Where the secret settings come from: Secrets Manager (a CachingSecretStore) when
  // AWS_SECRET_ARN is set, else the environment (EnvironmentSecretStore). Never nullptr.
  std::unique_ptr<ports::SecretStore> secrets;
  bool from_secrets_manager = false;
};

// REQUIRES: context.http and context.clock outlive the result; set when AWS_SECRET_ARN is.
Result<SettingsSource, SettingError> settings_source(const EnvironmentLookup& environment,
                                                     const SecretsContext& context);

}  // namespace drop::app
