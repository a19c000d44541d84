// LiveRates: the reference-rate table the API prices from, replaced whole when a refresh
// succeeds. A reader takes a snapshot (shared_ptr) and prices a whole request from it, so a
// refresh never changes a table under a request.
//
// RateRefresher: reloads the table from a RateSource on its own thread every `interval` (every
// `retry_interval` instead while the last attempt failed). A loaded table first passes `prepare`
// (e.g. opening house accounts for new currencies) and then goes live; when the load or
// `prepare` fails, the last good table keeps serving and one line is logged. Requests never wait
// for a refresh. The destructor stops the thread (waiting at most for a load in progress, which
// the source bounds with its own deadline).
//
// Thread-safety: LiveRates is safe from any thread; RateRefresher's refresh_now() may run
// concurrently with its thread (refreshes are serialised).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "drop/fx/rate_table.hpp"
#include "drop/ports/rate_source.hpp"
#include "drop/result.hpp"

namespace drop::usecases {

class LiveRates {
 public:
  explicit LiveRates(fx::RateTable initial);
  // The live table; never null.
  std::shared_ptr<const fx::RateTable> current() const;
  void replace(fx::RateTable table);

  // A document derived from `table` (a snapshot from current()), such as GET /api/rates for one
  // base: rendered by `render` once per key while `table` is the live one, then served from
  // memory; replace() drops them all. `render` runs without the lock. The caller bounds the
  // keys (one per currency of the table).
  std::string derived(const std::shared_ptr<const fx::RateTable>& table, std::string_view key,
                      const std::function<std::string(const fx::RateTable&)>& render) const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const fx::RateTable> table_;
  mutable std::map<std::string, std::string, std::less<>> derived_;  // of table_
};

struct RateRefreshOptions {
  std::chrono::milliseconds interval{3'600'000};
  std::chrono::milliseconds retry_interval{60'000};
};

class RateRefresher {
 public:
  // Checks a new table before it goes live; an error keeps the old table.
  using Prepare = std::function<Result<void, std::string>(const fx::RateTable&)>;
  // (level, event, message): "info"/"warn", "rates_refreshed"/"rates_refresh_failed", text.
  using Log = std::function<void(std::string_view, std::string_view, const std::string&)>;

  // REQUIRES: `rates` and `source` outlive this. Does not start the thread.
  RateRefresher(LiveRates& rates, ports::RateSource& source, RateRefreshOptions options,
                Prepare prepare, Log log);
  ~RateRefresher();
  RateRefresher(const RateRefresher&) = delete;
  RateRefresher& operator=(const RateRefresher&) = delete;

  // Starts the periodic thread; `failing` says whether the table at start is a fallback (the
  // first refresh then comes after retry_interval).
  void start(bool failing = false);
  // One refresh on the calling thread: true when a newly loaded table is live.
  bool refresh_now();

 private:
  void loop(bool failing);

  LiveRates& rates_;
  ports::RateSource& source_;
  const RateRefreshOptions options_;
  Prepare prepare_;
  Log log_;
  std::mutex refresh_mutex_;  // one refresh at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace drop::usecases
