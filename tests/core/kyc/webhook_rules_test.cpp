// The KYC webhook rules of drop/kyc/webhook.hpp: Sumsub's createdAtMs text as epoch
// milliseconds (checked against values computed with `date -u`), and which events move a user
// to which status; "newer" is strict.
#include <catch2/catch.hpp>

#include "drop/kyc/webhook.hpp"

using drop::kyc::parse_created_at_ms;
using drop::kyc::RejectType;
using drop::kyc::ReviewAnswer;
using drop::kyc::WebhookEvent;
using drop::users::KycStatus;

TEST_CASE("kyc webhook: createdAtMs parses as UTC milliseconds") {
  CHECK(parse_created_at_ms("2020-02-21 13:23:19.002") == 1'582'291'399'002);
  CHECK(parse_created_at_ms("2020-02-21 13:23:19.321") == 1'582'291'399'321);
  CHECK(parse_created_at_ms("2020-02-21 13:23:19") == 1'582'291'399'000);
  CHECK(parse_created_at_ms("2020-02-21T13:23:19.5") == 1'582'291'399'500);
  CHECK(parse_created_at_ms("1970-01-01 00:00:00.000") == 0);
}

TEST_CASE("kyc webhook: malformed createdAtMs is refused") {
  for (const char* text :
       {"", "2020-02-21", "2020-02-30 13:23:19.002", "2020-02-21 24:00:00", "2020-02-21 13:60:00",
        "2020-02-21 13:23:19.", "2020-02-21 13:23:19Z", "2020-02-21 13:23:19.0021",
        "2020-02-21X13:23:19", "2020-02-21 1a:23:19", "1582291399002"}) {
    INFO(text);
    CHECK_FALSE(parse_created_at_ms(text).has_value());
  }
}

TEST_CASE("kyc webhook: review answers map to statuses") {
  WebhookEvent event;
  event.type = "applicantReviewed";
  event.answer = ReviewAnswer::green;
  CHECK(status_after(event) == KycStatus::approved);
  event.answer = ReviewAnswer::red;
  event.reject_type = RejectType::retry;
  CHECK(status_after(event) == KycStatus::retry);
  event.reject_type = RejectType::final_rejection;
  CHECK(status_after(event) == KycStatus::rejected);
  event.reject_type = RejectType::none;
  CHECK_FALSE(status_after(event).has_value());
  event.answer = ReviewAnswer::none;
  CHECK_FALSE(status_after(event).has_value());
  event.type = "applicantPending";
  CHECK(status_after(event) == KycStatus::pending);
  event.type = "applicantOnHold";
  CHECK(status_after(event) == KycStatus::pending);
  event.type = "applicantCreated";
  CHECK_FALSE(status_after(event).has_value());
  event.type = "somethingNew";
  event.answer = ReviewAnswer::green;
  CHECK_FALSE(status_after(event).has_value());
}

TEST_CASE("kyc webhook: parsing of answers and the newer rule") {
  CHECK(drop::kyc::parse_review_answer("GREEN") == ReviewAnswer::green);
  CHECK(drop::kyc::parse_review_answer("RED") == ReviewAnswer::red);
  CHECK(drop::kyc::parse_review_answer("green") == ReviewAnswer::none);
  CHECK(drop::kyc::parse_reject_type("RETRY") == RejectType::retry);
  CHECK(drop::kyc::parse_reject_type("FINAL") == RejectType::final_rejection);
  CHECK(drop::kyc::parse_reject_type("") == RejectType::none);
  CHECK(drop::kyc::is_newer(2, 1));
  CHECK_FALSE(drop::kyc::is_newer(1, 1));
  CHECK_FALSE(drop::kyc::is_newer(0, 1));
}
