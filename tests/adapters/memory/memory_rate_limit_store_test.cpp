// MemoryRateLimitStore against the RateLimitStore contract, plus its memory bound.
#include "drop/adapters/memory/memory_rate_limit_store.hpp"

#include <catch2/catch.hpp>

#include "contract/rate_limit_store_contract.hpp"
#include "drop/limits.hpp"

using drop::adapters::memory::MemoryRateLimitStore;

TEST_CASE("memory rate limit store: contract") {
  drop_test::run_rate_limit_store_contract([] { return std::make_unique<MemoryRateLimitStore>(); });
}

TEST_CASE("memory rate limit store: keys whose TAT passed are swept, not kept forever") {
  MemoryRateLimitStore store;
  const auto policy = drop::ratelimit::Policy::per_minute(10);
  const auto t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
  for (int i = 0; i < 1000; ++i) REQUIRE(store.take("k" + std::to_string(i), policy, t0).ok());
  CHECK(store.size() == 1000);
  // Sweeps happen only when a shard is full; an expired key reused starts from a full bucket.
  for (int i = 0; i < 10; ++i) CHECK(store.take("k1", policy, t0.plus_seconds(3600))->allowed);
  CHECK_FALSE(store.take("k1", policy, t0.plus_seconds(3600))->allowed);
}

TEST_CASE("memory rate limit store: bounded: full shards refuse, then recover once keys expire") {
  // Fills the store with live keys until it refuses (bound: limits::memory_rate_limit_keys_max),
  // then shows that keys whose TAT has passed are swept to make room again.
  MemoryRateLimitStore store;
  const auto policy = drop::ratelimit::Policy::per_minute(10);
  const auto t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
  std::size_t refused = 0;
  std::size_t i = 0;
  for (; i < 1'200'000 && refused == 0; ++i) {
    auto decision = store.take("k" + std::to_string(i), policy, t0);
    if (!decision.ok()) {
      CHECK(decision.error().kind == drop::ports::PortError::Kind::unavailable);
      ++refused;
    }
  }
  CHECK(refused == 1);
  CHECK(store.size() <= drop::limits::memory_rate_limit_keys_max);
  CHECK(store.size() > drop::limits::memory_rate_limit_keys_max / 2);
  // An hour later every stored TAT has passed: the same new key is admitted.
  auto later = store.take("k" + std::to_string(i - 1), policy, t0.plus_seconds(3600));
  REQUIRE(later.ok());
  CHECK(later->allowed);
}
