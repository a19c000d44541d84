// A settable Clock for tests (thread-safe), and a sleep function that advances it instead of
// sleeping, so paced and backed-off code runs instantly and deterministically.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "drop/ports/clock.hpp"

namespace drop_test {

class FakeClock final : public drop::ports::Clock {
 public:
  explicit FakeClock(drop::Timestamp start = drop::Timestamp::from_unix_seconds(1'800'000'000))
      : now_us_(start.unix_us) {}
  drop::Timestamp now() const override { return drop::Timestamp{now_us_.load()}; }
  void advance_ms(std::int64_t milliseconds) { now_us_ += milliseconds * 1000; }
  void set(drop::Timestamp to) { now_us_ = to.unix_us; }

  // A sleep that advances this clock and records each requested duration.
  std::function<void(std::int64_t)> sleeper() {
    return [this](std::int64_t milliseconds) {
      {
        std::lock_guard lock(mutex_);
        sleeps_ms_.push_back(milliseconds);
      }
      advance_ms(milliseconds);
    };
  }
  std::vector<std::int64_t> sleeps_ms() const {
    std::lock_guard lock(mutex_);
    return sleeps_ms_;
  }

 private:
  std::atomic<std::int64_t> now_us_;
  mutable std::mutex mutex_;
  std::vector<std::int64_t> sleeps_ms_;
};

}  // namespace drop_test
