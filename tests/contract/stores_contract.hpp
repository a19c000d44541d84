// Contracts of UserStore, IdempotencyStore and RevokedTokenStore, run against every adapter
// (memory, SQLite, PostgreSQL). Each function takes a factory returning a fresh, empty store
// (std::unique_ptr<Port> or anything dereferencing to the port).
#pragma once

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "drop/ports/idempotency_store.hpp"
#include "drop/ports/revoked_token_store.hpp"
#include "drop/ports/user_store.hpp"

namespace drop_test {

inline drop::users::User make_user(const std::string& id, const std::string& subject,
                                   const std::string& name = "Ola Nordmann") {
  drop::users::User user;
  user.id = id;
  user.name = name;
  user.identity_subject = subject;
  user.created_at = drop::Timestamp::from_unix_seconds(1'800'000'000);
  user.updated_at = user.created_at;
  return user;
}

template <typename MakeStore>
void run_user_store_contract(MakeStore make_store) {
  using drop::users::KycStatus;
  const auto now = drop::Timestamp::from_unix_seconds(1'800'000'100);

  SECTION("find_or_create creates once, then returns the stored user unchanged") {
    auto store = make_store();
    auto created = store->find_or_create(make_user("usr_1", "dev:ola"));
    REQUIRE(created.ok());
    CHECK(created->id == "usr_1");
    CHECK(created->kyc_status == KycStatus::none);
    auto again = store->find_or_create(make_user("usr_2", "dev:ola", "Other Name"));
    REQUIRE(again.ok());
    CHECK(again->id == "usr_1");
    CHECK(again->name == "Ola Nordmann");
    auto found = store->find_by_id("usr_1");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK(**found == *created);
    CHECK_FALSE(store->find_by_id("usr_2")->has_value());
    CHECK_FALSE(store->find_by_id("usr_missing")->has_value());
  }

  SECTION("racing sign-ins of one subject create one user") {
    auto store = make_store();
    std::vector<std::string> ids(8);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&, i] {
        auto user = store->find_or_create(make_user("usr_r" + std::to_string(i), "bankid:race"));
        if (user.ok()) ids[static_cast<std::size_t>(i)] = user->id;
      });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& id : ids) CHECK(id == ids.front());
    CHECK_FALSE(ids.front().empty());
  }

  SECTION("KYC status applies only newer events") {
    auto store = make_store();
    REQUIRE(store->find_or_create(make_user("usr_k", "dev:k")).ok());
    CHECK(store->set_kyc_status("usr_k", KycStatus::pending, 1000, now).value());
    CHECK(store->set_kyc_status("usr_k", KycStatus::approved, 3000, now).value());
    CHECK_FALSE(store->set_kyc_status("usr_k", KycStatus::retry, 2000, now).value());  // stale
    CHECK_FALSE(store->set_kyc_status("usr_k", KycStatus::retry, 3000, now).value());  // duplicate
    CHECK_FALSE(store->set_kyc_status("usr_none", KycStatus::approved, 9000, now).value());
    auto user = store->find_by_id("usr_k");
    CHECK((*user)->kyc_status == KycStatus::approved);
    CHECK((*user)->kyc_updated_at_ms == 3000);
  }

  SECTION("a wallet account is set once") {
    auto store = make_store();
    REQUIRE(store->find_or_create(make_user("usr_w", "dev:w")).ok());
    CHECK(store->set_wallet_account("usr_w", 42, now).ok());
    CHECK(store->set_wallet_account("usr_w", 42, now).ok());
    CHECK_FALSE(store->set_wallet_account("usr_w", 43, now).ok());
    CHECK((*store->find_by_id("usr_w"))->wallet_account_id == 42);
  }
}

template <typename MakeStore>
void run_idempotency_store_contract(MakeStore make_store) {
  using Outcome = drop::ports::IdempotencyBegin::Outcome;
  const auto t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
  const std::int64_t day_s = 24 * 3600;

  SECTION("started, in progress, replay, mismatch") {
    auto store = make_store();
    CHECK(store->begin("usr_1", "k1", "h1", t0, day_s, 60)->outcome == Outcome::started);
    CHECK(store->begin("usr_1", "k1", "h1", t0, day_s, 60)->outcome == Outcome::in_progress);
    CHECK(store->begin("usr_1", "k1", "h2", t0, day_s, 60)->outcome == Outcome::mismatch);
    CHECK(store->begin("usr_2", "k1", "h1", t0, day_s, 60)->outcome ==
          Outcome::started);  // per user
    REQUIRE(store->complete("usr_1", "k1", 201, R"({"id":"trf_1"})").ok());
    auto replay = store->begin("usr_1", "k1", "h1", t0.plus_seconds(10), day_s, 60);
    REQUIRE(replay.ok());
    CHECK(replay->outcome == Outcome::replay);
    CHECK(replay->status_code == 201);
    CHECK(replay->response_body == R"({"id":"trf_1"})");
    CHECK(store->begin("usr_1", "k1", "h2", t0, day_s, 60)->outcome == Outcome::mismatch);
  }

  SECTION("release lets a retry start again; an abandoned run can be claimed after the lease") {
    auto store = make_store();
    REQUIRE(store->begin("s", "k", "h", t0, day_s, 60)->outcome == Outcome::started);
    REQUIRE(store->release("s", "k").ok());
    CHECK(store->begin("s", "k", "h", t0, day_s, 60)->outcome == Outcome::started);
    CHECK(store->begin("s", "k", "h", t0.plus_seconds(59), day_s, 60)->outcome ==
          Outcome::in_progress);
    CHECK(store->begin("s", "k", "h", t0.plus_seconds(61), day_s, 60)->outcome == Outcome::started);
  }

  SECTION("records expire after retention and are purged") {
    auto store = make_store();
    REQUIRE(store->begin("s", "old", "h", t0, day_s, 60)->outcome == Outcome::started);
    REQUIRE(store->complete("s", "old", 201, "{}").ok());
    CHECK(store->begin("s", "old", "h", t0.plus_seconds(day_s - 1), day_s, 60)->outcome ==
          Outcome::replay);
    CHECK(store->purge_expired(t0.plus_seconds(day_s - 1)).value() == 0);
    CHECK(store->purge_expired(t0.plus_seconds(day_s)).value() == 1);
    CHECK(store->begin("s", "old", "h2", t0.plus_seconds(day_s), day_s, 60)->outcome ==
          Outcome::started);
  }

  SECTION("concurrent begins with one key: exactly one starts") {
    auto store = make_store();
    std::atomic<int> started{0}, in_progress{0}, failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&] {
        auto begun = store->begin("usr_c", "same-key", "h", t0, day_s, 60);
        if (!begun.ok())
          ++failed;
        else if (begun->outcome == Outcome::started)
          ++started;
        else if (begun->outcome == Outcome::in_progress)
          ++in_progress;
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(failed.load() == 0);
    CHECK(started.load() == 1);
    CHECK(in_progress.load() == 7);
  }
}

template <typename MakeStore>
void run_revoked_token_store_contract(MakeStore make_store) {
  const auto t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);
  auto store = make_store();
  CHECK_FALSE(store->is_revoked("jti-1", t0).value());
  REQUIRE(store->revoke("jti-1", t0.plus_seconds(900)).ok());
  REQUIRE(store->revoke("jti-1", t0.plus_seconds(900)).ok());  // idempotent
  CHECK(store->is_revoked("jti-1", t0).value());
  CHECK(store->is_revoked("jti-1", t0.plus_seconds(899)).value());
  CHECK_FALSE(store->is_revoked("jti-1", t0.plus_seconds(900)).value());
  CHECK_FALSE(store->is_revoked("jti-2", t0).value());
}

}  // namespace drop_test
