#include "drop/adapters/http_client/resilient_http_client.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <thread>

namespace drop::http_client {

SleepFunction real_sleep() {
  return [](std::uint32_t milliseconds) {
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
  };
}

std::optional<std::uint32_t> parse_retry_after_ms(std::string_view value, std::uint32_t date_ms) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::uint64_t seconds = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (error != std::errc() || seconds > UINT32_MAX / 1000) return UINT32_MAX;  // huge
    return static_cast<std::uint32_t>(seconds * 1000);
  }
  // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" (or an obsolete form): recognised by the GMT.
  if (value.size() >= 20 && value.ends_with("GMT")) return date_ms;
  return std::nullopt;
}

namespace {

struct Classified {
  bool retryable = false;
  bool failure = false;  // counts against the breaker
};

Classified classify(const Result<HttpResponse, HttpError>& result) {
  if (!result) {
    switch (result.error().kind) {
      case HttpErrorKind::resolve:
      case HttpErrorKind::connect:
      case HttpErrorKind::timeout:
        return {true, true};
      case HttpErrorKind::tls:
      case HttpErrorKind::protocol:
      case HttpErrorKind::too_large:
        return {false, true};
      default:
        return {false, false};
    }
  }
  const unsigned status = result->status;
  const bool retryable = status == 429 || status == 502 || status == 503 || status == 504;
  return {retryable, status >= 500};
}

}  // namespace

ResilientHttpClient::ResilientHttpClient(HttpClient& inner, ResilienceOptions options,
                                         const ports::Clock& clock, ports::Entropy& entropy,
                                         SleepFunction sleep)
    : inner_(inner),
      options_(std::move(options)),
      clock_(clock),
      entropy_(entropy),
      sleep_(std::move(sleep)) {}

BreakerState ResilientHttpClient::breaker_state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

ResilientHttpClient::Admission ResilientHttpClient::admit() {
  std::lock_guard lock(mutex_);
  if (state_ == BreakerState::closed) return Admission::admitted;
  if (state_ == BreakerState::open && clock_.now() >= open_until_) {
    state_ = BreakerState::half_open;
    probe_in_flight_ = false;
  }
  if (state_ == BreakerState::half_open && !probe_in_flight_) {
    probe_in_flight_ = true;
    return Admission::probe;
  }
  return Admission::refused;
}

void ResilientHttpClient::record(bool failed, bool probe) {
  std::lock_guard lock(mutex_);
  if (!failed) {
    consecutive_failures_ = 0;
    if (probe || state_ == BreakerState::half_open) state_ = BreakerState::closed;
    probe_in_flight_ = false;
    return;
  }
  ++consecutive_failures_;
  if (probe || consecutive_failures_ >= options_.breaker_failures_threshold) {
    state_ = BreakerState::open;
    open_until_ = clock_.now().plus_us(std::int64_t{options_.breaker_cooldown_ms} * 1000);
    probe_in_flight_ = false;
  }
}

std::uint32_t ResilientHttpClient::backoff_ms(int attempt) {
  // min(cap, base * 2^(attempt-1)), computed without overflow.
  std::uint64_t ceiling = options_.backoff_base_ms;
  for (int i = 1; i < attempt && ceiling < options_.backoff_cap_ms; ++i) ceiling *= 2;
  ceiling = std::min<std::uint64_t>(ceiling, options_.backoff_cap_ms);
  std::array<std::byte, 8> bytes{};
  entropy_.fill(bytes);
  std::uint64_t random = 0;
  std::memcpy(&random, bytes.data(), bytes.size());
  return static_cast<std::uint32_t>(random % (ceiling + 1));
}

Result<HttpResponse, HttpError> ResilientHttpClient::send(const HttpRequest& request) {
  if (in_flight_.fetch_add(1) >= options_.concurrency_max) {
    in_flight_.fetch_sub(1);
    return Err{HttpError{HttpErrorKind::overloaded,
                         options_.service_name + ": too many requests in flight"}};
  }
  struct Release {
    std::atomic<std::size_t>& count;
    ~Release() { count.fetch_sub(1); }
  } release{in_flight_};

  std::optional<Result<HttpResponse, HttpError>> last;
  for (int attempt = 1; attempt <= options_.attempts_max; ++attempt) {
    const Admission admission = admit();
    if (admission == Admission::refused) {
      if (last) return std::move(*last);
      return Err{
          HttpError{HttpErrorKind::circuit_open, options_.service_name + ": circuit breaker open"}};
    }
    last = inner_.send(request);
    const Classified outcome = classify(*last);
    record(outcome.failure, admission == Admission::probe);
    if (!outcome.retryable || !request.retry_safe || attempt == options_.attempts_max) break;
    std::uint32_t wait_ms = backoff_ms(attempt);
    if (*last) {
      if (auto header = (*last)->header("Retry-After")) {
        auto retry_after = parse_retry_after_ms(*header, options_.retry_after_cap_ms);
        if (retry_after && *retry_after > options_.retry_after_cap_ms) break;
        if (retry_after) wait_ms = *retry_after;
      }
    }
    sleep_(wait_ms);
  }
  return std::move(*last);
}

}  // namespace drop::http_client
