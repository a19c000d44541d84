// Shared by the AWS adapter tests: a settable clock, fixed entropy, an HTTP client that always
// fails, and a router sending requests to fakes by path prefix.
#pragma once

#include <atomic>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "support/in_process_http.hpp"

namespace aws_test {

class FakeClock final : public drop::ports::Clock {
 public:
  explicit FakeClock(drop::Timestamp start) : now_us_(start.unix_us) {}
  drop::Timestamp now() const override { return drop::Timestamp{now_us_.load()}; }
  void advance_seconds(std::int64_t seconds) { now_us_ += seconds * 1'000'000; }

 private:
  std::atomic<std::int64_t> now_us_;
};

// Fills with one repeated byte (0xFF: the largest jitter).
class FixedEntropy final : public drop::ports::Entropy {
 public:
  explicit FixedEntropy(unsigned char byte) : byte_(byte) {}
  void fill(std::span<std::byte> bytes) override { std::memset(bytes.data(), byte_, bytes.size()); }

 private:
  unsigned char byte_;
};

// Every send fails with `kind` (a connection refused, a timeout).
class FailingHttpClient final : public drop::http_client::HttpClient {
 public:
  explicit FailingHttpClient(drop::http_client::HttpErrorKind kind) : kind_(kind) {}
  drop::Result<drop::http_client::HttpResponse, drop::http_client::HttpError> send(
      const drop::http_client::HttpRequest&) override {
    return drop::Err{drop::http_client::HttpError{kind_, "127.0.0.1:9: failed (test)"}};
  }

 private:
  drop::http_client::HttpErrorKind kind_;
};

// Sends each request to the first handler whose prefix starts its origin-form URL.
inline drop_test::FakeHandler route(
    std::vector<std::pair<std::string, drop_test::FakeHandler>> routes) {
  return [routes = std::move(routes)](const drop::http_client::HttpRequest& request) {
    for (const auto& [prefix, handler] : routes) {
      if (request.url.starts_with(prefix)) return handler(request);
    }
    drop::http_client::HttpResponse missing;
    missing.status = 404;
    return missing;
  };
}

inline drop::Timestamp at(const char* rfc3339) { return *drop::parse_rfc3339(rfc3339); }

}  // namespace aws_test
