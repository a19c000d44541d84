// The RateLimitStore contract, run against every adapter (memory, SQLite, PostgreSQL): a store
// must give exactly the decisions of the pure GCRA step, per key, atomically.
//
// Usage in an adapter's test file:
//   TEST_CASE("rate limit store contract") { run_rate_limit_store_contract(make_store); }
// where make_store() returns a std::unique_ptr<drop::ports::RateLimitStore> on an empty store.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drop/ports/rate_limit_store.hpp"

namespace drop_test {

template <typename MakeStore>
void run_rate_limit_store_contract(MakeStore make_store) {
  using drop::Timestamp;
  using drop::ratelimit::Policy;
  const Timestamp t0 = Timestamp::from_unix_seconds(1'800'000'000);

  SECTION("decisions equal the pure GCRA step, key by key") {
    auto store = make_store();
    const Policy policy = Policy::per_minute(10);
    std::optional<Timestamp> model_a, model_b;
    for (int i = 0; i < 40; ++i) {
      const Timestamp now = t0.plus_us(i * 750'000);  // 0.75 s apart
      for (auto* model : {&model_a, &model_b}) {
        const std::string key = model == &model_a ? "ip:10.0.0.1" : "user:usr_b";
        const auto expected = drop::ratelimit::step(*model, policy, now);
        *model = expected.new_tat;
        auto decision = store->take(key, policy, now);
        REQUIRE(decision.ok());
        CHECK(decision->allowed == expected.decision.allowed);
        CHECK(decision->remaining == expected.decision.remaining);
        CHECK(decision->reset_s == expected.decision.reset_s);
        CHECK(decision->retry_after_s == expected.decision.retry_after_s);
        CHECK(decision->limit == 10);
      }
    }
  }

  SECTION("concurrent takes on one key admit exactly the burst") {
    auto store = make_store();
    const Policy policy = Policy::per_minute(50);
    std::atomic<int> admitted{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 25; ++i) {
          auto decision = store->take("ip:shared", policy, t0);
          if (!decision.ok()) {
            ++failures;
          } else if (decision->allowed) {
            ++admitted;
          }
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(failures.load() == 0);
    CHECK(admitted.load() == 50);
  }

  SECTION("a refused request does not consume") {
    auto store = make_store();
    const Policy policy = Policy::per_minute(2);
    REQUIRE(store->take("k", policy, t0)->allowed);
    REQUIRE(store->take("k", policy, t0)->allowed);
    for (int i = 0; i < 100; ++i) REQUIRE_FALSE(store->take("k", policy, t0)->allowed);
    CHECK(store->take("k", policy, t0.plus_seconds(30))->allowed);
  }
}

}  // namespace drop_test
