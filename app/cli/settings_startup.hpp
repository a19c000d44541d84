// Start-up of a command that reads settings which may come from AWS Secrets Manager
// (config/secret_settings.hpp): owns the outbound client, clock and entropy the secret store
// uses, so it must live as long as the command runs. SecretsRefresher keeps `drop serve`'s
// secrets fresh in the background so that a failing refresh reaches the operators' alert early.
// Values are read once at start-up: components built from them (the database pool, the token
// signer) keep what they were built with until a restart.
// Thread-safety: SettingsStartup is built once; SecretsRefresher owns one thread.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cli/system_ports.hpp"
#include "config/secret_settings.hpp"

namespace drop::app {

struct SettingsStartup {
  SystemClock clock;
  SystemEntropy entropy;
  std::unique_ptr<http_client::HttpClient> http;
  SettingsSource source;
};

// `on_refresh_failed` receives a secret-free message (nullptr: failures are not reported).
Result<std::unique_ptr<SettingsStartup>, SettingError> start_settings(
    const EnvironmentLookup& environment,
    std::function<void(const std::string& message)> on_refresh_failed);

// Asks the store for a secret every second (a cache hit until the TTL passes, then a refresh).
class SecretsRefresher {
 public:
  // Does nothing when `store` is nullptr. `store` must outlive the refresher. `after_each`
  // (optional) runs on the refresher's thread after each tick, to pick up rotated values.
  explicit SecretsRefresher(ports::SecretStore* store,
                            std::function<void(ports::SecretStore& store)> after_each = {});
  ~SecretsRefresher();
  SecretsRefresher(const SecretsRefresher&) = delete;
  SecretsRefresher& operator=(const SecretsRefresher&) = delete;

 private:
  void loop();
  ports::SecretStore* store_;
  std::function<void(ports::SecretStore& store)> after_each_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace drop::app
