// PgRateLimitStore against the RateLimitStore contract on a real PostgreSQL, plus two pools
// (as two server processes) sharing one key: together they admit exactly the burst.
#include "drop/adapters/postgres/pg_rate_limit_store.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "contract/rate_limit_store_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"

using namespace drop::adapters::postgres;
using drop_test::TestDatabase;

namespace {

// Owns its pool so that each contract section gets a clean, migrated database.
struct OwningStore final : drop::ports::RateLimitStore {
  TestDatabase database;
  std::unique_ptr<PgPool> pool = TestDatabase::open_pool(database.url(), 8);
  std::unique_ptr<PgRateLimitStore> store;
  OwningStore() {
    REQUIRE(migrate(*pool).ok());
    store = std::make_unique<PgRateLimitStore>(*pool);
  }
  drop::Result<drop::ratelimit::Decision, drop::ports::PortError> take(
      std::string_view key, const drop::ratelimit::Policy& policy, drop::Timestamp now) override {
    return store->take(key, policy, now);
  }
};

}  // namespace

TEST_CASE("postgres rate limit store: contract") {
  drop_test::run_rate_limit_store_contract([] { return std::make_unique<OwningStore>(); });
}

TEST_CASE("postgres rate limit store: two instances share one exact limit") {
  TestDatabase database;
  auto first_pool = TestDatabase::open_pool(database.url(), 4);
  auto second_pool = TestDatabase::open_pool(database.url(), 4);
  REQUIRE(migrate(*first_pool).ok());
  PgRateLimitStore first(*first_pool), second(*second_pool);
  const auto policy = drop::ratelimit::Policy::per_minute(10);
  const auto now = drop::Timestamp::from_unix_seconds(1'800'000'000);
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      PgRateLimitStore& store = t % 2 == 0 ? first : second;
      for (int i = 0; i < 5; ++i) {
        auto decision = store.take("auth:203.0.113.9", policy, now);
        if (decision.ok() && decision->allowed) ++admitted;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(admitted.load() == 10);
}
