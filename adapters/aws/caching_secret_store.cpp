// The TTL cache in front of a secret fetch (behaviour documented in secret_stores.hpp).
#include <algorithm>
#include <cstring>

#include "drop/adapters/aws/secret_stores.hpp"

namespace drop::adapters::aws {

using ports::PortError;

CachingSecretStore::CachingSecretStore(Fetch fetch, const ports::Clock& clock,
                                       CachingSecretStoreOptions options)
    : fetch_(std::move(fetch)), clock_(clock), options_(std::move(options)) {
  DROP_ASSERT(options_.ttl_s >= 1);
}

Result<std::optional<std::string>, PortError> CachingSecretStore::get(std::string_view name) {
  DROP_ASSERT(!name.empty());
  auto refreshed = refresh_if_due(/*blocking=*/false);
  std::lock_guard lock(mutex_);
  if (!values_) return Err{refreshed.error()};
  const auto found = values_->find(name);
  if (found == values_->end()) return std::optional<std::string>();
  return std::optional<std::string>(found->second);
}

Result<void, PortError> CachingSecretStore::load() { return refresh_if_due(/*blocking=*/true); }

std::int64_t CachingSecretStore::jitter_us() {
  if (options_.jitter == nullptr) return 0;
  std::uint64_t random = 0;
  std::byte bytes[sizeof random];
  options_.jitter->fill(bytes);
  std::memcpy(&random, bytes, sizeof random);
  const auto span_us = static_cast<std::uint64_t>(options_.ttl_s) * 1'000'000 *
                       limits::secrets_ttl_jitter_percent / 100;
  return static_cast<std::int64_t>(random % (span_us + 1));
}

// `blocking`: wait for a fetch another thread is running. Without it, a thread that has cached
// values to serve returns at once while someone else refreshes.
Result<void, PortError> CachingSecretStore::refresh_if_due(bool blocking) {
  bool have_values = false;
  {
    std::lock_guard lock(mutex_);
    if (values_ && clock_.now() < next_refresh_) return {};
    have_values = values_.has_value();
  }
  std::unique_lock fetch_lock(fetch_mutex_, std::defer_lock);
  if (have_values && !blocking) {
    if (!fetch_lock.try_lock()) return {};  // being refreshed: serve the cached values
  } else {
    fetch_lock.lock();
  }
  {
    std::lock_guard lock(mutex_);  // another thread may have refreshed meanwhile
    if (values_ && clock_.now() < next_refresh_) return {};
  }
  auto fetched = fetch_();
  const Timestamp now = clock_.now();
  bool report = false;
  {
    std::lock_guard lock(mutex_);
    if (fetched) {
      values_ = std::move(*fetched);
      next_refresh_ = now.plus_seconds(options_.ttl_s).plus_us(-jitter_us());
    } else if (values_) {
      next_refresh_ =
          now.plus_seconds(std::min(options_.ttl_s, limits::secrets_retry_after_failure_s));
      report = true;
    }
  }
  fetch_lock.unlock();
  if (fetched) return {};
  if (report && options_.on_refresh_failed) options_.on_refresh_failed(fetched.error());
  return Err{fetched.error()};
}

}  // namespace drop::adapters::aws
