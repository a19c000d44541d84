// The SignInStateStore contract, run against every adapter (memory, SQLite, PostgreSQL): a
// stored sign-in comes back once, exactly as stored; a second take, an unknown state and a
// purged one find nothing; a duplicate state is a conflict; concurrent takes hand it out once.
//
// Usage: TEST_CASE("...") { drop_test::run_sign_in_state_store_contract(make_store); } where
// make_store() returns a std::unique_ptr to a SignInStateStore on an empty store.
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "drop/ports/sign_in_state_store.hpp"

namespace drop_test {

inline drop::ports::PendingSignIn pending_sign_in(const std::string& state, drop::Timestamp at) {
  return {state, "nonce-" + state, std::string(43, 'v') + state, at};
}

template <typename MakeStore>
void run_sign_in_state_store_contract(MakeStore make_store) {
  using drop::Timestamp;
  using drop::ports::PortError;
  const Timestamp t0 = Timestamp::from_unix_seconds(1'800'000'000);

  SECTION("a stored sign-in is taken once, exactly as stored") {
    auto store = make_store();
    const auto pending = pending_sign_in("s1", t0.plus_seconds(600));
    REQUIRE(store->put(pending).ok());
    auto first = store->take("s1");
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    CHECK(**first == pending);
    auto second = store->take("s1");
    REQUIRE(second.ok());
    CHECK_FALSE(second->has_value());
  }

  SECTION("an unknown state finds nothing") {
    auto store = make_store();
    REQUIRE(store->put(pending_sign_in("known", t0)).ok());
    auto taken = store->take("unknown");
    REQUIRE(taken.ok());
    CHECK_FALSE(taken->has_value());
  }

  SECTION("a duplicate state is a conflict and keeps the first") {
    auto store = make_store();
    REQUIRE(store->put(pending_sign_in("dup", t0)).ok());
    auto again = store->put(pending_sign_in("dup", t0.plus_seconds(5)));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().kind == PortError::Kind::conflict);
    auto taken = store->take("dup");
    REQUIRE(taken.ok());
    REQUIRE(taken->has_value());
    CHECK((*taken)->expires_at == t0);
  }

  SECTION("purge removes only what expired before now") {
    auto store = make_store();
    REQUIRE(store->put(pending_sign_in("old", t0.plus_seconds(-1))).ok());
    REQUIRE(store->put(pending_sign_in("edge", t0)).ok());
    REQUIRE(store->put(pending_sign_in("new", t0.plus_seconds(600))).ok());
    auto purged = store->purge_expired(t0);
    REQUIRE(purged.ok());
    CHECK(*purged == 1);
    CHECK_FALSE(store->take("old")->has_value());
    CHECK(store->take("edge")->has_value());
    CHECK(store->take("new")->has_value());
  }

  SECTION("concurrent takes of one state: exactly one wins") {
    auto store = make_store();
    REQUIRE(store->put(pending_sign_in("race", t0.plus_seconds(600))).ok());
    std::atomic<int> winners{0}, failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        auto taken = store->take("race");
        if (!taken.ok()) {
          ++failures;
        } else if (taken->has_value()) {
          ++winners;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(failures.load() == 0);
    CHECK(winners.load() == 1);
  }
}

}  // namespace drop_test
