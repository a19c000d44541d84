#include "cli/settings_startup.hpp"

#include <chrono>

#include "cli/outbound_client.hpp"

namespace drop::app {

Result<std::unique_ptr<SettingsStartup>, SettingError> start_settings(
    const EnvironmentLookup& environment,
    std::function<void(const std::string& message)> on_refresh_failed) {
  auto startup = std::make_unique<SettingsStartup>();
  startup->http = make_startup_http_client(environment);
  SecretsContext context;
  context.http = startup->http.get();
  context.clock = &startup->clock;
  context.entropy = &startup->entropy;
  if (on_refresh_failed) {
    context.on_refresh_failed = [report = std::move(on_refresh_failed)](
                                    const ports::PortError& error) { report(error.message); };
  }
  auto source = settings_source(environment, context);
  if (!source) return Err{source.error()};
  startup->source = std::move(*source);
  return startup;
}

SecretsRefresher::SecretsRefresher(ports::SecretStore* store,
                                   std::function<void(ports::SecretStore& store)> after_each)
    : store_(store), after_each_(std::move(after_each)) {
  if (store_ != nullptr) thread_ = std::thread([this] { loop(); });
}

SecretsRefresher::~SecretsRefresher() {
  if (store_ == nullptr) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void SecretsRefresher::loop() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
    lock.unlock();
    (void)store_->get("JWT_SECRET");  // refreshes when due; failures go to on_refresh_failed
    if (after_each_) after_each_(*store_);
    lock.lock();
  }
}

}  // namespace drop::app
