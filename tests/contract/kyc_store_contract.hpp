// Contract of KycStore, run against every adapter (memory, SQLite, PostgreSQL). The factory
// returns a fresh object with `users` (a UserStore) and `kyc` (a KycStore) on one database.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "contract/stores_contract.hpp"
#include "drop/ports/kyc_store.hpp"

namespace drop_test {

inline drop::ports::KycEventRecord kyc_event(const std::string& id, const std::string& user_id) {
  drop::ports::KycEventRecord event;
  event.id = id;
  event.user_id = user_id;
  event.event_type = "applicantReviewed";
  event.review_answer = "GREEN";
  event.created_at_ms = 1'582'291'399'321;
  event.received_at = drop::Timestamp::from_unix_seconds(1'800'000'000);
  return event;
}

template <typename MakeStores>
void run_kyc_store_contract(MakeStores make_stores) {
  const auto now = drop::Timestamp::from_unix_seconds(1'800'000'100);

  SECTION("the first applicant id of a user wins") {
    auto stores = make_stores();
    REQUIRE(stores->users->find_or_create(make_user("usr_k1", "dev:k1")).ok());
    CHECK_FALSE(stores->kyc->applicant_of("usr_k1")->has_value());
    auto saved = stores->kyc->save_applicant("usr_k1", "app_1", now);
    REQUIRE(saved.ok());
    CHECK(*saved == "app_1");
    auto again = stores->kyc->save_applicant("usr_k1", "app_2", now);
    REQUIRE(again.ok());
    CHECK(*again == "app_1");
    auto found = stores->kyc->applicant_of("usr_k1");
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK(**found == "app_1");
  }

  SECTION("an event is recorded once and processed once") {
    auto stores = make_stores();
    REQUIRE(stores->users->find_or_create(make_user("usr_k2", "dev:k2")).ok());
    auto first = stores->kyc->record_event(kyc_event("ev_1", "usr_k2"));
    REQUIRE(first.ok());
    CHECK(*first);
    // Stored but not processed (a crash or failure in between): still needs processing.
    auto redelivered = stores->kyc->record_event(kyc_event("ev_1", "usr_k2"));
    REQUIRE(redelivered.ok());
    CHECK(*redelivered);
    REQUIRE(stores->kyc->mark_processed("ev_1", now).ok());
    REQUIRE(stores->kyc->mark_processed("ev_1", now).ok());
    auto duplicate = stores->kyc->record_event(kyc_event("ev_1", "usr_k2"));
    REQUIRE(duplicate.ok());
    CHECK_FALSE(*duplicate);
  }

  SECTION("an event for no known user is still recorded") {
    auto stores = make_stores();
    auto recorded = stores->kyc->record_event(kyc_event("ev_orphan", ""));
    REQUIRE(recorded.ok());
    CHECK(*recorded);
    REQUIRE(stores->kyc->mark_processed("ev_orphan", now).ok());
    CHECK_FALSE(*stores->kyc->record_event(kyc_event("ev_orphan", "")));
  }
}

}  // namespace drop_test
