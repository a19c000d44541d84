// ResilientHttpClient: a decorator over an HttpClient for one outside service (Sumsub, Slack,
// the ECB, ...) that keeps a slow or failing provider from starving the rest of the program.
//
// - Retries only what is retryable, and only requests marked `retry_safe`: resolve, connect and
//   timeout errors, and the statuses 429, 502, 503 and 504. Everything else (4xx, 500, tls,
//   too_large, ...) is returned at once.
// - Waits between attempts: capped exponential backoff with full jitter,
//   uniform(0, min(backoff_cap_ms, backoff_base_ms * 2^(attempt-1))); a Retry-After header
//   (delta-seconds) replaces it; a Retry-After longer than retry_after_cap_ms is not waited for
//   (the response is returned); an HTTP-date Retry-After waits retry_after_cap_ms.
// - At most `attempts_max` attempts per send.
// - At most `concurrency_max` sends in flight (retry waits included); one more fails at once
//   with overloaded.
// - A circuit breaker: `breaker_failures_threshold` consecutive failed attempts (transport
//   errors and 5xx) open it; while open every send fails at once with circuit_open; after
//   `breaker_cooldown_ms` one send goes through as a probe (half-open): success closes it,
//   failure opens it for another cool-down.
// Time, sleeping and randomness are injected so that tests never sleep.
//
// Thread-safety: `send` may be called from many threads at once (if the inner client allows).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"

namespace drop::http_client {

struct ResilienceOptions {
  std::string service_name = "service";  // names the service in circuit/overload errors
  int attempts_max = 3;
  std::uint32_t backoff_base_ms = 200;
  std::uint32_t backoff_cap_ms = 5'000;
  std::uint32_t retry_after_cap_ms = 30'000;
  std::size_t concurrency_max = 16;
  int breaker_failures_threshold = 5;
  std::uint32_t breaker_cooldown_ms = 30'000;
};

// Blocks the calling thread for `milliseconds` (tests record the value instead).
using SleepFunction = std::function<void(std::uint32_t milliseconds)>;
// The real thing: std::this_thread::sleep_for.
SleepFunction real_sleep();

enum class BreakerState { closed, open, half_open };

class ResilientHttpClient final : public HttpClient {
 public:
  // REQUIRES: `inner`, `clock` and `entropy` outlive this; options.attempts_max >= 1,
  // concurrency_max >= 1, breaker_failures_threshold >= 1.
  ResilientHttpClient(HttpClient& inner, ResilienceOptions options, const ports::Clock& clock,
                      ports::Entropy& entropy, SleepFunction sleep);

  // The last attempt's response or error; overloaded or circuit_open without an attempt.
  Result<HttpResponse, HttpError> send(const HttpRequest& request) override;

  BreakerState breaker_state() const;

 private:
  enum class Admission { admitted, probe, refused };
  Admission admit();
  void record(bool failed, bool probe);
  std::uint32_t backoff_ms(int attempt);

  HttpClient& inner_;
  const ResilienceOptions options_;
  const ports::Clock& clock_;
  ports::Entropy& entropy_;
  SleepFunction sleep_;
  std::atomic<std::size_t> in_flight_{0};
  mutable std::mutex mutex_;
  int consecutive_failures_ = 0;
  BreakerState state_ = BreakerState::closed;
  Timestamp open_until_;
  bool probe_in_flight_ = false;
};

// Parses a Retry-After value: delta-seconds -> milliseconds; an HTTP-date -> `date_ms`;
// anything else -> nullopt.
std::optional<std::uint32_t> parse_retry_after_ms(std::string_view value, std::uint32_t date_ms);

}  // namespace drop::http_client
