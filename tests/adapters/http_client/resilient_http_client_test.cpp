// ResilientHttpClient over a scripted inner client (a queue of results), with a fake clock,
// scripted entropy and a sleeper that records instead of sleeping: 503,503,200 is retried with
// the full-jitter backoffs computed from the scripted random values; Retry-After is honoured
// (and a too-long one is not waited for); 400, 500 and tls errors are not retried; a POST not
// marked retry_safe is not retried; attempts stop at attempts_max; the breaker opens after the
// threshold, refuses without calling the service, and half-opens after the cool-down (a
// successful probe closes it, a failed one opens it again); the concurrency limit answers
// overloaded while a request is in flight (threads synchronised with promises, no timing).
#include "drop/adapters/http_client/resilient_http_client.hpp"

#include <catch2/catch.hpp>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

using drop::Err;
using drop::Result;
using drop::Timestamp;
using drop::http_client::BreakerState;
using drop::http_client::HttpClient;
using drop::http_client::HttpError;
using drop::http_client::HttpErrorKind;
using drop::http_client::HttpRequest;
using drop::http_client::HttpResponse;
using drop::http_client::ResilienceOptions;
using drop::http_client::ResilientHttpClient;

namespace {

using Outcome = Result<HttpResponse, HttpError>;

Outcome status(unsigned code, std::vector<drop::http_client::HttpHeader> headers = {}) {
  return HttpResponse{code, std::move(headers), ""};
}
Outcome failure(HttpErrorKind kind) { return Err{HttpError{kind, "scripted"}}; }

// Answers from a script; once it runs out, 200. Counts calls.
class ScriptedClient final : public HttpClient {
 public:
  explicit ScriptedClient(std::vector<Outcome> script) : script_(script.begin(), script.end()) {}
  Outcome send(const HttpRequest&) override {
    std::lock_guard lock(mutex_);
    ++calls;
    if (script_.empty()) return status(200);
    Outcome next = std::move(script_.front());
    script_.pop_front();
    return next;
  }
  int calls = 0;

 private:
  std::mutex mutex_;
  std::deque<Outcome> script_;
};

class FakeClock final : public drop::ports::Clock {
 public:
  Timestamp now() const override { return now_; }
  void advance_ms(std::int64_t milliseconds) { now_ = now_.plus_us(milliseconds * 1000); }

 private:
  Timestamp now_ = Timestamp::from_unix_seconds(1'800'000'000);
};

// Each fill() yields the next scripted 64-bit value (native byte order), then zeros.
class ScriptedEntropy final : public drop::ports::Entropy {
 public:
  explicit ScriptedEntropy(std::vector<std::uint64_t> values) : values_(std::move(values)) {}
  void fill(std::span<std::byte> bytes) override {
    const std::uint64_t value = next_ < values_.size() ? values_[next_++] : 0;
    std::memset(bytes.data(), 0, bytes.size());
    std::memcpy(bytes.data(), &value, std::min(bytes.size(), sizeof value));
  }

 private:
  std::vector<std::uint64_t> values_;
  std::size_t next_ = 0;
};

struct Harness {
  explicit Harness(std::vector<Outcome> script, ResilienceOptions options = defaults(),
                   std::vector<std::uint64_t> random = {1000, 7, 123456})
      : inner(std::move(script)),
        entropy(std::move(random)),
        client(inner, options, clock, entropy,
               [this](std::uint32_t milliseconds) { slept.push_back(milliseconds); }) {}
  static ResilienceOptions defaults() {
    ResilienceOptions options;
    options.service_name = "fake";
    options.attempts_max = 3;
    options.backoff_base_ms = 100;
    options.backoff_cap_ms = 1000;
    options.retry_after_cap_ms = 10'000;
    options.breaker_failures_threshold = 5;
    options.breaker_cooldown_ms = 30'000;
    return options;
  }
  ScriptedClient inner;
  FakeClock clock;
  ScriptedEntropy entropy;
  std::vector<std::uint32_t> slept;
  ResilientHttpClient client;
};

HttpRequest safe_get() {
  HttpRequest request;
  request.url = "https://service.test/x";
  request.retry_safe = true;
  return request;
}

}  // namespace

TEST_CASE("resilient client: 503 503 200 is retried with full-jitter backoff") {
  Harness harness({status(503), status(503)});
  auto got = harness.client.send(safe_get());
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(harness.inner.calls == 3);
  // attempt 1: uniform(0, min(1000, 100)) = 1000 % 101; attempt 2: uniform(0, 200) = 7 % 201.
  CHECK(harness.slept == std::vector<std::uint32_t>{1000 % 101, 7});
}

TEST_CASE("resilient client: the backoff ceiling doubles up to the cap") {
  ResilienceOptions options = Harness::defaults();
  options.attempts_max = 6;
  options.breaker_failures_threshold = 10;
  const std::uint64_t large = 1'000'000'007;
  Harness harness({failure(HttpErrorKind::connect), failure(HttpErrorKind::timeout),
                   failure(HttpErrorKind::resolve), status(502), status(504)},
                  options, {large, large, large, large, large});
  REQUIRE(harness.client.send(safe_get()));
  CHECK(harness.inner.calls == 6);
  CHECK(harness.slept == std::vector<std::uint32_t>{large % 101, large % 201, large % 401,
                                                    large % 801, large % 1001});
}

TEST_CASE("resilient client: 429 with Retry-After waits that long") {
  Harness harness({status(429, {{"Retry-After", "2"}}), status(503, {{"retry-after", "0"}})});
  auto got = harness.client.send(safe_get());
  REQUIRE(got);
  CHECK(got->status == 200);
  CHECK(harness.slept == std::vector<std::uint32_t>{2000, 0});
}

TEST_CASE("resilient client: a Retry-After beyond the cap is returned, a date waits the cap") {
  Harness too_long({status(429, {{"Retry-After", "3600"}})});
  auto got = too_long.client.send(safe_get());
  REQUIRE(got);
  CHECK(got->status == 429);
  CHECK(too_long.inner.calls == 1);
  CHECK(too_long.slept.empty());

  Harness dated({status(503, {{"Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"}})});
  REQUIRE(dated.client.send(safe_get()));
  CHECK(dated.slept == std::vector<std::uint32_t>{10'000});
}

TEST_CASE("resilient client: 400, 500 and tls errors are not retried") {
  for (Outcome outcome :
       {status(400), status(500), failure(HttpErrorKind::tls), failure(HttpErrorKind::too_large)}) {
    Harness harness({outcome});
    (void)harness.client.send(safe_get());
    CHECK(harness.inner.calls == 1);
    CHECK(harness.slept.empty());
  }
}

TEST_CASE("resilient client: a request not marked retry_safe is sent once") {
  Harness harness({status(503), failure(HttpErrorKind::connect)});
  HttpRequest post;
  post.method = "POST";
  post.url = "https://service.test/pay";
  auto first = harness.client.send(post);
  REQUIRE(first);
  CHECK(first->status == 503);
  auto second = harness.client.send(post);
  REQUIRE(!second);
  CHECK(second.error().kind == HttpErrorKind::connect);
  CHECK(harness.inner.calls == 2);
  CHECK(harness.slept.empty());
}

TEST_CASE("resilient client: gives up after attempts_max and returns the last answer") {
  Harness harness({status(503), status(502), status(504), status(503)});
  auto got = harness.client.send(safe_get());
  REQUIRE(got);
  CHECK(got->status == 504);
  CHECK(harness.inner.calls == 3);
  CHECK(harness.slept.size() == 2);
}

TEST_CASE("resilient client: the breaker opens after the threshold and half-opens later") {
  ResilienceOptions options = Harness::defaults();
  options.attempts_max = 1;
  options.breaker_failures_threshold = 3;
  Harness harness({status(503), failure(HttpErrorKind::timeout), status(500), status(503)},
                  options);
  for (int i = 0; i < 3; ++i) (void)harness.client.send(safe_get());
  CHECK(harness.client.breaker_state() == BreakerState::open);
  auto refused = harness.client.send(safe_get());
  REQUIRE(!refused);
  CHECK(refused.error().kind == HttpErrorKind::circuit_open);
  CHECK(harness.inner.calls == 3);

  harness.clock.advance_ms(29'999);
  CHECK(!harness.client.send(safe_get()));
  CHECK(harness.inner.calls == 3);
  harness.clock.advance_ms(1);
  auto probe = harness.client.send(safe_get());  // the probe: 503, opens again
  REQUIRE(probe);
  CHECK(probe->status == 503);
  CHECK(harness.inner.calls == 4);
  CHECK(harness.client.breaker_state() == BreakerState::open);
  CHECK(!harness.client.send(safe_get()));

  harness.clock.advance_ms(30'000);
  auto healed = harness.client.send(safe_get());  // the probe: 200, closes
  REQUIRE(healed);
  CHECK(healed->status == 200);
  CHECK(harness.client.breaker_state() == BreakerState::closed);
  CHECK(harness.client.send(safe_get()));
  CHECK(harness.inner.calls == 6);
}

TEST_CASE("resilient client: a success resets the consecutive failure count") {
  ResilienceOptions options = Harness::defaults();
  options.attempts_max = 1;
  options.breaker_failures_threshold = 2;
  Harness harness({status(503), status(200), status(503), status(404)}, options);
  for (int i = 0; i < 4; ++i) (void)harness.client.send(safe_get());
  CHECK(harness.client.breaker_state() == BreakerState::closed);
}

namespace {
// Blocks inside send() until released, so a request is provably in flight.
class BlockingClient final : public HttpClient {
 public:
  Outcome send(const HttpRequest&) override {
    entered.set_value();
    release.get_future().wait();
    return status(200);
  }
  std::promise<void> entered;
  std::promise<void> release;
};
}  // namespace

TEST_CASE("resilient client: requests beyond the concurrency limit fail with overloaded") {
  BlockingClient inner;
  FakeClock clock;
  ScriptedEntropy entropy({});
  ResilienceOptions options = Harness::defaults();
  options.concurrency_max = 1;
  ResilientHttpClient client(inner, options, clock, entropy, [](std::uint32_t) {});
  std::future<void> entered = inner.entered.get_future();
  std::thread first([&] { CHECK(client.send(safe_get())); });
  entered.wait();
  auto refused = client.send(safe_get());
  REQUIRE(!refused);
  CHECK(refused.error().kind == HttpErrorKind::overloaded);
  CHECK(refused.error().message.find("fake") != std::string::npos);
  inner.release.set_value();
  first.join();
}

TEST_CASE("resilient client: Retry-After values") {
  using drop::http_client::parse_retry_after_ms;
  CHECK(parse_retry_after_ms("120", 5) == 120'000u);
  CHECK(parse_retry_after_ms(" 0 ", 5) == 0u);
  CHECK(parse_retry_after_ms("Fri, 31 Dec 1999 23:59:59 GMT", 5) == 5u);
  CHECK(parse_retry_after_ms("99999999999999", 5) == UINT32_MAX);
  CHECK(!parse_retry_after_ms("-1", 5));
  CHECK(!parse_retry_after_ms("soon", 5));
}
