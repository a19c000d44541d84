#include "usecases/live_rates.hpp"

namespace drop::usecases {

LiveRates::LiveRates(fx::RateTable initial)
    : table_(std::make_shared<const fx::RateTable>(std::move(initial))) {}

std::shared_ptr<const fx::RateTable> LiveRates::current() const {
  std::lock_guard lock(mutex_);
  return table_;
}

void LiveRates::replace(fx::RateTable table) {
  auto fresh = std::make_shared<const fx::RateTable>(std::move(table));
  std::lock_guard lock(mutex_);
  table_ = std::move(fresh);
  derived_.clear();
}

std::string LiveRates::derived(
    const std::shared_ptr<const fx::RateTable>& table, std::string_view key,
    const std::function<std::string(const fx::RateTable&)>& render) const {
  {
    std::lock_guard lock(mutex_);
    if (table == table_) {
      if (auto found = derived_.find(key); found != derived_.end()) return found->second;
    }
  }
  std::string document = render(*table);
  std::lock_guard lock(mutex_);
  if (table == table_) derived_.emplace(std::string(key), document);
  return document;
}

RateRefresher::RateRefresher(LiveRates& rates, ports::RateSource& source,
                             RateRefreshOptions options, Prepare prepare, Log log)
    : rates_(rates),
      source_(source),
      options_(options),
      prepare_(std::move(prepare)),
      log_(std::move(log)) {}

RateRefresher::~RateRefresher() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RateRefresher::start(bool failing) {
  thread_ = std::thread([this, failing] { loop(failing); });
}

bool RateRefresher::refresh_now() {
  std::lock_guard refreshing(refresh_mutex_);
  auto loaded = source_.load();
  if (!loaded) {
    log_("warn", "rates_refresh_failed",
         "keeping the rates of " + format_date(rates_.current()->as_of()) + ": " +
             loaded.error().message);
    return false;
  }
  if (prepare_) {
    if (auto prepared = prepare_(*loaded); !prepared) {
      log_("warn", "rates_refresh_failed",
           "keeping the rates of " + format_date(rates_.current()->as_of()) + ": " +
               prepared.error());
      return false;
    }
  }
  const Date previous = rates_.current()->as_of();
  const Date fresh = loaded->as_of();
  rates_.replace(std::move(*loaded));
  if (fresh != previous) {
    log_("info", "rates_refreshed",
         "reference rates as of " + format_date(fresh) + " (were " + format_date(previous) + ")");
  }
  return true;
}

void RateRefresher::loop(bool failing) {
  std::unique_lock lock(mutex_);
  for (;;) {
    const auto wait =
        failing ? std::min(options_.interval, options_.retry_interval) : options_.interval;
    if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
    lock.unlock();
    failing = !refresh_now();
    lock.lock();
  }
}

}  // namespace drop::usecases
